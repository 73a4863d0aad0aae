package io.visiongrade.lms.domain.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.visiongrade.lms.domain.DomainException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LatePenaltyTest {

  static final Instant DUE = Instant.parse("2026-12-08T09:00:00Z");
  static final LatePolicy TEN_UP_TO_FIFTY = new LatePolicy(10, 50);

  @Test
  void onTimeKeepsTheRawScore() {
    var r = LatePenalty.apply(8, DUE, DUE, null, TEN_UP_TO_FIFTY);
    assertEquals(8, r.score());
    assertEquals(0, r.daysLate());
    assertFalse(r.late());
  }

  @Test
  void everyStartedDayCosts() {
    assertEquals(
        1, LatePenalty.apply(10, DUE.plusSeconds(1), DUE, null, TEN_UP_TO_FIFTY).daysLate());
    assertEquals(
        9, LatePenalty.apply(10, DUE.plusSeconds(1), DUE, null, TEN_UP_TO_FIFTY).score(), 1e-9);
    assertEquals(
        1,
        LatePenalty.apply(10, DUE.plus(Duration.ofDays(1)), DUE, null, TEN_UP_TO_FIFTY).daysLate());
    var two = LatePenalty.apply(10, DUE.plus(Duration.ofHours(25)), DUE, null, TEN_UP_TO_FIFTY);
    assertEquals(2, two.daysLate());
    assertEquals(20, two.penaltyPercent(), 1e-9);
    assertEquals(8, two.score(), 1e-9);
    assertTrue(two.late());
    assertEquals(1, LatePenalty.apply(10, DUE.plusNanos(1), DUE, null, TEN_UP_TO_FIFTY).daysLate());
  }

  @Test
  void thePenaltyStopsAtTheCap() {
    var r = LatePenalty.apply(10, DUE.plus(Duration.ofDays(40)), DUE, null, TEN_UP_TO_FIFTY);
    assertEquals(40, r.daysLate());
    assertEquals(50, r.penaltyPercent(), 1e-9);
    assertEquals(5, r.score(), 1e-9);
    var full =
        LatePenalty.apply(10, DUE.plus(Duration.ofDays(3)), DUE, null, new LatePolicy(50, 100));
    assertEquals(0, full.score(), 1e-9);
  }

  @Test
  void anExtensionReplacesTheDueDate() {
    Instant ext = DUE.plus(Duration.ofDays(2));
    assertFalse(
        LatePenalty.apply(10, DUE.plus(Duration.ofDays(1)), DUE, ext, TEN_UP_TO_FIFTY).late());
    var r = LatePenalty.apply(10, ext.plusSeconds(10), DUE, ext, TEN_UP_TO_FIFTY);
    assertEquals(1, r.daysLate());
    assertEquals(9, r.score(), 1e-9);
    // An extension also counts when the exercise has no due date of its own.
    assertEquals(
        1, LatePenalty.apply(10, ext.plusSeconds(1), null, ext, TEN_UP_TO_FIFTY).daysLate());
  }

  @Test
  void noDueDateOrNoPolicyMeansNoPenalty() {
    assertEquals(
        7, LatePenalty.apply(7, DUE.plus(Duration.ofDays(9)), null, null, TEN_UP_TO_FIFTY).score());
    assertEquals(7, LatePenalty.apply(7, DUE.plus(Duration.ofDays(9)), DUE, null, null).score());
  }

  @Test
  void badRawScoresAreBugs() {
    assertThrows(
        IllegalArgumentException.class,
        () -> LatePenalty.apply(-1, DUE, DUE, null, TEN_UP_TO_FIFTY));
    assertThrows(
        IllegalArgumentException.class,
        () -> LatePenalty.apply(Double.NaN, DUE, DUE, null, TEN_UP_TO_FIFTY));
  }

  @Test
  void policyValidationNamesTheField() {
    var e = assertThrows(DomainException.Invalid.class, () -> new LatePolicy(0, 10));
    assertEquals(
        "late policy: percentPerDay must be above 0 and at most 100, got 0.0", e.getMessage());
    e = assertThrows(DomainException.Invalid.class, () -> new LatePolicy(20, 10));
    assertTrue(
        e.getMessage().startsWith("late policy: capPercent must be between"), e.getMessage());
    assertThrows(DomainException.Invalid.class, () -> new LatePolicy(10, 101));
  }
}
