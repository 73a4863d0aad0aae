package io.visiongrade.web.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChartsTest {

  private final Messages m = Messages.english();

  @Test
  void confusionMatrixHasACellPerPairWithItsCountAndEscapesClassNames() {
    String svg =
        Charts.confusionMatrix(
            m, List.of("cat", "<script>x</script>"), new long[][] {{8, 2}, {0, 5}});
    assertEquals(4, svg.split("<rect ").length - 1);
    assertTrue(svg.contains("8 of class cat predicted as cat"), svg);
    assertTrue(svg.contains("&lt;script&gt;"), svg);
    assertFalse(svg.contains("<script>"), svg);
    // A perfect row is the darkest green; an empty row stays white.
    assertEquals("#146c2e", Charts.blend("#e7f6ec", "#146c2e", 1.0));
    assertEquals("#ffffff", Charts.blend("#ffffff", "#b42318", 0.0));
  }

  @Test
  void confusionMatrixRefusesAMatrixOfTheWrongShape() {
    assertThrows(
        IllegalArgumentException.class,
        () -> Charts.confusionMatrix(m, List.of("a", "b"), new long[][] {{1, 2}}));
    assertThrows(
        IllegalArgumentException.class,
        () -> Charts.confusionMatrix(m, List.of("a", "b"), new long[][] {{1, 2}, {3}}));
  }

  @Test
  void lineChartDrawsOnePathPerSeriesAndSkipsMissingValues() {
    String svg =
        Charts.lines(
            m,
            "Loss",
            "loss",
            List.of(
                new Charts.Series("train", "#0b5cad", List.of(1.0, 0.5, 0.25)),
                new Charts.Series("validation", "#d55e00", Arrays.asList(1.2, null, 0.4))));
    assertEquals(2, svg.split("<path ").length - 1);
    assertEquals(5, svg.split("<circle ").length - 1);
    assertTrue(svg.contains("aria-label=\"Loss\""));
    String empty = Charts.lines(m, "Nothing", "y", List.of());
    assertFalse(empty.contains("<path "));
  }
}
