package io.visiongrade.engine.model;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.visiongrade.engine.data.LabeledImages;
import io.visiongrade.engine.eval.EvaluationResult;
import io.visiongrade.engine.eval.Evaluator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * A student's TorchScript model ({@code torch.jit.trace(...).save(path)} or {@code
 * torch.jit.script}), loaded from a local file with DJL's PyTorch engine and checked against the
 * dataset's input shape and class count. The model receives {@code [N, C, H, W]} float32 pixels
 * divided by 255 and must return {@code [N, classes]} scores.
 *
 * <p>Files that are not TorchScript are refused before libtorch sees them where the format tells:
 * anything that is not a zip archive (a legacy pickle, random bytes) and zip archives without
 * TorchScript's {@code code/} and {@code constants.pkl} entries (a {@code torch.save} checkpoint).
 * Nothing here unpickles Python objects; libtorch's own load errors become "not a TorchScript
 * model".
 */
public final class TorchScriptModel implements AutoCloseable {
  /** Default largest accepted file. */
  public static final long DEFAULT_MAX_BYTES = 100L << 20;

  private static final int BATCH = 256;

  private final Model model;
  private final int channels;
  private final int height;
  private final int width;
  private final int numClasses;

  private TorchScriptModel(Model model, int channels, int height, int width, int numClasses) {
    this.model = model;
    this.channels = channels;
    this.height = height;
    this.width = width;
    this.numClasses = numClasses;
  }

  /**
   * Loads and checks a TorchScript file for images shaped like {@code data} and its classes.
   *
   * @throws ModelFormatException if it is not TorchScript, too large, or its input/output shapes do
   *     not fit
   */
  public static TorchScriptModel load(Path file, LabeledImages data) throws ModelFormatException {
    return load(
        file, data.channels(), data.height(), data.width(), data.numClasses(), DEFAULT_MAX_BYTES);
  }

  /** As {@link #load(Path, LabeledImages)} with the shape given explicitly. */
  public static TorchScriptModel load(
      Path file, int channels, int height, int width, int numClasses, long maxBytes)
      throws ModelFormatException {
    precheck(file, maxBytes);
    NativeTuning.tune();
    Model model = Model.newInstance("submission", Device.cpu(), "PyTorch");
    try {
      model.load(file.toAbsolutePath());
    } catch (IOException | MalformedModelException | RuntimeException e) {
      model.close();
      throw new ModelFormatException(
          "not a TorchScript model: libtorch could not load it (" + firstLine(e) + ")", e);
    }
    TorchScriptModel m = new TorchScriptModel(model, channels, height, width, numClasses);
    try {
      m.checkShapes();
      return m;
    } catch (ModelFormatException | RuntimeException e) {
      m.close();
      throw e;
    }
  }

  /** Refuses what is certainly not TorchScript without handing it to libtorch. */
  static void precheck(Path file, long maxBytes) throws ModelFormatException {
    long size;
    byte[] head = new byte[4];
    int read;
    try {
      size = Files.size(file);
      try (InputStream in = Files.newInputStream(file)) {
        read = in.readNBytes(head, 0, 4);
      }
    } catch (IOException e) {
      throw new ModelFormatException(
          "cannot read " + file.getFileName() + ": " + e.getMessage(), e);
    }
    if (size > maxBytes) {
      throw new ModelFormatException(
          "model file of " + size + " bytes exceeds the limit of " + maxBytes + " bytes");
    }
    boolean zip = read == 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
    if (!zip) {
      String hint =
          read > 0 && (head[0] & 0xFF) == 0x80
              ? " (it looks like a Python pickle, e.g. an old-style torch.save file)"
              : " (it is not a zip archive)";
      throw new ModelFormatException("not a TorchScript model" + hint + EXPORT_HINT);
    }
    boolean code = false;
    boolean constants = false;
    boolean data = false;
    try (ZipFile z = new ZipFile(file.toFile())) {
      Enumeration<? extends ZipEntry> entries = z.entries();
      while (entries.hasMoreElements()) {
        String name = entries.nextElement().getName();
        code |= name.contains("/code/") || name.startsWith("code/");
        constants |= name.endsWith("/constants.pkl") || name.equals("constants.pkl");
        data |= name.endsWith("/data.pkl") || name.equals("data.pkl");
      }
    } catch (ZipException e) {
      throw new ModelFormatException(
          "not a TorchScript model (corrupt zip archive)" + EXPORT_HINT, e);
    } catch (IOException e) {
      throw new ModelFormatException(
          "cannot read " + file.getFileName() + ": " + e.getMessage(), e);
    }
    if (!code || !constants) {
      String what =
          data
              ? " (it is a torch.save checkpoint: a state_dict or pickled module, without code/ and"
                  + " constants.pkl)"
              : " (the archive has no TorchScript code/ and constants.pkl entries)";
      throw new ModelFormatException("not a TorchScript model" + what + EXPORT_HINT);
    }
  }

  private static final String EXPORT_HINT =
      "; export it with torch.jit.trace(model, example_input).save(\"model.pt\") or"
          + " torch.jit.script(model).save(\"model.pt\")";

  private void checkShapes() throws ModelFormatException {
    Shape in = new Shape(2, channels, height, width);
    try (NDManager scope = model.getNDManager().newSubManager()) {
      NDList out;
      try {
        out = forward(scope, scope.zeros(in, DataType.FLOAT32));
      } catch (RuntimeException e) {
        throw new ModelFormatException(
            "the model does not accept input of shape "
                + in
                + " (float32, pixels / 255): "
                + firstLine(e),
            e);
      }
      if (out.size() != 1) {
        throw new ModelFormatException(
            "the model returns "
                + out.size()
                + " tensors; expected one of shape (N, "
                + numClasses
                + ")");
      }
      Shape s = out.singletonOrThrow().getShape();
      if (s.dimension() != 2 || s.get(0) != 2 || s.get(1) != numClasses) {
        throw new ModelFormatException(
            "the model's output shape is "
                + s
                + " for a batch of 2; expected (2, "
                + numClasses
                + "): one score per class ("
                + numClasses
                + " classes)");
      }
    }
  }

  private NDList forward(NDManager scope, NDArray x) {
    return model.getBlock().forward(new ParameterStore(scope, false), new NDList(x), false);
  }

  /** Scores for every image, row-major {@code [size, classes]}. */
  public float[] logits(LabeledImages data) {
    if (data.channels() != channels || data.height() != height || data.width() != width) {
      throw new IllegalArgumentException(
          "images are "
              + data.channels()
              + "x"
              + data.height()
              + "x"
              + data.width()
              + ", model was checked for "
              + channels
              + "x"
              + height
              + "x"
              + width);
    }
    int size = data.imageSize();
    int n = data.size();
    float[] out = new float[n * numClasses];
    byte[] pixels = data.pixels();
    ByteBuffer buf = ByteBuffer.allocateDirect(BATCH * size * 4).order(ByteOrder.nativeOrder());
    for (int start = 0; start < n; start += BATCH) {
      int m = Math.min(BATCH, n - start);
      buf.clear();
      FloatBuffer fb = buf.asFloatBuffer();
      for (int i = 0; i < m * size; i++) {
        fb.put((pixels[start * size + i] & 0xFF) / 255f);
      }
      buf.limit(m * size * 4);
      try (NDManager scope = model.getNDManager().newSubManager()) {
        NDArray x = scope.create(buf, new Shape(m, channels, height, width), DataType.FLOAT32);
        NDArray y = forward(scope, x).singletonOrThrow();
        if (y.getShape().dimension() != 2 || y.getShape().get(1) != numClasses) {
          throw new IllegalStateException("unexpected output shape " + y.getShape());
        }
        System.arraycopy(
            y.toType(DataType.FLOAT32, false).toFloatArray(),
            0,
            out,
            start * numClasses,
            m * numClasses);
      }
    }
    return out;
  }

  /** Evaluates on a dataset (top-k accuracy with {@code topK}). */
  public EvaluationResult evaluate(LabeledImages data, int topK) {
    return Evaluator.fromLogits(logits(data), data, topK);
  }

  private static String firstLine(Throwable e) {
    String m = String.valueOf(e.getMessage());
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }

  @Override
  public void close() {
    model.close();
  }
}
