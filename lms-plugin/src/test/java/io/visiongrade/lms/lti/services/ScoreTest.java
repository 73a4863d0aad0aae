package io.visiongrade.lms.lti.services;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ScoreTest {

  private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

  @Test
  void nonFiniteScoresAreRefusedBeforeTheyReachJson() {
    assertThrows(IllegalArgumentException.class, () -> Score.graded("u", Double.NaN, 10, "", NOW));
    assertThrows(
        IllegalArgumentException.class,
        () -> Score.graded("u", 1, Double.POSITIVE_INFINITY, "", NOW));
  }

  @Test
  void negativeScoreAndZeroMaximumAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> Score.graded("u", -1, 10, "", NOW));
    assertThrows(IllegalArgumentException.class, () -> Score.graded("u", 1, 0, "", NOW));
  }

  @Test
  void gradedScoreCarriesItsFields() {
    Score s = Score.graded("u", 7, 10, "ok", NOW);
    assertEquals(7.0, s.scoreGiven().orElseThrow());
    assertEquals(10.0, s.scoreMaximum().orElseThrow());
  }
}
