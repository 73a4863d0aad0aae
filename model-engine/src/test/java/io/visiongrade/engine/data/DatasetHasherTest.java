package io.visiongrade.engine.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DatasetHasherTest {
  private static LabeledImages set(byte[] px, int[] labels, List<String> ids, List<String> names) {
    return new LabeledImages(1, 1, 2, px, labels, ids, names, null);
  }

  private static final List<String> NAMES = List.of("a", "b");
  private static final List<String> IDS = List.of("a/1", "b/1", "b/2");
  private static final LabeledImages BASE =
      set(new byte[] {1, 2, 3, 4, 5, 6}, new int[] {0, 1, 1}, IDS, NAMES);

  @Test
  void isHexSha256() {
    String h = DatasetHasher.hash(BASE);
    assertEquals(64, h.length());
    assertTrue(h.matches("[0-9a-f]{64}"));
  }

  @Test
  void sameImagesAndLabelsInAnotherOrderOrWithOtherIdsHashTheSame() {
    LabeledImages shuffled =
        set(new byte[] {5, 6, 1, 2, 3, 4}, new int[] {1, 0, 1}, List.of("x", "y", "z"), NAMES);
    assertEquals(DatasetHasher.hash(BASE), DatasetHasher.hash(shuffled));
  }

  @Test
  void anyChangedPixelChangesTheHash() {
    assertNotEquals(
        DatasetHasher.hash(BASE),
        DatasetHasher.hash(set(new byte[] {1, 2, 3, 4, 5, 7}, new int[] {0, 1, 1}, IDS, NAMES)));
  }

  @Test
  void anyChangedLabelChangesTheHash() {
    assertNotEquals(
        DatasetHasher.hash(BASE),
        DatasetHasher.hash(set(BASE.pixels(), new int[] {0, 1, 0}, IDS, NAMES)));
  }

  @Test
  void movingALabelBetweenImagesChangesTheHash() {
    assertNotEquals(
        DatasetHasher.hash(BASE),
        DatasetHasher.hash(set(BASE.pixels(), new int[] {1, 0, 1}, IDS, NAMES)));
  }

  @Test
  void classNamesAndShapeAreHashed() {
    assertNotEquals(
        DatasetHasher.hash(BASE),
        DatasetHasher.hash(set(BASE.pixels(), BASE.labels(), IDS, List.of("a", "c"))));
    LabeledImages transposed =
        new LabeledImages(1, 2, 1, BASE.pixels(), BASE.labels(), IDS, NAMES, null);
    assertNotEquals(DatasetHasher.hash(BASE), DatasetHasher.hash(transposed));
  }

  @Test
  void largeSetsHashInParallelToTheSameValue() {
    LabeledImages big =
        SyntheticShapes.builder()
            .optCountPerClass(700)
            .optSize(8)
            .optChannels(1)
            .build()
            .generate();
    int[] rev = new int[big.size()];
    for (int i = 0; i < rev.length; i++) {
      rev[i] = rev.length - 1 - i;
    }
    assertEquals(big.contentHash(), DatasetHasher.hash(big.subset(rev, null)));
  }

  @Test
  void withHashSetsTheHash() {
    assertEquals(DatasetHasher.hash(BASE), DatasetHasher.withHash(BASE).contentHash());
  }
}
