package io.visiongrade.lms.domain.grading;

import io.visiongrade.lms.domain.DomainException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The rules an exercise sets for submitting (see {@code Exercise#submissionRules()}), as the pure
 * {@link SubmissionPolicy} reads them.
 *
 * @param opensAt no submissions before, or null (open from the start)
 * @param dueAt the due date, or null (no due date)
 * @param latePolicy late submissions and their penalty, or null (none after the due date)
 * @param maxAttempts gradings per student, or null (unlimited)
 * @param minInterval the least time between two gradings of a student ({@link Duration#ZERO} for
 *     none)
 * @param dailyCap gradings per student in any 24 hours, or null (unlimited)
 * @param extensions per-student due dates that replace {@code dueAt}, by LTI user id
 */
public record SubmissionRules(
    Instant opensAt,
    Instant dueAt,
    LatePolicy latePolicy,
    Integer maxAttempts,
    Duration minInterval,
    Integer dailyCap,
    Map<String, Instant> extensions) {

  /** No limits at all. */
  public static final SubmissionRules OPEN =
      new SubmissionRules(null, null, null, null, Duration.ZERO, null, Map.of());

  public SubmissionRules {
    Objects.requireNonNull(minInterval, "minInterval");
    extensions = Map.copyOf(extensions);
    if (opensAt != null && dueAt != null && !dueAt.isAfter(opensAt)) {
      throw new DomainException.Invalid(
          "schedule: dueAt (" + dueAt + ") must be after opensAt (" + opensAt + ")");
    }
    if (maxAttempts != null && maxAttempts < 1) {
      throw new DomainException.Invalid("maxAttempts must be at least 1, got " + maxAttempts);
    }
    if (dailyCap != null && dailyCap < 1) {
      throw new DomainException.Invalid("dailyCap must be at least 1, got " + dailyCap);
    }
    if (minInterval.isNegative()) {
      throw new DomainException.Invalid(
          "minIntervalSeconds must not be negative, got " + minInterval.getSeconds());
    }
  }

  /** The due date that applies to {@code userId}: their extension, else the exercise's. */
  public Optional<Instant> dueFor(String userId) {
    Instant ext = userId == null ? null : extensions.get(userId);
    return Optional.ofNullable(ext != null ? ext : dueAt);
  }

  /** The student's extension, if they have one. */
  public Optional<Instant> extensionFor(String userId) {
    return Optional.ofNullable(userId == null ? null : extensions.get(userId));
  }
}
