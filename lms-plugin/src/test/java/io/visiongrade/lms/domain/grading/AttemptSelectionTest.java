package io.visiongrade.lms.domain.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.visiongrade.lms.domain.grading.AttemptSelection.GradedAttempt;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AttemptSelectionTest {

  static final Instant T = Instant.parse("2026-12-01T09:00:00Z");
  static final GradedAttempt A = new GradedAttempt("a", T, 6);
  static final GradedAttempt B = new GradedAttempt("b", T.plusSeconds(60), 9);
  static final GradedAttempt C = new GradedAttempt("c", T.plusSeconds(120), 4);
  static final GradedAttempt D = new GradedAttempt("d", T.plusSeconds(180), 9);

  @Test
  void bestTakesTheHighestScoreAndTheEarlierOnATie() {
    assertEquals("b", AttemptSelection.BEST.select(List.of(C, D, A, B)).orElseThrow().id());
  }

  @Test
  void lastTakesTheMostRecentWhateverItsScore() {
    assertEquals("c", AttemptSelection.LAST.select(List.of(C, A, B)).orElseThrow().id());
  }

  @Test
  void noAttemptsSelectNothing() {
    assertTrue(AttemptSelection.BEST.select(List.of()).isEmpty());
    assertTrue(AttemptSelection.LAST.select(List.of()).isEmpty());
  }

  @Test
  void aNaNScoreIsABug() {
    assertThrows(IllegalArgumentException.class, () -> new GradedAttempt("x", T, Double.NaN));
  }
}
