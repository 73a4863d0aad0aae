package io.visiongrade.engine.spec;

import java.util.ArrayList;
import java.util.List;

/** Propagates shapes through a spec and counts parameters; see {@link CnnSpec#summarize}. */
final class ShapeChecker {
  private ShapeChecker() {}

  static ModelSummary check(CnnSpec spec, int numClasses, SpecLimits limits) throws SpecException {
    List<String> p = new ArrayList<>();
    if (numClasses < 2) {
      p.add("classes: at least 2 classes are needed, got " + numClasses);
      numClasses = 2;
    }
    InputSpec in = spec.input();
    if (in.width() > limits.maxInputSide() || in.height() > limits.maxInputSide()) {
      p.add(
          "input: size "
              + in.width()
              + "x"
              + in.height()
              + " exceeds the limit of "
              + limits.maxInputSide()
              + " pixels a side");
    }
    if (spec.layers().size() > limits.maxLayers()) {
      p.add(
          "layers: " + spec.layers().size() + " layers exceed the limit of " + limits.maxLayers());
    }
    if (spec.training().epochs() > limits.maxEpochs()) {
      p.add(
          "training: epochs "
              + spec.training().epochs()
              + " exceeds the limit of "
              + limits.maxEpochs());
    }
    if (spec.training().batchSize() > limits.maxBatchSize()) {
      p.add(
          "training: batchSize "
              + spec.training().batchSize()
              + " exceeds the limit of "
              + limits.maxBatchSize());
    }
    long[] shape = {in.channels(), in.height(), in.width()};
    long total = 0;
    List<ModelSummary.LayerSummary> rows = new ArrayList<>();
    for (int i = 0; i < spec.layers().size(); i++) {
      LayerSpec layer = spec.layers().get(i);
      String where = "layer " + i + " (" + layer.type() + "): ";
      long params = 0;
      long[] out;
      if (layer instanceof LayerSpec.Conv2d c) {
        if (!spatial(where, shape, p)) {
          break;
        }
        boolean same = c.padding() == LayerSpec.Padding.SAME;
        long padH = same ? c.kernelHeight() / 2 : 0;
        long padW = same ? c.kernelWidth() / 2 : 0;
        if (!same && (c.kernelHeight() > shape[1] || c.kernelWidth() > shape[2])) {
          p.add(
              where
                  + "kernel "
                  + c.kernelHeight()
                  + "x"
                  + c.kernelWidth()
                  + " larger than input "
                  + shape[1]
                  + "x"
                  + shape[2]);
          break;
        }
        out =
            new long[] {
              c.filters(),
              (shape[1] + 2 * padH - c.kernelHeight()) / c.strideHeight() + 1,
              (shape[2] + 2 * padW - c.kernelWidth()) / c.strideWidth() + 1
            };
        params = (long) c.filters() * shape[0] * c.kernelHeight() * c.kernelWidth() + c.filters();
      } else if (layer instanceof LayerSpec.Pool2d q) {
        if (!spatial(where, shape, p)) {
          break;
        }
        if (q.poolHeight() > shape[1] || q.poolWidth() > shape[2]) {
          p.add(
              where
                  + "pool "
                  + q.poolHeight()
                  + "x"
                  + q.poolWidth()
                  + " larger than input "
                  + shape[1]
                  + "x"
                  + shape[2]);
          break;
        }
        out =
            new long[] {
              shape[0],
              (shape[1] - q.poolHeight()) / q.strideHeight() + 1,
              (shape[2] - q.poolWidth()) / q.strideWidth() + 1
            };
      } else if (layer instanceof LayerSpec.GlobalAvgPool) {
        if (!spatial(where, shape, p)) {
          break;
        }
        out = new long[] {shape[0]};
      } else if (layer instanceof LayerSpec.BatchNorm) {
        out = shape;
        params = 2 * shape[0];
      } else if (layer instanceof LayerSpec.Dropout) {
        out = shape;
      } else if (layer instanceof LayerSpec.Flatten) {
        long n = 1;
        for (long d : shape) {
          n *= d;
        }
        out = new long[] {n};
      } else if (layer instanceof LayerSpec.Dense d) {
        if (shape.length != 1) {
          p.add(
              where
                  + "needs a flat input, got "
                  + ModelSummary.shapeText(shape)
                  + "; add a flatten or globalavgpool layer before it");
          break;
        }
        long units = d.units() == LayerSpec.Dense.CLASSES ? numClasses : d.units();
        out = new long[] {units};
        params = units * shape[0] + units;
      } else if (layer instanceof LayerSpec.Residual r) {
        if (!spatial(where, shape, p)) {
          break;
        }
        long f = r.filters();
        out =
            new long[] {
              f, (shape[1] - 1) / r.stride() + 1, (shape[2] - 1) / r.stride() + 1,
            };
        params = 9 * shape[0] * f + 2 * f + 9 * f * f + 2 * f;
        if (f != shape[0] || r.stride() != 1) {
          params += shape[0] * f + 2 * f;
        }
      } else {
        throw new IllegalStateException("unknown layer " + layer);
      }
      for (long d : out) {
        if (d <= 0) {
          p.add(where + "output shape " + ModelSummary.shapeText(out) + " is empty");
        }
      }
      total += params;
      rows.add(new ModelSummary.LayerSummary(i, layer.type(), out, params));
      shape = out;
    }
    if (rows.size() == spec.layers().size()) {
      if (shape.length != 1 || shape[0] != numClasses) {
        p.add(
            "layers: the last layer must output one value per class ("
                + numClasses
                + "), got "
                + ModelSummary.shapeText(shape)
                + "; end with {\"type\": \"dense\", \"units\": \"classes\"}");
      }
    }
    if (total > limits.maxParameters()) {
      p.add(
          "layers: "
              + total
              + " trainable parameters exceed the limit of "
              + limits.maxParameters());
    }
    if (!p.isEmpty()) {
      throw new SpecException(p);
    }
    return new ModelSummary(
        numClasses, new long[] {in.channels(), in.height(), in.width()}, rows, total);
  }

  private static boolean spatial(String where, long[] shape, List<String> p) {
    if (shape.length != 3) {
      p.add(where + "needs a CxHxW input, got flat " + ModelSummary.shapeText(shape));
      return false;
    }
    return true;
  }
}
