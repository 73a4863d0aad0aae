package io.visiongrade.engine.spec;

import java.util.Locale;

/**
 * Optimizer and learning-rate schedule.
 *
 * @param kind Adam or SGD
 * @param learningRate base learning rate
 * @param momentum SGD momentum (0 = plain SGD)
 * @param nesterov SGD with Nesterov momentum (needs momentum &gt; 0)
 * @param weightDecay L2 weight decay (0 = none)
 * @param schedule learning-rate schedule over epochs
 * @param stepSize epochs between decays for {@link Schedule#STEP}
 * @param gamma decay factor for {@link Schedule#STEP}
 */
public record OptimizerSpec(
    Kind kind,
    double learningRate,
    double momentum,
    boolean nesterov,
    double weightDecay,
    Schedule schedule,
    int stepSize,
    double gamma) {

  /** Supported optimizers. */
  public enum Kind {
    ADAM,
    SGD;

    public String jsonName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Learning-rate schedules, applied per epoch. */
  public enum Schedule {
    NONE,
    STEP,
    COSINE;

    public String jsonName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public static OptimizerSpec adam(double learningRate) {
    return new OptimizerSpec(Kind.ADAM, learningRate, 0, false, 0, Schedule.NONE, 0, 0);
  }

  public static OptimizerSpec sgd(double learningRate, double momentum, boolean nesterov) {
    return new OptimizerSpec(Kind.SGD, learningRate, momentum, nesterov, 0, Schedule.NONE, 0, 0);
  }

  /**
   * The learning rate for a 0-based epoch of {@code epochs}: step decays by {@code gamma} every
   * {@code stepSize} epochs; cosine anneals from the base rate towards 0 over the run.
   */
  public double learningRateAt(int epoch, int epochs) {
    return switch (schedule) {
      case NONE -> learningRate;
      case STEP -> learningRate * Math.pow(gamma, epoch / stepSize);
      case COSINE -> learningRate * 0.5 * (1 + Math.cos(Math.PI * epoch / Math.max(1, epochs)));
    };
  }
}
