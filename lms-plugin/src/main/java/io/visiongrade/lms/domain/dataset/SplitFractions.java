package io.visiongrade.lms.domain.dataset;

import io.visiongrade.lms.domain.DomainException;

/**
 * How a dataset is split into training, validation and test sets; each in [0, 1), train above 0,
 * summing to 1.
 */
public record SplitFractions(double train, double validation, double test) {

  /** 0.7 / 0.15 / 0.15. */
  public static final SplitFractions DEFAULT = new SplitFractions(0.7, 0.15, 0.15);

  public SplitFractions {
    if (!(train > 0 && train < 1)) {
      throw new DomainException.Invalid("trainFraction must be above 0 and below 1, got " + train);
    }
    if (!(validation >= 0 && validation < 1)) {
      throw new DomainException.Invalid(
          "validationFraction must be at least 0 and below 1, got " + validation);
    }
    if (!(test > 0 && test < 1)) {
      throw new DomainException.Invalid("testFraction must be above 0 and below 1, got " + test);
    }
    double sum = train + validation + test;
    if (Math.abs(sum - 1) > 1e-6) {
      throw new DomainException.Invalid(
          "train, validation and test fractions must sum to 1, got "
              + train
              + " + "
              + validation
              + " + "
              + test
              + " = "
              + sum);
    }
  }
}
