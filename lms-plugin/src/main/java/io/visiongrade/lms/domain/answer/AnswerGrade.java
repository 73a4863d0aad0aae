package io.visiongrade.lms.domain.answer;

import java.time.Instant;
import java.util.Objects;

/**
 * A student's grade on an image-answer exercise: {@code accepted / prompts × maxPoints}, where a
 * prompt counts as accepted when any of the student's answers to it was accepted.
 */
public record AnswerGrade(
    long exerciseId,
    String userId,
    int accepted,
    int prompts,
    double points,
    double maxPoints,
    Instant updatedAt) {

  public AnswerGrade {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(updatedAt, "updatedAt");
    if (prompts < 1 || accepted < 0 || accepted > prompts) {
      throw new IllegalArgumentException(
          "accepted must be in [0, prompts] with prompts >= 1, got " + accepted + "/" + prompts);
    }
  }

  /**
   * The grade for {@code accepted} of {@code prompts} prompts on an exercise out of {@code max}.
   */
  public static AnswerGrade of(
      long exerciseId, String userId, int accepted, int prompts, double max, Instant now) {
    return new AnswerGrade(
        exerciseId, userId, accepted, prompts, max * accepted / prompts, max, now);
  }

  /** Same points out of the same maximum (the time aside). */
  public boolean sameAs(AnswerGrade other) {
    return other != null
        && Double.compare(points, other.points) == 0
        && Double.compare(maxPoints, other.maxPoints) == 0;
  }
}
