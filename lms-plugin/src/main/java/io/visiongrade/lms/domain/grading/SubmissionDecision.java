package io.visiongrade.lms.domain.grading;

import io.visiongrade.lms.domain.DomainException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer of {@link SubmissionPolicy}: allowed (maybe late), or refused with a reason, a message
 * for the student and, when waiting helps, the instant from which trying again can succeed.
 *
 * @param outcome allowed, or why not
 * @param message for the student (empty when allowed on time)
 * @param retryAt when trying again can succeed, or null when waiting does not help
 * @param late allowed after the due date (a late penalty applies)
 */
public record SubmissionDecision(Outcome outcome, String message, Instant retryAt, boolean late) {

  /** Allowed, or the reason for refusing. */
  public enum Outcome {
    ALLOWED,
    NOT_OPEN_YET,
    CLOSED,
    ATTEMPT_LIMIT_REACHED,
    TOO_SOON,
    DAILY_CAP_REACHED
  }

  public SubmissionDecision {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(message, "message");
  }

  static SubmissionDecision allowed(boolean late, String message) {
    return new SubmissionDecision(Outcome.ALLOWED, message, null, late);
  }

  static SubmissionDecision refused(Outcome outcome, String message, Instant retryAt) {
    return new SubmissionDecision(outcome, message, retryAt, false);
  }

  public boolean allowed() {
    return outcome == Outcome.ALLOWED;
  }

  /** When trying again can succeed. */
  public Optional<Instant> retryAtInstant() {
    return Optional.ofNullable(retryAt);
  }

  /** Whole seconds from {@code now} until {@link #retryAt()} (rounded up), 0 when none. */
  public long retryAfterSeconds(Instant now) {
    if (retryAt == null || !retryAt.isAfter(now)) {
      return 0;
    }
    Duration d = Duration.between(now, retryAt);
    return d.getSeconds() + (d.getNano() > 0 ? 1 : 0);
  }

  /**
   * Nothing when allowed; else the domain error the web layer turns into a status: {@link
   * DomainException.Conflict} for a closed exercise, {@link DomainException.LimitExceeded} (with
   * Retry-After when waiting helps) for the rest.
   */
  public void orThrow(Instant now) {
    switch (outcome) {
      case ALLOWED -> {}
      case CLOSED -> throw new DomainException.Conflict(message);
      default -> throw new DomainException.LimitExceeded(message, retryAfterSeconds(now));
    }
  }
}
