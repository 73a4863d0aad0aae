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
  void drawnShapesLookLikeADarkPenOnLightPaper() {
    LabeledImages d =
        SyntheticShapes.builder()
            .optKinds(Kind.values())
            .optStyle(SyntheticShapes.Style.DRAWN)
            .optCountPerClass(25)
            .optNoise(0)
            .optChannels(1)
            .build()
            .generate();
    assertEquals(List.of("circle", "square", "star", "triangle"), d.classNames());
    for (int i = 0; i < d.size(); i++) {
      int min = 255;
      int ink = 0;
      int light = 0;
      for (int k = 0; k < d.imageSize(); k++) {
        int v = d.pixels()[i * d.imageSize() + k] & 0xff;
        min = Math.min(min, v);
        ink += v < 128 ? 1 : 0;
        light += v >= 220 ? 1 : 0;
      }
      assertTrue(min <= 130, "pen " + min + " in " + d.id(i));
      double inkShare = ink / (double) d.imageSize();
      assertTrue(inkShare > 0.01 && inkShare < 0.6, "ink " + inkShare + " in " + d.id(i));
      assertTrue(light > d.imageSize() / 3, "paper in " + d.id(i));
    }
  }

  @Test
  void drawnShapesVaryInPenColourAndDifferFromFilledOnes() {
    SyntheticShapes.Builder b =
        SyntheticShapes.builder().optCountPerClass(10).optNoise(0).optSeed(3);
    LabeledImages filled = b.build().generate();
    LabeledImages drawn = b.optStyle(SyntheticShapes.Style.DRAWN).build().generate();
    assertEquals(SyntheticShapes.Style.DRAWN, b.build().style());
    assertFalse(java.util.Arrays.equals(filled.pixels(), drawn.pixels()));
    assertArrayEquals(drawn.pixels(), b.build().generate().pixels(), "deterministic");
    int plane = drawn.width() * drawn.height();
    java.util.Set<Integer> pens = new java.util.HashSet<>();
    for (int i = 0; i < drawn.size(); i++) {
      int darkest = 0;
      int darkestSum = 3 * 255 + 1;
      for (int k = 0; k < plane; k++) {
        int sum = 0;
        for (int c = 0; c < 3; c++) {
          sum += drawn.pixels()[i * drawn.imageSize() + c * plane + k] & 0xff;
        }
        if (sum < darkestSum) {
          darkestSum = sum;
          darkest = k;
        }
      }
      int r = drawn.pixels()[i * drawn.imageSize() + darkest] & 0xff;
      int g = drawn.pixels()[i * drawn.imageSize() + plane + darkest] & 0xff;
      pens.add((r / 16) * 16 + g / 16);
    }
    assertTrue(pens.size() > 5, "pen colours " + pens);
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
