package io.visiongrade.engine.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.visiongrade.engine.data.SyntheticShapes.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyntheticShapesTest {
  @Test
  void deterministicForASeed() {
    SyntheticShapes.Builder b = SyntheticShapes.builder().optCountPerClass(4).optSeed(11);
    LabeledImages a = b.build().generate();
    LabeledImages c = b.build().generate();
    assertArrayEquals(a.pixels(), c.pixels());
    assertEquals(a.contentHash(), c.contentHash());
    assertNotEquals(a.contentHash(), b.optSeed(12).build().generate().contentHash());
  }

  @Test
  void classesAreAlphabeticalWithIdsPerClass() {
    LabeledImages d =
        SyntheticShapes.builder()
            .optKinds(Kind.TRIANGLE, Kind.STAR, Kind.CIRCLE)
            .optCountPerClass(2)
            .build()
            .generate();
    assertEquals(List.of("circle", "star", "triangle"), d.classNames());
    assertEquals(
        List.of(
            "circle/0000.png",
            "circle/0001.png",
            "star/0000.png",
            "star/0001.png",
            "triangle/0000.png",
            "triangle/0001.png"),
        d.ids());
    assertArrayEquals(new int[] {0, 0, 1, 1, 2, 2}, d.labels());
  }

  @Test
  void shapeAndSizeFollowTheBuilder() {
    LabeledImages d =
        SyntheticShapes.builder().optSize(20).optChannels(1).optCountPerClass(1).build().generate();
    assertEquals(1, d.channels());
    assertEquals(20, d.height());
    assertEquals(20, d.width());
    assertEquals(3, d.size());
  }

  @Test
  void imagesShowAShapeOnABackground() {
    LabeledImages d =
        SyntheticShapes.builder().optCountPerClass(5).optNoise(0).optChannels(1).build().generate();
    for (int i = 0; i < d.size(); i++) {
      int min = 255;
      int max = 0;
      for (int k = 0; k < d.imageSize(); k++) {
        int v = d.pixels()[i * d.imageSize() + k] & 0xff;
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
      assertTrue(max - min >= 80, "contrast " + (max - min) + " in " + d.id(i));
    }
  }

  @Test
  void noiseChangesPixels() {
    SyntheticShapes.Builder b = SyntheticShapes.builder().optCountPerClass(1);
    assertFalse(
        java.util.Arrays.equals(
            b.optNoise(0).build().generate().pixels(),
            b.optNoise(0.2).build().generate().pixels()));
  }

  @Test
  void builderRefusesBadValues() {
    assertThrows(
        IllegalArgumentException.class,
        () -> SyntheticShapes.builder().optKinds(Kind.STAR).build());
    assertThrows(
        IllegalArgumentException.class, () -> SyntheticShapes.builder().optSize(4).build());
    assertThrows(
        IllegalArgumentException.class, () -> SyntheticShapes.builder().optChannels(2).build());
    assertThrows(
        IllegalArgumentException.class, () -> SyntheticShapes.builder().optNoise(-1).build());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> SyntheticShapes.builder().optCountPerClass(0).build());
    assertTrue(e.getMessage().contains("countPerClass"));
  }
}
