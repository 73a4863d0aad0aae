package io.visiongrade.lms.domain.grading;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The late penalty of a submission: every started day (24 hours) after the effective due date (the
 * student's extension if they have one, else the exercise's due date) costs {@link
 * LatePolicy#percentPerDay()} percent of the raw score, up to {@link LatePolicy#capPercent()}.
 */
public final class LatePenalty {

  private static final long DAY_SECONDS = 86_400;

  /**
   * The outcome for one submission.
   *
   * @param score the score after the penalty
   * @param daysLate started days after the effective due date (0 when on time)
   * @param penaltyPercent the percentage taken off (0 when on time)
   */
  public record Result(double score, long daysLate, double penaltyPercent) {
    /** True when a penalty was applied. */
    public boolean late() {
      return daysLate > 0;
    }
  }

  private LatePenalty() {}

  /**
   * Applies the late policy.
   *
   * @param rawScore the score before the penalty (not negative)
   * @param submittedAt when the student submitted (not when grading ended)
   * @param due the exercise's due date, or null for none
   * @param extension the student's own due date, or null; it replaces {@code due}
   * @param policy the late policy, or null: then a late submission keeps its raw score (the
   *     submission policy refuses those before they get here)
   */
  public static Result apply(
      double rawScore, Instant submittedAt, Instant due, Instant extension, LatePolicy policy) {
    Objects.requireNonNull(submittedAt, "submittedAt");
    if (!(rawScore >= 0) || Double.isInfinite(rawScore)) {
      throw new IllegalArgumentException("rawScore must be finite and >= 0, got " + rawScore);
    }
    Instant effective = extension != null ? extension : due;
    if (effective == null || !submittedAt.isAfter(effective) || policy == null) {
      return new Result(rawScore, 0, 0);
    }
    long days = daysLate(submittedAt, effective);
    double penalty = Math.min(policy.capPercent(), days * policy.percentPerDay());
    return new Result(rawScore * (1 - penalty / 100.0), days, penalty);
  }

  /** Started days from {@code due} to {@code at}: 1 second late is 1 day, 24 h exactly is 1. */
  static long daysLate(Instant at, Instant due) {
    Duration late = Duration.between(due, at);
    if (late.isNegative() || late.isZero()) {
      return 0;
    }
    long seconds = late.getSeconds() + (late.getNano() > 0 ? 1 : 0);
    return (seconds + DAY_SECONDS - 1) / DAY_SECONDS;
  }
}
