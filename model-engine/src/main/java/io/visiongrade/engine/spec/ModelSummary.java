package io.visiongrade.engine.spec;

import java.util.Arrays;
import java.util.List;

/**
 * The result of validating a spec for a number of classes: every layer's output shape (without the
 * batch axis) and trainable parameter count, and the total.
 */
public record ModelSummary(
    int numClasses, long[] inputShape, List<LayerSummary> layers, long totalParameters) {

  /** One row of the summary. */
  public record LayerSummary(int index, String type, long[] outputShape, long parameters) {
    /** {@code 32x26x26} style. */
    public String shapeText() {
      return ModelSummary.shapeText(outputShape);
    }

    @Override
    public String toString() {
      return index + " " + type + " " + shapeText() + " " + parameters;
    }
  }

  public ModelSummary {
    layers = List.copyOf(layers);
  }

  /** The final output shape, {@code [numClasses]}. */
  public long[] outputShape() {
    return layers.isEmpty() ? inputShape : layers.get(layers.size() - 1).outputShape();
  }

  static String shapeText(long[] shape) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < shape.length; i++) {
      if (i > 0) {
        sb.append('x');
      }
      sb.append(shape[i]);
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return "ModelSummary[input="
        + Arrays.toString(inputShape)
        + ", layers="
        + layers
        + ", total="
        + totalParameters
        + "]";
  }
}
