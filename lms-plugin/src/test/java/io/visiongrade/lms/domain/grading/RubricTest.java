package io.visiongrade.lms.domain.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.visiongrade.lms.domain.DomainException;
import io.visiongrade.lms.domain.grading.Rubric.Metric;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class RubricTest {

  @Test
  void defaultMapsChanceToZeroAndPerfectToFull() {
    Rubric r = Rubric.DEFAULT;
    assertEquals(0, r.score(0.25, 4), 1e-12);
    assertEquals(1, r.score(1.0, 4), 1e-12);
    assertEquals(0.5, r.score(0.625, 4), 1e-12);
    assertEquals(5, r.points(0.625, 4, OptionalDouble.empty(), 10), 1e-12);
  }

  @Test
  void belowBaselineAndAboveTargetAreClamped() {
    Rubric r = new Rubric(Metric.MACRO_F1, 0.5, 0.9);
    assertEquals(0, r.score(0.1, 10), 1e-12);
    assertEquals(1, r.score(0.95, 10), 1e-12);
    assertEquals(0.5, r.score(0.7, 10), 1e-12);
  }

  @Test
  void theReferenceModelIsTheDefaultTarget() {
    Rubric r = Rubric.DEFAULT;
    assertEquals(0.8, r.targetFor(10, OptionalDouble.of(0.8)), 1e-12);
    assertEquals(1, r.score(0.8, 10, OptionalDouble.of(0.8)), 1e-12);
    assertEquals(1, r.score(0.85, 10, OptionalDouble.of(0.8)), 1e-12);
    assertEquals(7.0 / 14, r.score(0.45, 10, OptionalDouble.of(0.8)), 1e-9);
    // A reference at or below the baseline is useless: 1.0 instead.
    assertEquals(1.0, r.targetFor(10, OptionalDouble.of(0.1)), 1e-12);
    // An explicit target wins over the reference.
    assertEquals(0.6, new Rubric(Metric.ACCURACY, null, 0.6).targetFor(10, OptionalDouble.of(0.8)));
  }

  @Test
  void anExplicitTargetAtOrBelowChanceFallsBackToOne() {
    Rubric r = new Rubric(Metric.ACCURACY, null, 0.4);
    assertEquals(1.0, r.targetFor(2, OptionalDouble.empty()), 1e-12);
  }

  @Test
  void invalidRubricsNameTheField() {
    var e =
        assertThrows(DomainException.Invalid.class, () -> new Rubric(Metric.ACCURACY, 1.0, null));
    assertEquals("rubric: baseline must be at least 0 and below 1, got 1.0", e.getMessage());
    e = assertThrows(DomainException.Invalid.class, () -> new Rubric(Metric.ACCURACY, null, 0.0));
    assertEquals("rubric: target must be above 0 and at most 1, got 0.0", e.getMessage());
    e = assertThrows(DomainException.Invalid.class, () -> new Rubric(Metric.ACCURACY, 0.5, 0.5));
    assertEquals("rubric: target (0.5) must be above baseline (0.5)", e.getMessage());
  }

  @Test
  void metricValuesOutsideZeroOneAreBugs() {
    assertThrows(IllegalArgumentException.class, () -> Rubric.DEFAULT.score(Double.NaN, 3));
    assertThrows(IllegalArgumentException.class, () -> Rubric.DEFAULT.score(1.01, 3));
    assertThrows(IllegalArgumentException.class, () -> Rubric.DEFAULT.score(0.5, 1));
    assertThrows(
        IllegalArgumentException.class,
        () -> Rubric.DEFAULT.points(0.5, 3, OptionalDouble.empty(), 0));
  }
}
