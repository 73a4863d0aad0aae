package io.visiongrade.web.course;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.visiongrade.lms.application.ImageAnswers;
import io.visiongrade.lms.domain.answer.AnswerGrade;
import io.visiongrade.lms.domain.answer.ImageAnswer;
import io.visiongrade.lms.domain.grading.ImageAnswerDecision;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ImageAnswerJsonTest {

  static final Instant T = Instant.parse("2026-11-28T12:00:00Z");

  static ImageAnswer answer() {
    return new ImageAnswer(
        7L,
        3,
        1,
        "s1",
        0,
        "triangle",
        "a".repeat(64),
        120,
        "image/png",
        T,
        2,
        1,
        "h".repeat(64),
        5,
        "[{\"class\":\"triangle\",\"probability\":0.9},{\"class\":\"circle\",\"probability\":0.1}]",
        0.9,
        ImageAnswerDecision.ACCEPTED,
        null);
  }

  @Test
  void theTopClassesAreJsonAndTheGradeIsShownAfterAnswering() {
    ImageAnswerJson listed = ImageAnswerJson.of(answer());
    assertEquals(2, listed.topClasses().size());
    assertEquals("triangle", listed.topClasses().getJsonObject(0).getString("class"));
    assertNull(listed.points());
    ImageAnswerJson answered =
        ImageAnswerJson.of(
            new ImageAnswers.Answered(
                answer(), AnswerGrade.of(3, "s1", 1, 0, 2, 10, T), "Grade 5.00 sent."));
    assertEquals(5.0, answered.points(), 1e-9);
    assertEquals("ACCEPTED", answered.decision());
  }
}
