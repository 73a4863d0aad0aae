package io.visiongrade.lms.domain.submission;

import java.time.Instant;
import java.util.Objects;

/**
 * The grade of one student on one exercise: the attempt that the exercise's attempt selection (best
 * or last) picks among their graded submissions.
 *
 * @param exerciseId the exercise
 * @param userId the student's LTI user id
 * @param submissionId the submission that counts
 * @param points its points (after the rubric and the late penalty)
 * @param maxPoints the exercise's maximum score
 * @param updatedAt when the grade last changed
 */
public record Grade(
    long exerciseId,
    String userId,
    long submissionId,
    double points,
    double maxPoints,
    Instant updatedAt) {

  public Grade {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(updatedAt, "updatedAt");
    if (!(points >= 0 && points <= maxPoints)) {
      throw new IllegalArgumentException("points must be in [0, " + maxPoints + "], got " + points);
    }
  }

  /** True when {@code other} names the same submission with the same points. */
  public boolean sameAs(Grade other) {
    return other != null
        && other.submissionId == submissionId
        && Double.compare(other.points, points) == 0
        && Double.compare(other.maxPoints, maxPoints) == 0;
  }
}
