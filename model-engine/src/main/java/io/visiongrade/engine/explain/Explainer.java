package io.visiongrade.engine.explain;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.visiongrade.engine.Autograd;
import io.visiongrade.engine.data.LabeledImages;
import io.visiongrade.engine.eval.Evaluator;
import io.visiongrade.engine.model.CnnModel;
import io.visiongrade.engine.model.ImageBytes;
import io.visiongrade.engine.model.InvalidImageException;
import io.visiongrade.engine.model.ModelArtifacts;
import io.visiongrade.engine.model.ModelFormatException;
import io.visiongrade.engine.spec.Activation;
import io.visiongrade.engine.spec.InputSpec;
import io.visiongrade.engine.spec.LayerSpec;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Explains a trained model's decision on one image: a Grad-CAM map on the last convolutional layer
 * and a gradient saliency map, both for the predicted class or any other class.
 *
 * <p>Grad-CAM (Selvaraju et al. 2017): with {@code A} the output of the last conv2d layer (after
 * its activation) or of the last residual block, and {@code y_c} the raw score (logit) of class
 * {@code c}, the map is {@code ReLU(sum_k alpha_k A_k)} with {@code alpha_k} the spatial mean of
 * {@code dy_c / dA_k}; it is upsampled bilinearly to the input, each feature sitting at the centre
 * of its receptive field, and divided by its maximum. Saliency (Simonyan et al. 2014) is {@code
 * |dy_c / dx|}, the maximum over colour channels, divided by its maximum. One forward and two
 * backward passes through DJL's PyTorch autograd; the parameters enter the graph detached, so an
 * explanation never writes to the model.
 *
 * <p>Thread-safe: every call works in its own {@link NDManager} under the model's; the forward and
 * backward passes go through {@link Autograd#collect} (the JVM-wide gradient gate: DJL's PyTorch
 * engine allows one collecting {@link GradientCollector} per JVM), decoding and map post-processing
 * run outside it.
 */
public final class Explainer implements AutoCloseable {
  private final CnnModel model;
  private final boolean owned;
  private final int layerIndex;
  private final String layerName;
  private final List<Block> prefix;
  private final List<Block> suffix;
  private final double[] startY;
  private final double[] startX;

  private Explainer(CnnModel model, boolean owned) throws ExplainException {
    this.model = Objects.requireNonNull(model, "model");
    this.owned = owned;
    List<LayerSpec> layers = model.spec().layers();
    int target = -1;
    for (int i = 0; i < layers.size(); i++) {
      if (layers.get(i) instanceof LayerSpec.Conv2d
          || layers.get(i) instanceof LayerSpec.Residual) {
        target = i;
      }
    }
    if (target < 0) {
      StringBuilder types = new StringBuilder();
      for (LayerSpec l : layers) {
        types.append(types.length() == 0 ? "" : ", ").append(l.type());
      }
      throw new ExplainException(
          ExplainException.Reason.NO_CONV_LAYER,
          "the model has no convolutional layer (conv2d or residual) to explain; its layers are: "
              + types);
    }
    this.layerIndex = target;
    this.layerName = "layer " + target + " (" + layers.get(target).type() + ")";
    List<Block> children = model.block().getChildren().values();
    int end = 0;
    int total = 0;
    for (int i = 0; i < layers.size(); i++) {
      total += blocksOf(layers.get(i));
      if (i == target) {
        end = total;
      }
    }
    if (total != children.size()) {
      throw new IllegalStateException(
          "the block has " + children.size() + " children but the spec maps to " + total);
    }
    this.prefix = List.copyOf(children.subList(0, end));
    this.suffix = List.copyOf(children.subList(end, children.size()));
    this.startY = geometry(layers, target, true);
    this.startX = geometry(layers, target, false);
  }

  /**
   * An explainer for {@code model}, which stays the caller's: closing the explainer does not close
   * it, and the model must outlive the explainer.
   *
   * @throws ExplainException ({@code NO_CONV_LAYER}) if the model has no conv2d or residual layer
   */
  public static Explainer of(CnnModel model) throws ExplainException {
    return new Explainer(model, false);
  }

  /**
   * Loads a saved model directory; the explainer owns the model and closes it.
   *
   * @throws ExplainException ({@code NO_CONV_LAYER}) if the model has no conv2d or residual layer
   */
  public static Explainer load(Path dir) throws ModelFormatException, ExplainException {
    CnnModel model = ModelArtifacts.load(dir);
    try {
      return new Explainer(model, true);
    } catch (ExplainException | RuntimeException e) {
      model.close();
      throw e;
    }
  }

  public CnnModel model() {
    return model;
  }

  /** Index of the spec layer whose output Grad-CAM explains. */
  public int layerIndex() {
    return layerIndex;
  }

  /** The explained layer as text, e.g. {@code layer 2 (conv2d)}. */
  public String layerName() {
    return layerName;
  }

  /**
   * The class index named by {@code nameOrIndex}: a class name (exact match first) or an index
   * {@code 0..K-1}.
   *
   * @throws ExplainException ({@code UNKNOWN_CLASS}) naming the value and the model's classes
   */
  public int classIndex(String nameOrIndex) throws ExplainException {
    List<String> names = model.classNames();
    int byName = names.indexOf(nameOrIndex);
    if (byName >= 0) {
      return byName;
    }
    if (nameOrIndex.matches("[0-9]{1,9}")) {
      int i = Integer.parseInt(nameOrIndex);
      if (i < names.size()) {
        return i;
      }
    }
    throw new ExplainException(
        ExplainException.Reason.UNKNOWN_CLASS,
        "unknown class \""
            + nameOrIndex
            + "\": expected one of "
            + names
            + " or an index 0.."
            + (names.size() - 1));
  }

  /** Explains the predicted class of an encoded image (PNG, JPEG, BMP, GIF), resized as usual. */
  public Explanation explain(byte[] image) throws InvalidImageException {
    return explainPixels(decode(image), 0, -1);
  }

  /**
   * Explains class {@code classIndex} for an encoded image.
   *
   * @throws IllegalArgumentException if {@code classIndex} is not in {@code 0..K-1}
   */
  public Explanation explain(byte[] image, int classIndex) throws InvalidImageException {
    checkClass(classIndex);
    return explainPixels(decode(image), 0, classIndex);
  }

  /** Explains the predicted class of image {@code index} of a dataset split. */
  public Explanation explain(LabeledImages images, int index) {
    return explain(images, index, -1);
  }

  /**
   * Explains class {@code classIndex} (or the predicted class when negative) of image {@code index}
   * of a dataset split, e.g. a misclassified validation image for its true class {@code
   * images.label(index)}.
   *
   * @throws IllegalArgumentException if the images do not have the model's input shape, or {@code
   *     classIndex} is {@code >= K}
   */
  public Explanation explain(LabeledImages images, int index, int classIndex) {
    InputSpec in = model.spec().input();
    if (images.channels() != in.channels()
        || images.height() != in.height()
        || images.width() != in.width()) {
      throw new IllegalArgumentException(
          "images are "
              + images.channels()
              + "x"
              + images.height()
              + "x"
              + images.width()
              + " but the model expects "
              + in.channels()
              + "x"
              + in.height()
              + "x"
              + in.width());
    }
    Objects.checkIndex(index, images.size());
    return explainPixels(images.pixels(), index * images.imageSize(), classIndex);
  }

  /**
   * Explains one uint8 CHW image of the model's input shape starting at {@code offset} in {@code
   * pixels}, for class {@code classIndex}, or for the predicted class when it is negative.
   *
   * @throws IllegalArgumentException if {@code classIndex >= K} or the image is out of bounds
   */
  public Explanation explainPixels(byte[] pixels, int offset, int classIndex) {
    if (classIndex >= 0) {
      checkClass(classIndex);
    }
    int size = model.imageSize();
    Objects.checkFromIndexSize(offset, size, pixels.length);
    byte[] own = new byte[size];
    System.arraycopy(pixels, offset, own, 0, size);
    float[] input = new float[size];
    for (int i = 0; i < size; i++) {
      input[i] = (own[i] & 0xFF) * (1f / 255f);
    }
    InputSpec in = model.spec().input();
    int numClasses = model.numClasses();
    try (NDManager scope = model.manager().newSubManager()) {
      NDArray x = scope.create(input, model.shape(1));
      ParameterStore parameters = new DetachedParameters(scope);
      // Forward and both backward passes under the JVM-wide gradient gate (Autograd).
      Pass pass =
          Autograd.collect(
              gc -> {
                x.setRequiresGradient(true);
                NDArray feats = run(prefix, parameters, x);
                NDArray leaf = feats.stopGradient();
                leaf.setRequiresGradient(true);
                NDArray logits = run(suffix, parameters, leaf);
                float[] s = logits.toFloatArray();
                int t = classIndex >= 0 ? classIndex : argMax(s);
                // d y_c / d A, with A cut off from the input so that this pass stops at A.
                gc.backward(logits.get(0, t));
                NDArray fg = leaf.getGradient();
                // d y_c / d x = (dA/dx)^T (d y_c / dA): back-propagate the same gradient into x.
                gc.backward(feats.mul(fg).sum());
                return new Pass(feats, fg, x.getGradient(), s, t);
              });
      NDArray features = pass.features();
      NDArray featureGrad = pass.featureGrad();
      NDArray inputGrad = pass.inputGrad();
      float[] scores = pass.scores();
      int target = pass.target();
      NDArray a = features.stopGradient();
      long[] fs = a.getShape().getShape();
      NDArray weights = featureGrad.sum(new int[] {2, 3}, true).div(fs[2] * fs[3]);
      NDArray cam = a.mul(weights).sum(new int[] {1});
      float[] camValues = cam.toFloatArray();
      for (int i = 0; i < camValues.length; i++) {
        camValues[i] = Math.max(camValues[i], 0f); // ReLU on the feature grid, then upsample
      }
      float[] saliencyValues = inputGrad.abs().max(new int[] {1}).toFloatArray();
      float[][] gradCam =
          upsample(camValues, (int) fs[2], (int) fs[3], in.height(), in.width(), startY, startX);
      normalise(gradCam);
      float[][] saliency = new float[in.height()][in.width()];
      for (int y = 0; y < in.height(); y++) {
        System.arraycopy(saliencyValues, y * in.width(), saliency[y], 0, in.width());
      }
      normalise(saliency);
      double[] p = Evaluator.softmax(scores, 0, numClasses);
      int predicted = argMax(scores);
      return new Explanation(
          target,
          model.classNames().get(target),
          p[target],
          predicted,
          model.classNames().get(predicted),
          p,
          gradCam,
          saliency,
          own,
          in.width(),
          in.height(),
          in.channels(),
          layerName);
    }
  }

  /** What the gated forward/backward part of {@link #explainPixels} hands out. */
  private record Pass(
      NDArray features, NDArray featureGrad, NDArray inputGrad, float[] scores, int target) {}

  @Override
  public void close() {
    if (owned) {
      model.close();
    }
  }

  private byte[] decode(byte[] image) throws InvalidImageException {
    InputSpec in = model.spec().input();
    byte[] pixels = new byte[model.imageSize()];
    ImageBytes.decodeInto(image, in.width(), in.height(), in.channels(), pixels, 0);
    return pixels;
  }

  private void checkClass(int classIndex) {
    if (classIndex < 0 || classIndex >= model.numClasses()) {
      throw new IllegalArgumentException(
          "class index "
              + classIndex
              + " outside 0.."
              + (model.numClasses() - 1)
              + " (classes "
              + model.classNames()
              + ")");
    }
  }

  private static NDArray run(List<Block> blocks, ParameterStore parameters, NDArray x) {
    NDList h = new NDList(x);
    for (Block b : blocks) {
      h = b.forward(parameters, h, false);
    }
    return h.singletonOrThrow();
  }

  private static int argMax(float[] v) {
    int best = 0;
    for (int i = 1; i < v.length; i++) {
      if (v[i] > v[best]) {
        best = i;
      }
    }
    return best;
  }

  /** DJL blocks a spec layer becomes in {@code CnnBlockFactory}: the layer, then its activation. */
  private static int blocksOf(LayerSpec layer) {
    Activation a = null;
    if (layer instanceof LayerSpec.Conv2d c) {
      a = c.activation();
    } else if (layer instanceof LayerSpec.Dense d) {
      a = d.activation();
    }
    return a != null && a.kind() != Activation.Kind.NONE ? 2 : 1;
  }

  /**
   * Where feature {@code i} of layer {@code target}'s output sits in the input along one axis: the
   * centre of its receptive field is {@code start + i * jump} (input pixel centres at 0, 1, ...).
   *
   * @return {start, jump}
   */
  static double[] geometry(List<LayerSpec> layers, int target, boolean vertical) {
    double start = 0;
    double jump = 1;
    for (int i = 0; i <= target; i++) {
      LayerSpec l = layers.get(i);
      if (l instanceof LayerSpec.Conv2d c) {
        int k = vertical ? c.kernelHeight() : c.kernelWidth();
        int s = vertical ? c.strideHeight() : c.strideWidth();
        int pad = c.padding() == LayerSpec.Padding.SAME ? k / 2 : 0;
        start += ((k - 1) / 2.0 - pad) * jump;
        jump *= s;
      } else if (l instanceof LayerSpec.Pool2d q) {
        int k = vertical ? q.poolHeight() : q.poolWidth();
        int s = vertical ? q.strideHeight() : q.strideWidth();
        start += (k - 1) / 2.0 * jump;
        jump *= s;
      } else if (l instanceof LayerSpec.Residual r) {
        // conv3x3 (stride s, padding 1), conv3x3 (padding 1), shortcut 1x1 (stride s): centred.
        jump *= r.stride();
      } else if (!(l instanceof LayerSpec.BatchNorm || l instanceof LayerSpec.Dropout)) {
        throw new IllegalStateException("layer " + i + " (" + l.type() + ") before a conv layer");
      }
    }
    return new double[] {start, jump};
  }

  /** Bilinear interpolation of an {@code fh x fw} map at every input pixel centre. */
  static float[][] upsample(
      float[] f, int fh, int fw, int h, int w, double[] geometryY, double[] geometryX) {
    float[][] out = new float[h][w];
    for (int y = 0; y < h; y++) {
      double u = clamp((y - geometryY[0]) / geometryY[1], fh - 1);
      int y0 = (int) Math.floor(u);
      int y1 = Math.min(y0 + 1, fh - 1);
      double wy = u - y0;
      for (int x = 0; x < w; x++) {
        double v = clamp((x - geometryX[0]) / geometryX[1], fw - 1);
        int x0 = (int) Math.floor(v);
        int x1 = Math.min(x0 + 1, fw - 1);
        double wx = v - x0;
        double top = f[y0 * fw + x0] * (1 - wx) + f[y0 * fw + x1] * wx;
        double bottom = f[y1 * fw + x0] * (1 - wx) + f[y1 * fw + x1] * wx;
        out[y][x] = (float) (top * (1 - wy) + bottom * wy);
      }
    }
    return out;
  }

  private static double clamp(double v, int max) {
    return v < 0 ? 0 : Math.min(v, max);
  }

  /** Divides by the maximum; an all-zero (or non-finite) map stays or becomes all zeros. */
  static void normalise(float[][] m) {
    float max = 0;
    for (float[] row : m) {
      for (float v : row) {
        max = Math.max(max, v);
      }
    }
    for (float[] row : m) {
      for (int i = 0; i < row.length; i++) {
        row[i] = max > 0 && Float.isFinite(max) && Float.isFinite(row[i]) ? row[i] / max : 0f;
      }
    }
  }

  /**
   * Hands the blocks detached views of the parameters (same memory, no gradient), attached to the
   * call's manager: the backward passes then compute input and feature gradients only and never
   * accumulate into the model's parameter gradients.
   */
  private static final class DetachedParameters extends ParameterStore {
    private final NDManager scope;
    private final Map<String, NDArray> detached = new HashMap<>();

    DetachedParameters(NDManager scope) {
      super(scope, false);
      this.scope = scope;
    }

    @Override
    public NDArray getValue(Parameter parameter, Device device, boolean training) {
      if (parameter == null) {
        return null; // e.g. the bias of a convolution built without one
      }
      return detached.computeIfAbsent(
          parameter.getId(),
          id -> {
            NDArray view = parameter.getArray().stopGradient();
            view.attach(scope);
            return view;
          });
    }
  }
}
