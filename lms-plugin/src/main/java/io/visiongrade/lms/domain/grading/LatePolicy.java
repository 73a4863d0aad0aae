package io.visiongrade.lms.domain.grading;

import io.visiongrade.lms.domain.DomainException;

/**
 * Late submissions are accepted after the due date, at a penalty of {@code percentPerDay} for every
 * started day late, up to {@code capPercent} in all. An exercise without a late policy refuses
 * submissions after its due date.
 *
 * @param percentPerDay penalty per started day late, in (0, 100]
 * @param capPercent the largest total penalty, in [percentPerDay, 100]
 */
public record LatePolicy(double percentPerDay, double capPercent) {

  public LatePolicy {
    if (!(percentPerDay > 0 && percentPerDay <= 100)) {
      throw new DomainException.Invalid(
          "late policy: percentPerDay must be above 0 and at most 100, got " + percentPerDay);
    }
    if (!(capPercent >= percentPerDay && capPercent <= 100)) {
      throw new DomainException.Invalid(
          "late policy: capPercent must be between percentPerDay ("
              + percentPerDay
              + ") and 100, got "
              + capPercent);
    }
  }
}
