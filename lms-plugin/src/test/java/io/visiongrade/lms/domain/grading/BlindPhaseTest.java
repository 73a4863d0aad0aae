package io.visiongrade.lms.domain.grading;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.visiongrade.lms.domain.DomainException;
import java.time.Instant;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BlindPhaseTest {

  static final int[] LABELS = IntStream.range(0, 300).map(i -> i % 3).toArray();

  @Test
  void thePartsCoverTheTestSplitOnceAndAreStratified() {
    BlindPhase.Parts p = new BlindPhase(0.3).split(LABELS, 7);
    assertEquals(90, p.publicIndices().length);
    assertEquals(210, p.privateIndices().length);
    int[] all =
        IntStream.concat(Arrays.stream(p.publicIndices()), Arrays.stream(p.privateIndices()))
            .sorted()
            .toArray();
    assertArrayEquals(IntStream.range(0, 300).toArray(), all);
    for (int c = 0; c < 3; c++) {
      int cls = c;
      assertEquals(30, Arrays.stream(p.publicIndices()).filter(i -> LABELS[i] == cls).count());
    }
    assertArrayEquals(p.publicIndices(), Arrays.stream(p.publicIndices()).sorted().toArray());
  }

  @Test
  void theCutIsDeterministicForASeedAndDiffersAcrossSeeds() {
    BlindPhase b = new BlindPhase(0.5);
    assertArrayEquals(b.split(LABELS, 42).publicIndices(), b.split(LABELS, 42).publicIndices());
    assertFalse(
        Arrays.equals(b.split(LABELS, 42).publicIndices(), b.split(LABELS, 43).publicIndices()));
  }

  @Test
  void everyClassWithTwoImagesHasOneOnEachSide() {
    BlindPhase.Parts p = new BlindPhase(0.01).split(new int[] {0, 0, 1, 1, 1}, 1);
    assertEquals(2, p.publicIndices().length);
    BlindPhase.Parts q = new BlindPhase(0.99).split(new int[] {0, 0, 1, 1, 1}, 1);
    assertEquals(2, q.privateIndices().length, "one private image per class");
  }

  @Test
  void studentsSeeThePublicScoreUntilTheDueDateThenThePrivateOne() {
    Instant due = Instant.parse("2026-12-08T09:00:00Z");
    assertEquals(BlindPhase.Visible.PUBLIC, BlindPhase.visible(due, due));
    assertEquals(BlindPhase.Visible.PRIVATE, BlindPhase.visible(due.plusSeconds(1), due));
    assertEquals(BlindPhase.Visible.PUBLIC, BlindPhase.visible(due.plusSeconds(1), null));
    assertEquals(0.7, BlindPhase.visibleScore(0.7, 0.6, due.minusSeconds(1), due));
    assertEquals(0.6, BlindPhase.visibleScore(0.7, 0.6, due.plusSeconds(1), due));
  }

  @Test
  void fractionsOutsideTheOpenIntervalAreRefused() {
    var e = assertThrows(DomainException.Invalid.class, () -> new BlindPhase(1));
    assertEquals(
        "blind phase: publicFraction must be above 0 and below 1, got 1.0", e.getMessage());
    assertThrows(DomainException.Invalid.class, () -> new BlindPhase(0));
    assertThrows(
        IllegalArgumentException.class, () -> new BlindPhase(0.5).split(new int[] {-1}, 1));
  }
}
