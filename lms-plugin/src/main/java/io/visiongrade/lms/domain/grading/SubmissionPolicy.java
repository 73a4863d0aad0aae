package io.visiongrade.lms.domain.grading;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Whether a student may submit now. Pure: no clock, no database. The checks run in this order and
 * the first that fails decides:
 *
 * <ol>
 *   <li>not open yet (before {@code opensAt}): retry at {@code opensAt};
 *   <li>closed: after the student's due date (their extension, else the exercise's) without a late
 *       policy; waiting does not help;
 *   <li>attempt limit reached; waiting does not help;
 *   <li>too soon: less than {@code minInterval} since the student's last attempt; retry when it has
 *       passed;
 *   <li>daily cap reached: {@code dailyCap} attempts in the last 24 hours (a rolling window); retry
 *       when the oldest of them is 24 hours old.
 * </ol>
 *
 * An allowed submission after the due date (with a late policy) is marked late.
 */
public final class SubmissionPolicy {

  /** The window of the daily cap. */
  public static final Duration DAY = Duration.ofHours(24);

  private SubmissionPolicy() {}

  /** Decides for {@code history}'s student at {@code now}. */
  public static SubmissionDecision check(
      SubmissionRules rules, StudentHistory history, Instant now) {
    Objects.requireNonNull(rules, "rules");
    Objects.requireNonNull(history, "history");
    Objects.requireNonNull(now, "now");
    if (rules.opensAt() != null && now.isBefore(rules.opensAt())) {
      return SubmissionDecision.refused(
          SubmissionDecision.Outcome.NOT_OPEN_YET,
          "This exercise opens at " + rules.opensAt() + "; submit from then on.",
          rules.opensAt());
    }
    Instant due = rules.dueFor(history.userId()).orElse(null);
    boolean late = due != null && now.isAfter(due);
    if (late && rules.latePolicy() == null) {
      boolean extended = rules.extensionFor(history.userId()).isPresent();
      return SubmissionDecision.refused(
          SubmissionDecision.Outcome.CLOSED,
          "This exercise closed at "
              + due
              + (extended ? " (your extended due date)" : "")
              + " and takes no late submissions.",
          null);
    }
    List<Instant> attempts = history.attempts();
    if (rules.maxAttempts() != null && attempts.size() >= rules.maxAttempts()) {
      return SubmissionDecision.refused(
          SubmissionDecision.Outcome.ATTEMPT_LIMIT_REACHED,
          "You have used all "
              + rules.maxAttempts()
              + " attempt"
              + (rules.maxAttempts() == 1 ? "" : "s")
              + " of this exercise.",
          null);
    }
    Instant last = history.last();
    if (last != null && !rules.minInterval().isZero()) {
      Instant next = last.plus(rules.minInterval());
      if (now.isBefore(next)) {
        long wait = seconds(Duration.between(now, next));
        return SubmissionDecision.refused(
            SubmissionDecision.Outcome.TOO_SOON,
            "Wait "
                + wait
                + " more second"
                + (wait == 1 ? "" : "s")
                + ": at least "
                + rules.minInterval().getSeconds()
                + " seconds must pass between two gradings.",
            next);
      }
    }
    if (rules.dailyCap() != null) {
      Instant windowStart = now.minus(DAY);
      List<Instant> recent =
          attempts.stream().filter(t -> t.isAfter(windowStart)).sorted().toList();
      if (recent.size() >= rules.dailyCap()) {
        // The window frees a slot when the oldest attempt that keeps it full turns 24 hours old.
        Instant until = recent.get(recent.size() - rules.dailyCap()).plus(DAY);
        return SubmissionDecision.refused(
            SubmissionDecision.Outcome.DAILY_CAP_REACHED,
            "You have used your "
                + rules.dailyCap()
                + " grading"
                + (rules.dailyCap() == 1 ? "" : "s")
                + " for 24 hours; the next is possible at "
                + until
                + ".",
            until);
      }
    }
    if (late) {
      return SubmissionDecision.allowed(
          true,
          "This submission is late (due "
              + due
              + "): "
              + rules.latePolicy().percentPerDay()
              + "% per started day, at most "
              + rules.latePolicy().capPercent()
              + "%, is taken off its score.");
    }
    return SubmissionDecision.allowed(false, "");
  }

  private static long seconds(Duration d) {
    return d.getSeconds() + (d.getNano() > 0 ? 1 : 0);
  }
}
