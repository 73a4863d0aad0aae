package io.visiongrade.lms.domain.answer;

import io.visiongrade.lms.domain.DomainException;
import io.visiongrade.lms.domain.grading.ImageAnswerDecision;
import java.time.Instant;
import java.util.Objects;

/**
 * A teacher's decision on an image answer.
 *
 * @param answerId the answer
 * @param verdict accept, reject, or relabel with the class the image shows
 * @param label the class the image shows: the relabelled class, the prompt's class when accepted,
 *     null when rejected
 * @param decidedBy the teacher
 * @param decidedAt when
 */
public record Review(
    long answerId, Verdict verdict, String label, String decidedBy, Instant decidedAt) {

  /** What a teacher can say about an answer. */
  public enum Verdict {
    ACCEPT,
    REJECT,
    RELABEL
  }

  public Review {
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(decidedBy, "decidedBy");
    Objects.requireNonNull(decidedAt, "decidedAt");
  }

  /**
   * A teacher's decision on {@code answer}: ACCEPT labels the image with the prompt's class, REJECT
   * leaves it unlabelled, RELABEL names the class it shows (accepted when that is the prompt's).
   *
   * @throws DomainException.Invalid RELABEL without a class, or a class with another verdict
   */
  public static Review of(
      ImageAnswer answer, Verdict verdict, String relabelClass, String teacher, Instant now) {
    Objects.requireNonNull(verdict, "verdict");
    String cls = relabelClass == null || relabelClass.isBlank() ? null : relabelClass.strip();
    if (verdict == Verdict.RELABEL && (cls == null || cls.length() > 200)) {
      throw new DomainException.Invalid("RELABEL needs the class the image shows (1 to 200 chars)");
    }
    if (verdict != Verdict.RELABEL && cls != null) {
      throw new DomainException.Invalid("a class is given only with RELABEL, not with " + verdict);
    }
    String label =
        switch (verdict) {
          case ACCEPT -> answer.expectedClass();
          case REJECT -> null;
          case RELABEL -> cls;
        };
    return new Review(answer.requireId(), verdict, label, teacher, now);
  }

  /** The answer's decision after this review. */
  public ImageAnswerDecision decision(ImageAnswer answer) {
    return switch (verdict) {
      case ACCEPT -> ImageAnswerDecision.ACCEPTED;
      case REJECT -> ImageAnswerDecision.REJECTED;
      case RELABEL ->
          answer.expectedClass().equals(label)
              ? ImageAnswerDecision.ACCEPTED
              : ImageAnswerDecision.REJECTED;
    };
  }
}
