package io.visiongrade.engine.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DatasetSplitterTest {
  private static final LabeledImages DATA =
      SyntheticShapes.builder()
          .optKinds(SyntheticShapes.Kind.values())
          .optCountPerClass(20)
          .optSize(8)
          .optChannels(1)
          .build()
          .generate();

  private static int[] perClass(LabeledImages d) {
    int[] c = new int[d.numClasses()];
    for (int l : d.labels()) {
      c[l]++;
    }
    return c;
  }

  @Test
  void defaultSplitIsStratified() {
    DatasetSplits s = DatasetSplitter.defaults().split(DATA, 42);
    assertArrayEquals(new int[] {14, 14, 14, 14}, perClass(s.train()));
    assertArrayEquals(new int[] {3, 3, 3, 3}, perClass(s.validation()));
    assertArrayEquals(new int[] {3, 3, 3, 3}, perClass(s.test()));
  }

  @Test
  void splitsAreDisjointAndComplete() {
    DatasetSplits s = DatasetSplitter.defaults().split(DATA, 1);
    Set<String> all = new HashSet<>();
    for (LabeledImages part : List.of(s.train(), s.validation(), s.test())) {
      for (String id : part.ids()) {
        assertTrue(all.add(id), "duplicate " + id);
      }
    }
    assertEquals(new HashSet<>(DATA.ids()), all);
  }

  @Test
  void sameSeedGivesSameSplitAndHashes() {
    DatasetSplits a = DatasetSplitter.defaults().split(DATA, 7);
    DatasetSplits b = DatasetSplitter.defaults().split(DATA, 7);
    assertEquals(a.test().ids(), b.test().ids());
    assertEquals(a.train().contentHash(), b.train().contentHash());
    assertEquals(a.test().contentHash(), b.test().contentHash());
  }

  @Test
  void splitDoesNotDependOnDatasetOrder() {
    int[] rev = new int[DATA.size()];
    for (int i = 0; i < rev.length; i++) {
      rev[i] = rev.length - 1 - i;
    }
    DatasetSplits a = DatasetSplitter.defaults().split(DATA, 7);
    DatasetSplits b = DatasetSplitter.defaults().split(DATA.subset(rev, null), 7);
    assertEquals(new HashSet<>(a.test().ids()), new HashSet<>(b.test().ids()));
    assertEquals(a.test().contentHash(), b.test().contentHash());
  }

  @Test
  void splitDoesNotDependOnIds() {
    List<String> renamed = DATA.ids().stream().map(id -> "renamed-" + id.hashCode()).toList();
    LabeledImages other =
        new LabeledImages(
            DATA.channels(),
            DATA.height(),
            DATA.width(),
            DATA.pixels(),
            DATA.labels(),
            renamed,
            DATA.classNames(),
            null);
    DatasetSplits a = DatasetSplitter.defaults().split(DATA, 9);
    DatasetSplits b = DatasetSplitter.defaults().split(other, 9);
    assertEquals(a.train().contentHash(), b.train().contentHash());
    assertEquals(a.validation().contentHash(), b.validation().contentHash());
    assertEquals(a.test().contentHash(), b.test().contentHash());
  }

  @Test
  void otherSeedGivesOtherSplit() {
    assertNotEquals(
        DatasetSplitter.defaults().split(DATA, 1).test().ids(),
        DatasetSplitter.defaults().split(DATA, 2).test().ids());
  }

  @Test
  void eachSplitHasItsOwnContentHash() {
    DatasetSplits s = DatasetSplitter.defaults().split(DATA, 3);
    assertEquals(DatasetHasher.hash(s.test()), s.test().contentHash());
    assertNotEquals(s.train().contentHash(), s.test().contentHash());
    assertNotEquals(s.validation().contentHash(), s.test().contentHash());
  }

  @Test
  void everyClassIsRepresentedEvenWhenSmall() {
    assertArrayEquals(new int[] {1, 1, 1}, DatasetSplitter.allocate(3, new double[] {0.15, 0.15}));
    assertArrayEquals(new int[] {2, 1, 1}, DatasetSplitter.allocate(4, new double[] {0.15, 0.15}));
    assertArrayEquals(new int[] {2, 0, 0}, DatasetSplitter.allocate(2, new double[] {0.15, 0.15}));
    assertArrayEquals(new int[] {1, 0, 0}, DatasetSplitter.allocate(1, new double[] {0.15, 0.15}));
    assertArrayEquals(new int[] {8, 0, 2}, DatasetSplitter.allocate(10, new double[] {0, 0.2}));
  }

  @Test
  void configurableFractions() {
    DatasetSplits s =
        DatasetSplitter.builder().optFractions(0.5, 0.25, 0.25).build().split(DATA, 0);
    assertArrayEquals(new int[] {10, 10, 10, 10}, perClass(s.train()));
    assertArrayEquals(new int[] {5, 5, 5, 5}, perClass(s.test()));
  }

  @Test
  void trainValidationSplitLeavesTestEmpty() {
    DatasetSplits s = DatasetSplitter.split(DATA, 5, 0.1);
    assertArrayEquals(new int[] {18, 18, 18, 18}, perClass(s.train()));
    assertArrayEquals(new int[] {2, 2, 2, 2}, perClass(s.validation()));
    assertEquals(0, s.test().size());
  }

  @Test
  void givenTestSetIsKept() {
    LabeledImages test =
        SyntheticShapes.builder()
            .optKinds(SyntheticShapes.Kind.values())
            .optCountPerClass(2)
            .optSize(8)
            .optChannels(1)
            .optSeed(99)
            .build()
            .generate();
    DatasetSplits s = DatasetSplitter.split(DATA, test, 5, 0.1);
    assertEquals(test.contentHash(), s.test().contentHash());
    LabeledImages rgb = SyntheticShapes.builder().optSize(8).build().generate();
    assertThrows(IllegalArgumentException.class, () -> DatasetSplitter.split(DATA, rgb, 5, 0.1));
  }

  @Test
  void badFractionsAreRefusedWithTheirValues() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> DatasetSplitter.builder().optFractions(0.7, 0.2, 0.2).build());
    assertTrue(e.getMessage().contains("sum to 1"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> DatasetSplitter.builder().optFractions(0, 0.5, 0.5).build());
    assertThrows(IllegalArgumentException.class, () -> DatasetSplitter.split(DATA, 1, 1.0));
  }
}
