package io.visiongrade.lms.domain.grading;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the submission policy needs to know about one student on one exercise.
 *
 * @param userId the student's LTI user id
 * @param attempts when each of their counted attempts was submitted (attempts that failed for a
 *     reason of ours are left out), in any order
 */
public record StudentHistory(String userId, List<Instant> attempts) {

  public StudentHistory {
    Objects.requireNonNull(userId, "userId");
    attempts = List.copyOf(attempts);
  }

  /** A student with no attempts yet. */
  public static StudentHistory none(String userId) {
    return new StudentHistory(userId, List.of());
  }

  /** The most recent attempt, or null. */
  Instant last() {
    return attempts.stream().max(Instant::compareTo).orElse(null);
  }
}
