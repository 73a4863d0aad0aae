package io.visiongrade.lms.domain.grading;

import io.visiongrade.lms.domain.DomainException;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Turns a metric into points: the metric's value is mapped linearly from {@code baseline} (0
 * points) to {@code target} (full points) and clamped to {@code [0, maxScore]}.
 *
 * <pre>
 *   points = maxScore * clamp((value - baseline) / (target - baseline), 0, 1)
 * </pre>
 *
 * <p>Without an explicit baseline it is chance, {@code 1 / classes}. Without an explicit target it
 * is the reference model's score when there is one above the baseline, else 1.0.
 *
 * @param metric what is measured on the test split
 * @param baseline the value worth 0 points, in [0, 1), or null for chance
 * @param target the value worth full points, in (0, 1], or null for the reference model's score
 */
public record Rubric(Metric metric, Double baseline, Double target) {

  /** Metrics a rubric can grade on. */
  public enum Metric {
    /** Share of test images classified correctly. */
    ACCURACY,
    /** The unweighted mean over classes of the per-class F1 score. */
    MACRO_F1
  }

  /** Accuracy from chance to 1.0 (or the reference model's score). */
  public static final Rubric DEFAULT = new Rubric(Metric.ACCURACY, null, null);

  public Rubric {
    Objects.requireNonNull(metric, "metric");
    if (baseline != null && !(baseline >= 0 && baseline < 1)) {
      throw new DomainException.Invalid(
          "rubric: baseline must be at least 0 and below 1, got " + baseline);
    }
    if (target != null && !(target > 0 && target <= 1)) {
      throw new DomainException.Invalid(
          "rubric: target must be above 0 and at most 1, got " + target);
    }
    if (baseline != null && target != null && !(target > baseline)) {
      throw new DomainException.Invalid(
          "rubric: target (" + target + ") must be above baseline (" + baseline + ")");
    }
  }

  /** The baseline for a dataset of {@code classes} classes. */
  public double baselineFor(int classes) {
    if (classes < 2) {
      throw new IllegalArgumentException("classes must be at least 2, got " + classes);
    }
    return baseline != null ? baseline : 1.0 / classes;
  }

  /** The target given the reference model's score (if any). */
  public double targetFor(int classes, OptionalDouble reference) {
    double base = baselineFor(classes);
    if (target != null && target > base) {
      return target;
    }
    if (reference.isPresent() && reference.getAsDouble() > base && reference.getAsDouble() <= 1) {
      return reference.getAsDouble();
    }
    return 1.0;
  }

  /** The share of full points, in [0, 1], for a metric value (no reference model). */
  public double score(double value, int classes) {
    return score(value, classes, OptionalDouble.empty());
  }

  /** The share of full points, in [0, 1], for a metric value. */
  public double score(double value, int classes, OptionalDouble reference) {
    if (!(value >= 0 && value <= 1)) {
      throw new IllegalArgumentException(metric + " must be in [0, 1], got " + value);
    }
    double base = baselineFor(classes);
    double top = targetFor(classes, reference);
    double share = (value - base) / (top - base);
    return Math.max(0, Math.min(1, share));
  }

  /** Points out of {@code maxScore} for a metric value. */
  public double points(double value, int classes, OptionalDouble reference, double maxScore) {
    if (!(maxScore > 0) || Double.isInfinite(maxScore)) {
      throw new IllegalArgumentException("maxScore must be positive, got " + maxScore);
    }
    return maxScore * score(value, classes, reference);
  }
}
