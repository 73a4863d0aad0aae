package io.visiongrade.lms.domain.answer;

import java.time.Instant;
import java.util.Objects;

/**
 * A student's grade on an image-answer exercise: {@code accepted / prompts × maxPoints}, where a
 * prompt counts as accepted when any of the student's answers to it was accepted; {@code inReview}
 * counts the other prompts with an answer waiting for a teacher (the grade is then not final).
 */
public record AnswerGrade(
    long exerciseId,
    String userId,
    int accepted,
    int inReview,
    int prompts,
    double points,
    double maxPoints,
    Instant updatedAt) {

  public AnswerGrade {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(updatedAt, "updatedAt");
    if (prompts < 1 || accepted < 0 || inReview < 0 || accepted + inReview > prompts) {
      throw new IllegalArgumentException(
          "accepted + inReview must be in [0, prompts] with prompts >= 1, got "
              + accepted
              + " + "
              + inReview
              + " / "
              + prompts);
    }
  }

  /**
   * The grade for {@code accepted} of {@code prompts} prompts on an exercise out of {@code max}.
   */
  public static AnswerGrade of(
      long exerciseId,
      String userId,
      int accepted,
      int inReview,
      int prompts,
      double max,
      Instant now) {
    return new AnswerGrade(
        exerciseId, userId, accepted, inReview, prompts, max * accepted / prompts, max, now);
  }

  /**
   * The grade when accepted prompts are worth less than their full share (a late penalty): {@code
   * acceptedShares} is the sum over accepted prompts of the share each keeps, in [0, accepted].
   */
  public static AnswerGrade of(
      long exerciseId,
      String userId,
      int accepted,
      int inReview,
      int prompts,
      double acceptedShares,
      double max,
      Instant now) {
    if (!(acceptedShares >= 0 && acceptedShares <= accepted + 1e-9)) {
      throw new IllegalArgumentException(
          "acceptedShares must be in [0, " + accepted + "], got " + acceptedShares);
    }
    return new AnswerGrade(
        exerciseId,
        userId,
        accepted,
        inReview,
        prompts,
        max * Math.min(acceptedShares, accepted) / prompts,
        max,
        now);
  }

  /** Whether answers still wait for a teacher (the LMS is told the grading is pending). */
  public boolean pendingReview() {
    return inReview > 0;
  }

  /** Same points out of the same maximum, and the same prompts in review (the time aside). */
  public boolean sameAs(AnswerGrade other) {
    return other != null
        && inReview == other.inReview
        && Double.compare(points, other.points) == 0
        && Double.compare(maxPoints, other.maxPoints) == 0;
  }
}
