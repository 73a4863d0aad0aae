package io.visiongrade.lms.domain.grading;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Which of a student's graded attempts counts for the gradebook. */
public enum AttemptSelection {
  /** The highest score; on a tie the earlier attempt. */
  BEST,
  /** The most recent attempt (by submission time), whatever its score. */
  LAST;

  /**
   * One graded attempt.
   *
   * @param id the submission's id
   * @param submittedAt when it was submitted
   * @param score its final score (after any late penalty)
   */
  public record GradedAttempt(String id, Instant submittedAt, double score) {
    public GradedAttempt {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(submittedAt, "submittedAt");
      if (Double.isNaN(score)) {
        throw new IllegalArgumentException("score of attempt " + id + " is NaN");
      }
    }
  }

  /** The attempt that counts, or empty when there is none. */
  public Optional<GradedAttempt> select(List<GradedAttempt> attempts) {
    Comparator<GradedAttempt> byTime =
        Comparator.comparing(GradedAttempt::submittedAt).thenComparing(GradedAttempt::id);
    return switch (this) {
      case LAST -> attempts.stream().max(byTime);
      case BEST ->
          attempts.stream()
              .max(
                  Comparator.comparingDouble(GradedAttempt::score)
                      .thenComparing(byTime.reversed()));
    };
  }
}
