package io.visiongrade.lms.domain.grading;

import static io.visiongrade.lms.domain.grading.ImageAnswerDecision.ACCEPTED;
import static io.visiongrade.lms.domain.grading.ImageAnswerDecision.REJECTED;
import static io.visiongrade.lms.domain.grading.ImageAnswerDecision.REVIEW;
import static io.visiongrade.lms.domain.grading.ImageAnswerDecision.decide;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ImageAnswerDecisionTest {

  @Test
  void confidentAndTopIsAccepted() {
    assertEquals(ACCEPTED, decide(new double[] {0.1, 0.85, 0.05}, 1, 0.8, 0.3));
    assertEquals(ACCEPTED, decide(new double[] {0.2, 0.8, 0.0}, 1, 0.8, 0.3), "at τ_accept");
  }

  @Test
  void lowProbabilityOfTheExpectedClassIsRejected() {
    assertEquals(REJECTED, decide(new double[] {0.9, 0.05, 0.05}, 1, 0.8, 0.3));
    assertEquals(REVIEW, decide(new double[] {0.7, 0.3, 0.0}, 1, 0.8, 0.3), "at τ_reject");
  }

  @Test
  void inBetweenGoesToReview() {
    assertEquals(REVIEW, decide(new double[] {0.4, 0.6}, 1, 0.8, 0.3));
    assertEquals(REVIEW, decide(new double[] {0.45, 0.55}, 0, 0.8, 0.3), "not top, not low");
  }

  @Test
  void aboveAcceptButNotTheTopIsReview() {
    // τ_accept 0.4: the expected class has 0.4 but another has 0.6.
    assertEquals(REVIEW, decide(new double[] {0.6, 0.4}, 1, 0.4, 0.1));
    // A tie with the top counts as the top.
    assertEquals(ACCEPTED, decide(new double[] {0.5, 0.5}, 1, 0.5, 0.1));
  }

  @Test
  void malformedInputIsABug() {
    assertThrows(IllegalArgumentException.class, () -> decide(new double[] {1.0}, 0, 0.8, 0.3));
    assertThrows(
        IllegalArgumentException.class, () -> decide(new double[] {0.5, 0.5}, 2, 0.8, 0.3));
    assertThrows(
        IllegalArgumentException.class, () -> decide(new double[] {0.5, 0.6}, 0, 0.8, 0.3));
    assertThrows(
        IllegalArgumentException.class, () -> decide(new double[] {Double.NaN, 1}, 0, 0.8, 0.3));
    assertThrows(IllegalArgumentException.class, () -> decide(null, 0, 0.8, 0.3));
  }

  @Test
  void thresholdsMustBeOrdered() {
    var e =
        assertThrows(
            IllegalArgumentException.class, () -> decide(new double[] {0.5, 0.5}, 0, 0.3, 0.3));
    assertEquals(
        "rejectThreshold must be at least 0 and below acceptThreshold (0.3), got 0.3",
        e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> decide(new double[] {0.5, 0.5}, 0, 0, 0));
    assertThrows(
        IllegalArgumentException.class, () -> decide(new double[] {0.5, 0.5}, 0, 1.1, 0.3));
  }
}
