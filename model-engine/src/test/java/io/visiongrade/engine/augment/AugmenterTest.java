package io.visiongrade.engine.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.visiongrade.engine.augment.Augmenter.Transform;
import io.visiongrade.engine.data.LabeledImages;
import io.visiongrade.engine.data.SyntheticShapes;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AugmenterTest {
  private static final int H = 8;
  private static final int W = 8;

  /** A 2-channel-free helper: one channel, a bright pixel at (x, y). */
  private static byte[] dot(int x, int y) {
    byte[] b = new byte[H * W];
    b[y * W + x] = (byte) 255;
    return b;
  }

  private static byte[] ramp(int c) {
    byte[] b = new byte[c * H * W];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) (i * 3);
    }
    return b;
  }

  private static float[] apply(Transform t, byte[] src, int c) {
    float[] out = new float[c * H * W];
    Augmenter.apply(t, src, 0, out, 0, c, H, W);
    return out;
  }

  private static double[] centreOfMass(float[] img) {
    double sx = 0;
    double sy = 0;
    double m = 0;
    for (int y = 0; y < H; y++) {
      for (int x = 0; x < W; x++) {
        float v = img[y * W + x];
        sx += v * x;
        sy += v * y;
        m += v;
      }
    }
    return new double[] {sx / m, sy / m};
  }

  @Test
  void identityConfigOnlyNormalises() {
    byte[] src = ramp(3);
    float[] out = new float[src.length + 2];
    new Augmenter(AugmentationConfig.NONE).augment(src, 0, out, 2, 3, H, W, new Random(1));
    for (int i = 0; i < src.length; i++) {
      assertEquals((src[i] & 0xff) / 255f, out[i + 2], 0);
    }
    assertEquals(0, out[0]);
  }

  @Test
  void identityTransformThroughTheAffinePathLeavesPixelsUnchanged() {
    byte[] src = ramp(1);
    // A full turn takes the general (non axis-aligned) path and must come back to the input.
    float[] out = apply(new Transform(360, 0, 0, 1, 1, false, 1), src, 1);
    for (int i = 0; i < src.length; i++) {
      assertEquals((src[i] & 0xff) / 255f, out[i], 1e-4);
    }
  }

  @Test
  void toFloatHandlesOffsets() {
    float[] out = new float[3];
    Augmenter.toFloat(new byte[] {9, (byte) 255, 0, (byte) 51}, 1, out, 0, 3);
    assertArrayEquals(new float[] {1f, 0f, 0.2f}, out, 1e-6f);
  }

  @Test
  void flipMirrorsEveryChannel() {
    byte[] src = ramp(3);
    float[] out = apply(new Transform(0, 0, 0, 1, 1, true, 1), src, 3);
    for (int ch = 0; ch < 3; ch++) {
      for (int y = 0; y < H; y++) {
        for (int x = 0; x < W; x++) {
          int o = ch * H * W + y * W + x;
          int s = ch * H * W + y * W + (W - 1 - x);
          assertEquals((src[s] & 0xff) / 255f, out[o], 0);
        }
      }
    }
  }

  @Test
  void flipThroughTheAffinePathMatches() {
    byte[] src = ramp(1);
    float[] fast = apply(new Transform(0, 0, 0, 1, 1, true, 1), src, 1);
    float[] general = apply(new Transform(360, 0, 0, 1, 1, true, 1), src, 1);
    assertArrayEquals(fast, general, 1e-4f);
  }

  @Test
  void shiftMovesMassRightAndDown() {
    float[] out = apply(new Transform(0, 0.25, 0.125, 1, 1, false, 1), dot(3, 3), 1);
    double[] com = centreOfMass(out);
    assertEquals(5, com[0], 1e-6);
    assertEquals(4, com[1], 1e-6);
    assertEquals(1f, out[4 * W + 5], 1e-6);
  }

  @Test
  void rotationByNinetyDegreesTurnsCounterClockwise() {
    // 8x8 has its centre at (3.5, 3.5); a 7x... use the pixel right of centre on row 3/4 axis.
    byte[] src = new byte[H * W];
    src[3 * W + 7] = (byte) 255;
    src[4 * W + 7] = (byte) 255;
    float[] out = apply(new Transform(90, 0, 0, 1, 1, false, 1), src, 1);
    double[] com = centreOfMass(out);
    assertEquals(3.5, com[0], 0.05);
    assertTrue(com[1] < 1, "moved to the top: " + Arrays.toString(com));
  }

  @Test
  void zoomAboveOneShrinksContentTowardsTheCentre() {
    byte[] src = new byte[H * W];
    src[0] = (byte) 255;
    float[] out = apply(new Transform(0, 0, 0, 2, 2, false, 1), src, 1);
    double[] com = centreOfMass(out);
    assertTrue(com[0] > 0.5 && com[1] > 0.5, Arrays.toString(com));
  }

  @Test
  void fillModeNearestRepeatsTheEdge() {
    byte[] src = new byte[H * W];
    for (int y = 0; y < H; y++) {
      src[y * W] = (byte) 200;
    }
    float[] out = apply(new Transform(0, 0.5, 0, 1, 1, false, 1), src, 1);
    for (int y = 0; y < H; y++) {
      for (int x = 0; x < 4; x++) {
        assertEquals(200 / 255f, out[y * W + x], 1e-6, "x=" + x);
      }
    }
  }

  @Test
  void brightnessScalesAndClamps() {
    byte[] src = {100, (byte) 200, 0, (byte) 255};
    float[] out = new float[4];
    Augmenter.apply(new Transform(0, 0, 0, 1, 1, false, 1.5), src, 0, out, 0, 1, 2, 2);
    assertArrayEquals(new float[] {150 / 255f, 1f, 0f, 1f}, out, 1e-6f);
    Augmenter.apply(new Transform(0, 0, 0, 1, 1, false, 0.5), src, 0, out, 0, 1, 2, 2);
    assertArrayEquals(new float[] {50 / 255f, 100 / 255f, 0f, 127.5f / 255f}, out, 1e-6f);
  }

  @Test
  void sampledParametersStayInTheirRanges() {
    Augmenter a = new Augmenter(new AugmentationConfig(15, 0.1, 0.2, true, 0.3, 0.4));
    Random rnd = new Random(3);
    boolean flipped = false;
    boolean unflipped = false;
    for (int i = 0; i < 500; i++) {
      Transform t = a.sample(rnd);
      assertTrue(Math.abs(t.rotationDegrees()) <= 15);
      assertTrue(Math.abs(t.shiftX()) <= 0.1);
      assertTrue(Math.abs(t.shiftY()) <= 0.2);
      assertTrue(Math.abs(t.zoomX() - 1) <= 0.3 && Math.abs(t.zoomY() - 1) <= 0.3);
      assertTrue(Math.abs(t.brightness() - 1) <= 0.4);
      flipped |= t.flip();
      unflipped |= !t.flip();
    }
    assertTrue(flipped && unflipped);
  }

  @Test
  void disabledTransformationsAreNotDrawn() {
    Transform t = new Augmenter(new AugmentationConfig(0, 0, 0, true, 0, 0)).sample(new Random(1));
    assertTrue(t.isAxisAligned());
    assertEquals(1, t.brightness());
  }

  @Test
  void reproducibleForASeed() {
    LabeledImages d = SyntheticShapes.builder().optCountPerClass(2).optSize(16).build().generate();
    Augmenter a = new Augmenter(new AugmentationConfig(20, 0.1, 0.1, true, 0.2, 0.2));
    int[] idx = {5, 0, 3};
    float[] x = new float[3 * d.imageSize()];
    float[] y = new float[3 * d.imageSize()];
    a.augmentBatch(d, idx, 0, 3, x, new Random(42));
    a.augmentBatch(d, idx, 0, 3, y, new Random(42));
    assertArrayEquals(x, y);
    a.augmentBatch(d, idx, 0, 3, y, new Random(43));
    assertFalse(Arrays.equals(x, y));
    for (float v : x) {
      assertTrue(v >= 0 && v <= 1);
    }
  }

  @Test
  void augmentBatchChecksTheDestination() {
    LabeledImages d = SyntheticShapes.builder().optCountPerClass(1).optSize(8).build().generate();
    Augmenter a = new Augmenter(AugmentationConfig.NONE);
    assertThrows(
        IllegalArgumentException.class,
        () -> a.augmentBatch(d, new int[] {0, 1}, 0, 2, new float[10], new Random()));
  }

  @Test
  void invalidRangesAreNamed() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new Augmenter(new AugmentationConfig(0, -0.1, 0, false, 0, 0)));
    assertEquals("widthShiftRange must be in [0, 1.0], got -0.1", e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> new Augmenter(new AugmentationConfig(Double.NaN, 0, 0, false, 0, 0)));
    assertThrows(
        IllegalArgumentException.class,
        () -> new Augmenter(new AugmentationConfig(0, 0, 0, false, 1, 0)));
  }

  @Test
  void augmentIsFastEnoughForTraining() {
    // Behaviour, not a benchmark: 2,000 augmented 28x28 images must not take seconds.
    Augmenter a = new Augmenter(new AugmentationConfig(10, 0.1, 0.1, true, 0.1, 0.1));
    byte[] src = new byte[28 * 28];
    float[] dst = new float[28 * 28];
    Random rnd = new Random(0);
    long t0 = System.nanoTime();
    for (int i = 0; i < 2000; i++) {
      a.augment(src, 0, dst, 0, 1, 28, 28, rnd);
    }
    assertTrue(System.nanoTime() - t0 < 2_000_000_000L);
    assertNotEquals(null, dst);
  }
}
