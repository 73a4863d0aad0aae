package io.visiongrade.engine.spec;

import io.visiongrade.engine.augment.AugmentationConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An immutable, sequential CNN specification: input, layers, initializer, optimizer, training
 * settings and augmentation. Create it with {@link #builder()} or {@link SpecJson#parse(String,
 * SpecLimits)}; {@link Builder#build()} checks every value on its own, {@link #summarize(int,
 * SpecLimits)} checks that the layers fit together for a class count and within limits.
 */
public final class CnnSpec {
  private final InputSpec input;
  private final List<LayerSpec> layers;
  private final InitializerSpec initializer;
  private final OptimizerSpec optimizer;
  private final TrainingSpec training;
  private final AugmentationConfig augmentation;

  private CnnSpec(Builder b) {
    this.input = b.input;
    this.layers = List.copyOf(b.layers);
    this.initializer = b.initializer;
    this.optimizer = b.optimizer;
    this.training = b.training;
    this.augmentation = b.augmentation;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this spec's values, to derive a variant (other epochs, seed...). */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.input = input;
    b.layers.addAll(layers);
    b.initializer = initializer;
    b.optimizer = optimizer;
    b.training = training;
    b.augmentation = augmentation;
    return b;
  }

  public InputSpec input() {
    return input;
  }

  public List<LayerSpec> layers() {
    return layers;
  }

  public InitializerSpec initializer() {
    return initializer;
  }

  public OptimizerSpec optimizer() {
    return optimizer;
  }

  public TrainingSpec training() {
    return training;
  }

  public AugmentationConfig augmentation() {
    return augmentation;
  }

  /**
   * Propagates shapes layer by layer for {@code numClasses} and checks limits.
   *
   * @return each layer's output shape and parameter count
   * @throws SpecException listing every problem, e.g. {@code layer 3 (maxpool2d): pool 4x4 larger
   *     than input 2x2}
   */
  public ModelSummary summarize(int numClasses, SpecLimits limits) throws SpecException {
    return ShapeChecker.check(this, numClasses, limits);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CnnSpec other && SpecJson.toJson(this).equals(SpecJson.toJson(other));
  }

  @Override
  public int hashCode() {
    return SpecJson.toJson(this).hashCode();
  }

  @Override
  public String toString() {
    return SpecJson.toJson(this);
  }

  /**
   * Builder: {@code setInput}, {@code addLayer} and {@code setOptimizer}/{@code setTraining} are
   * required; initializer (uniform ±0.05) and augmentation (none) are optional.
   */
  public static final class Builder {
    private InputSpec input;
    private final List<LayerSpec> layers = new ArrayList<>();
    private InitializerSpec initializer = InitializerSpec.uniform(-0.05, 0.05);
    private OptimizerSpec optimizer;
    private TrainingSpec training;
    private AugmentationConfig augmentation = AugmentationConfig.NONE;

    private Builder() {}

    public Builder setInput(int width, int height, int channels) {
      this.input = new InputSpec(width, height, channels);
      return this;
    }

    public Builder addLayer(LayerSpec layer) {
      layers.add(Objects.requireNonNull(layer, "layer"));
      return this;
    }

    public Builder setLayers(List<LayerSpec> value) {
      layers.clear();
      value.forEach(this::addLayer);
      return this;
    }

    public Builder optInitializer(InitializerSpec value) {
      this.initializer = Objects.requireNonNull(value, "initializer");
      return this;
    }

    public Builder setOptimizer(OptimizerSpec value) {
      this.optimizer = Objects.requireNonNull(value, "optimizer");
      return this;
    }

    public Builder setTraining(TrainingSpec value) {
      this.training = Objects.requireNonNull(value, "training");
      return this;
    }

    /** Replaces only the epoch count of the training settings (which must be set). */
    public Builder optEpochs(int epochs) {
      TrainingSpec t = Objects.requireNonNull(training, "training");
      this.training = new TrainingSpec(epochs, t.batchSize(), t.seed(), t.earlyStoppingPatience());
      return this;
    }

    /** Replaces only the seed of the training settings (which must be set). */
    public Builder optSeed(long seed) {
      TrainingSpec t = Objects.requireNonNull(training, "training");
      this.training = new TrainingSpec(t.epochs(), t.batchSize(), seed, t.earlyStoppingPatience());
      return this;
    }

    public Builder optAugmentation(AugmentationConfig value) {
      this.augmentation = Objects.requireNonNull(value, "augmentation");
      return this;
    }

    /**
     * Checks each value on its own (not how layers fit together: see {@link CnnSpec#summarize}).
     *
     * @throws SpecException naming every bad field and its value
     */
    public CnnSpec build() throws SpecException {
      List<String> p = new ArrayList<>();
      if (input == null) {
        p.add("input: missing");
      } else {
        if (input.width() <= 0) {
          p.add("input: width must be positive, got " + input.width());
        }
        if (input.height() <= 0) {
          p.add("input: height must be positive, got " + input.height());
        }
        if (input.channels() != 1 && input.channels() != 3) {
          p.add("input: channels must be 1 or 3, got " + input.channels());
        }
      }
      if (layers.isEmpty()) {
        p.add("layers: at least one layer is required");
      }
      for (int i = 0; i < layers.size(); i++) {
        checkLayer(i, layers.get(i), p);
      }
      checkInitializer(p);
      if (optimizer == null) {
        p.add("optimizer: missing");
      } else {
        checkOptimizer(p);
      }
      if (training == null) {
        p.add("training: missing");
      } else {
        if (training.epochs() <= 0) {
          p.add("training: epochs must be positive, got " + training.epochs());
        }
        if (training.batchSize() <= 0) {
          p.add("training: batchSize must be positive, got " + training.batchSize());
        }
        if (training.earlyStoppingPatience() < 0) {
          p.add(
              "training: earlyStoppingPatience must be >= 0, got "
                  + training.earlyStoppingPatience());
        }
      }
      checkAugmentation(p);
      if (!p.isEmpty()) {
        throw new SpecException(p);
      }
      return new CnnSpec(this);
    }

    private static void checkLayer(int i, LayerSpec layer, List<String> p) {
      String where = "layer " + i + " (" + layer.type() + "): ";
      if (layer instanceof LayerSpec.Conv2d c) {
        if (c.filters() <= 0) {
          p.add(where + "filters must be positive, got " + c.filters());
        }
        if (c.kernelHeight() <= 0 || c.kernelWidth() <= 0) {
          p.add(where + "kernel must be positive, got " + c.kernelHeight() + "x" + c.kernelWidth());
        }
        if (c.strideHeight() <= 0 || c.strideWidth() <= 0) {
          p.add(where + "stride must be positive, got " + c.strideHeight() + "x" + c.strideWidth());
        }
        if (c.padding() == LayerSpec.Padding.SAME
            && (c.kernelHeight() % 2 == 0 || c.kernelWidth() % 2 == 0)) {
          p.add(
              where
                  + "padding same needs an odd kernel, got "
                  + c.kernelHeight()
                  + "x"
                  + c.kernelWidth());
        }
        checkActivation(where, c.activation(), p);
      } else if (layer instanceof LayerSpec.Pool2d q) {
        if (q.poolHeight() <= 0 || q.poolWidth() <= 0) {
          p.add(where + "pool must be positive, got " + q.poolHeight() + "x" + q.poolWidth());
        }
        if (q.strideHeight() <= 0 || q.strideWidth() <= 0) {
          p.add(where + "stride must be positive, got " + q.strideHeight() + "x" + q.strideWidth());
        }
      } else if (layer instanceof LayerSpec.Dropout d) {
        if (!(d.rate() >= 0 && d.rate() < 1)) {
          p.add(where + "rate must be in [0, 1), got " + d.rate());
        }
      } else if (layer instanceof LayerSpec.Dense d) {
        if (d.units() <= 0 && d.units() != LayerSpec.Dense.CLASSES) {
          p.add(where + "units must be positive or \"classes\", got " + d.units());
        }
        checkActivation(where, d.activation(), p);
      } else if (layer instanceof LayerSpec.Residual r) {
        if (r.filters() <= 0) {
          p.add(where + "filters must be positive, got " + r.filters());
        }
        if (r.stride() <= 0) {
          p.add(where + "stride must be positive, got " + r.stride());
        }
      }
    }

    private static void checkActivation(String where, Activation a, List<String> p) {
      if (a == null) {
        p.add(where + "activation: missing");
      } else if (a.kind() == Activation.Kind.LEAKYRELU && !(a.alpha() >= 0 && a.alpha() < 1)) {
        p.add(where + "alpha must be in [0, 1), got " + a.alpha());
      }
    }

    private void checkInitializer(List<String> p) {
      switch (initializer.kind()) {
        case UNIFORM -> {
          if (!(initializer.a() < initializer.b())
              || !Double.isFinite(initializer.a())
              || !Double.isFinite(initializer.b())) {
            p.add(
                "initializer: min must be below max, got min "
                    + initializer.a()
                    + " max "
                    + initializer.b());
          }
        }
        case NORMAL -> {
          if (!(initializer.b() > 0) || !Double.isFinite(initializer.b())) {
            p.add("initializer: stddev must be positive, got " + initializer.b());
          }
        }
        default -> {}
      }
    }

    private void checkOptimizer(List<String> p) {
      OptimizerSpec o = optimizer;
      if (!(o.learningRate() > 0) || !Double.isFinite(o.learningRate())) {
        p.add("optimizer: learningRate must be positive, got " + o.learningRate());
      }
      if (!(o.momentum() >= 0 && o.momentum() < 1)) {
        p.add("optimizer: momentum must be in [0, 1), got " + o.momentum());
      }
      if (o.nesterov() && o.momentum() == 0) {
        p.add("optimizer: nesterov needs momentum > 0");
      }
      if (o.kind() == OptimizerSpec.Kind.ADAM && (o.momentum() != 0 || o.nesterov())) {
        p.add("optimizer: momentum and nesterov apply to sgd only");
      }
      if (!(o.weightDecay() >= 0) || !Double.isFinite(o.weightDecay())) {
        p.add("optimizer: weightDecay must be >= 0, got " + o.weightDecay());
      }
      if (o.schedule() == OptimizerSpec.Schedule.STEP) {
        if (o.stepSize() <= 0) {
          p.add("optimizer: schedule stepSize must be positive, got " + o.stepSize());
        }
        if (!(o.gamma() > 0 && o.gamma() <= 1)) {
          p.add("optimizer: schedule gamma must be in (0, 1], got " + o.gamma());
        }
      }
    }

    private void checkAugmentation(List<String> p) {
      AugmentationConfig a = augmentation;
      range(p, "rotationRange", a.rotationRange(), 180);
      range(p, "widthShiftRange", a.widthShiftRange(), 1);
      range(p, "heightShiftRange", a.heightShiftRange(), 1);
      range(p, "zoomRange", a.zoomRange(), 0.95);
      range(p, "brightnessRange", a.brightnessRange(), 1);
    }

    private static void range(List<String> p, String field, double v, double max) {
      if (!(v >= 0 && v <= max)) {
        p.add("augmentation: " + field + " must be in [0, " + max + "], got " + v);
      }
    }
  }
}
