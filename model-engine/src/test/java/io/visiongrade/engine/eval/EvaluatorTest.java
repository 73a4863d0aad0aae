package io.visiongrade.engine.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class EvaluatorTest {
  private static final List<String> CLASSES = List.of("a", "b", "c");
  private static final List<String> IDS = List.of("0", "1", "2", "3", "4", "5");

  @Test
  void metricsFromPredictions() {
    int[] truth = {0, 0, 1, 1, 2, 2};
    int[] predicted = {0, 1, 1, 1, 2, 0};
    EvaluationResult r = Evaluator.fromPredictions(predicted, truth, IDS, CLASSES);
    assertEquals(6, r.count());
    assertEquals(4.0 / 6, r.accuracy(), 1e-12);
    assertArrayEquals(new int[][] {{1, 1, 0}, {0, 2, 0}, {1, 0, 1}}, r.confusion());
    ClassMetrics a = r.perClass().get(0);
    assertEquals(0.5, a.precision(), 1e-12);
    assertEquals(0.5, a.recall(), 1e-12);
    assertEquals(0.5, a.f1(), 1e-12);
    ClassMetrics b = r.perClass().get(1);
    assertEquals(2.0 / 3, b.precision(), 1e-12);
    assertEquals(1.0, b.recall(), 1e-12);
    assertEquals(0.8, b.f1(), 1e-12);
    ClassMetrics c = r.perClass().get(2);
    assertEquals(1.0, c.precision(), 1e-12);
    assertEquals(0.5, c.recall(), 1e-12);
    assertEquals(2.0 / 3, c.f1(), 1e-12);
    assertEquals((0.5 + 0.8 + 2.0 / 3) / 3, r.macroF1(), 1e-12);
    assertEquals(List.of("1", "5"), r.misclassifiedIds());
    assertEquals(Double.NaN, r.meanLoss());
  }

  @Test
  void topKAndLossFromLogits() {
    float[] logits = {
      3, 2, 1, // true 0: top-1
      3, 2, 1, // true 1: top-2
      3, 2, 1, // true 2: top-3
      0, 0, 0, // true 0: tie, lowest index wins
    };
    int[] truth = {0, 1, 2, 0};
    EvaluationResult r =
        Evaluator.fromLogits(logits, truth, List.of("w", "x", "y", "z"), CLASSES, 2);
    assertEquals(0.5, r.accuracy(), 1e-12);
    assertEquals(0.75, r.topKAccuracy(), 1e-12);
    double l1 = Math.log(Math.exp(3) + Math.exp(2) + Math.exp(1));
    double expected = ((l1 - 3) + (l1 - 2) + (l1 - 1) + Math.log(3)) / 4;
    assertEquals(expected, r.meanLoss(), 1e-6);
    assertEquals(List.of("x", "y"), r.misclassifiedIds());
  }

  @Test
  void unlabelledAreSkippedAndBadInputRejected() {
    EvaluationResult r =
        Evaluator.fromPredictions(new int[] {0, 1}, new int[] {0, -1}, List.of("p", "q"), CLASSES);
    assertEquals(1, r.count());
    assertEquals(1.0, r.accuracy());
    assertThrows(
        IllegalArgumentException.class,
        () -> Evaluator.fromPredictions(new int[] {3}, new int[] {0}, List.of("p"), CLASSES));
    assertThrows(
        IllegalArgumentException.class,
        () -> Evaluator.fromPredictions(new int[] {0, 1}, new int[] {0}, List.of("p"), CLASSES));
  }
}
