package io.visiongrade.engine.model;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import io.visiongrade.engine.data.LabeledImages;
import io.visiongrade.engine.spec.CnnSpec;
import io.visiongrade.engine.spec.ModelSummary;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A CNN built from a spec, with its class names and parameters in native memory. Owns an {@link
 * NDManager}: close it (try-with-resources). Inference ({@link #logits}) is thread-safe; training
 * mutates the parameters and must not overlap with inference.
 */
public final class CnnModel implements AutoCloseable {
  /** Images per forward pass in inference; large batches amortise per-op overhead. */
  public static final int INFERENCE_BATCH = 512;

  private final CnnSpec spec;
  private final ModelSummary summary;
  private final List<String> classNames;
  private final NDManager manager;
  private final SequentialBlock block;

  private CnnModel(
      CnnSpec spec,
      ModelSummary summary,
      List<String> classNames,
      NDManager manager,
      SequentialBlock block) {
    this.spec = spec;
    this.summary = summary;
    this.classNames = List.copyOf(classNames);
    this.manager = manager;
    this.block = block;
  }

  /**
   * A new model with freshly initialised parameters, drawn from the engine's random generator after
   * seeding it with {@code seed}.
   *
   * @param summary the result of {@code spec.summarize(classNames.size(), limits)}
   */
  public static CnnModel create(
      CnnSpec spec, ModelSummary summary, List<String> classNames, long seed) {
    Objects.requireNonNull(summary, "summary");
    if (summary.numClasses() != classNames.size()) {
      throw new IllegalArgumentException(
          "summary is for " + summary.numClasses() + " classes, got " + classNames.size());
    }
    NativeTuning.tune();
    NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
    try {
      SequentialBlock block = CnnBlockFactory.build(spec, classNames.size());
      Engine.getEngine("PyTorch").setRandomSeed((int) seed);
      block.initialize(manager, DataType.FLOAT32, CnnBlockFactory.inputShape(spec, 1));
      return new CnnModel(spec, summary, classNames, manager, block);
    } catch (RuntimeException e) {
      manager.close();
      throw e;
    }
  }

  public CnnSpec spec() {
    return spec;
  }

  public ModelSummary summary() {
    return summary;
  }

  public List<String> classNames() {
    return classNames;
  }

  public int numClasses() {
    return classNames.size();
  }

  /** The DJL block, for the trainer and for saving; do not close its parameters. */
  public SequentialBlock block() {
    return block;
  }

  /** The manager owning the parameters. */
  public NDManager manager() {
    return manager;
  }

  /** Every parameter (trainable and running statistics) in block order. */
  public List<Parameter> parameters() {
    List<Parameter> out = new ArrayList<>();
    for (Pair<String, Parameter> p : block.getParameters()) {
      out.add(p.getValue());
    }
    return out;
  }

  /**
   * Raw class scores for every image of {@code data}, row-major {@code [size, numClasses]}.
   *
   * @throws IllegalArgumentException if the images do not have the spec's input shape
   */
  public float[] logits(LabeledImages data) {
    checkShape(data.channels(), data.height(), data.width());
    return logits(data.pixels(), data.size());
  }

  /** Raw class scores for {@code count} uint8 NCHW images of the spec's input shape. */
  public float[] logits(byte[] pixels, int count) {
    int size = imageSize();
    if ((long) count * size != pixels.length) {
      throw new IllegalArgumentException(
          "expected " + count + " images of " + size + " bytes, got " + pixels.length + " bytes");
    }
    int c = numClasses();
    float[] out = new float[count * c];
    int batch = Math.min(INFERENCE_BATCH, Math.max(count, 1));
    ByteBuffer buf = ByteBuffer.allocateDirect(batch * size * 4).order(ByteOrder.nativeOrder());
    for (int start = 0; start < count; start += batch) {
      int n = Math.min(batch, count - start);
      buf.clear();
      FloatBuffer fb = buf.asFloatBuffer();
      int base = start * size;
      for (int i = 0; i < n * size; i++) {
        fb.put((pixels[base + i] & 0xFF) * (1f / 255f));
      }
      buf.limit(n * size * 4);
      try (NDManager sub = manager.newSubManager()) {
        NDArray x = sub.create(buf, shape(n), DataType.FLOAT32);
        NDArray y = forward(sub, x, false);
        float[] f = y.toFloatArray();
        System.arraycopy(f, 0, out, start * c, n * c);
      }
    }
    return out;
  }

  /**
   * Forward pass of a normalised float batch {@code [n, C, H, W]}; the result lives in {@code x}'s
   * manager.
   */
  public NDArray forward(NDManager scope, NDArray x, boolean training) {
    return block
        .forward(new ParameterStore(scope, false), new NDList(x), training)
        .singletonOrThrow();
  }

  /** {@code [n, C, H, W]} of the spec's input. */
  public Shape shape(long n) {
    return CnnBlockFactory.inputShape(spec, n);
  }

  /** Bytes (and floats) per image. */
  public int imageSize() {
    return spec.input().channels() * spec.input().height() * spec.input().width();
  }

  void checkShape(int channels, int height, int width) {
    if (channels != spec.input().channels()
        || height != spec.input().height()
        || width != spec.input().width()) {
      throw new IllegalArgumentException(
          "images are "
              + channels
              + "x"
              + height
              + "x"
              + width
              + " but the model expects "
              + spec.input().channels()
              + "x"
              + spec.input().height()
              + "x"
              + spec.input().width());
    }
  }

  /** Wraps a block whose parameters were loaded into {@code manager}; takes ownership. */
  static CnnModel of(
      CnnSpec spec,
      ModelSummary summary,
      List<String> classNames,
      NDManager manager,
      SequentialBlock block) {
    return new CnnModel(spec, summary, classNames, manager, block);
  }

  @Override
  public void close() {
    manager.close();
  }
}
