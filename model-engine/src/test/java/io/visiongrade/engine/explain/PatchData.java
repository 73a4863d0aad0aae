package io.visiongrade.engine.explain;

import io.visiongrade.engine.data.LabeledImages;
import io.visiongrade.engine.spec.Activation;
import io.visiongrade.engine.spec.CnnSpec;
import io.visiongrade.engine.spec.InitializerSpec;
import io.visiongrade.engine.spec.LayerSpec;
import io.visiongrade.engine.spec.OptimizerSpec;
import io.visiongrade.engine.spec.SpecException;
import io.visiongrade.engine.spec.TrainingSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Images whose class is decided only by a small patch at a known, varying place: {@code side x
 * side} grayscale noise (uniform 0..255) with one {@code PATCH x PATCH} striped square, horizontal
 * stripes for class 0, vertical for class 1. The stripes (54 and 202) have the background's mean
 * and variance, so neither brightness nor contrast gives the patch away: only its structure does.
 *
 * @param images the images and labels
 * @param patchX left column of each image's patch
 * @param patchY top row of each image's patch
 */
record PatchData(LabeledImages images, int[] patchX, int[] patchY) {
  static final int PATCH = 6;
  static final int LOW = 54;
  static final int HIGH = 202;

  static PatchData generate(int n, int side, long seed, boolean randomLabels) {
    Random r = new Random(seed);
    byte[] pixels = new byte[n * side * side];
    int[] labels = new int[n];
    int[] px = new int[n];
    int[] py = new int[n];
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int label = i % 2;
      int base = i * side * side;
      for (int p = 0; p < side * side; p++) {
        pixels[base + p] = (byte) r.nextInt(256);
      }
      px[i] = r.nextInt(side - PATCH + 1);
      py[i] = r.nextInt(side - PATCH + 1);
      for (int y = 0; y < PATCH; y++) {
        for (int x = 0; x < PATCH; x++) {
          int phase = label == 0 ? y : x;
          pixels[base + (py[i] + y) * side + px[i] + x] = (byte) (phase % 2 == 0 ? HIGH : LOW);
        }
      }
      labels[i] = randomLabels ? r.nextInt(2) : label;
      ids.add("patch-" + i);
    }
    return new PatchData(
        new LabeledImages(
            1,
            side,
            side,
            pixels,
            labels,
            ids,
            List.of("horizontal", "vertical"),
            "patch-" + n + "-" + side + "-" + seed + "-" + randomLabels),
        px,
        py);
  }

  /** conv 8@5x5 same relu, maxpool 2, conv 16@3x3 same relu, globalavgpool, dense classes. */
  static CnnSpec spec(int side, int epochs) {
    try {
      return CnnSpec.builder()
          .setInput(side, side, 1)
          .addLayer(new LayerSpec.Conv2d(8, 5, 5, 1, 1, LayerSpec.Padding.SAME, Activation.RELU))
          .addLayer(new LayerSpec.Pool2d(true, 2, 2, 2, 2))
          .addLayer(new LayerSpec.Conv2d(16, 3, 3, 1, 1, LayerSpec.Padding.SAME, Activation.RELU))
          .addLayer(new LayerSpec.GlobalAvgPool())
          .addLayer(new LayerSpec.Dense(LayerSpec.Dense.CLASSES, Activation.NONE))
          .optInitializer(InitializerSpec.he())
          .setOptimizer(OptimizerSpec.adam(0.003))
          .setTraining(new TrainingSpec(epochs, 32, 3, 0))
          .build();
    } catch (SpecException e) {
      throw new AssertionError(e);
    }
  }

  /** Whether ({@code x}, {@code y}) lies in image {@code i}'s patch grown by {@code margin}. */
  boolean inPatch(int i, int x, int y, int margin) {
    return x >= patchX[i] - margin
        && x < patchX[i] + PATCH + margin
        && y >= patchY[i] - margin
        && y < patchY[i] + PATCH + margin;
  }

  /** The map's argmax (first in row-major order), as {x, y}. */
  static int[] peak(float[][] map) {
    int by = 0;
    int bx = 0;
    for (int y = 0; y < map.length; y++) {
      for (int x = 0; x < map[y].length; x++) {
        if (map[y][x] > map[by][bx]) {
          by = y;
          bx = x;
        }
      }
    }
    return new int[] {bx, by};
  }

  /** Fraction of the map's total inside image {@code i}'s patch (exact bounds). */
  double massInPatch(int i, float[][] map) {
    double in = 0;
    double all = 0;
    for (int y = 0; y < map.length; y++) {
      for (int x = 0; x < map[y].length; x++) {
        all += map[y][x];
        if (inPatch(i, x, y, 0)) {
          in += map[y][x];
        }
      }
    }
    return all == 0 ? 0 : in / all;
  }
}
