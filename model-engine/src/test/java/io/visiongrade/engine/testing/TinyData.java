package io.visiongrade.engine.testing;

import io.visiongrade.engine.data.LabeledImages;
import io.visiongrade.engine.spec.Activation;
import io.visiongrade.engine.spec.CnnSpec;
import io.visiongrade.engine.spec.LayerSpec;
import io.visiongrade.engine.spec.OptimizerSpec;
import io.visiongrade.engine.spec.SpecException;
import io.visiongrade.engine.spec.TrainingSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Tiny synthetic datasets and specs for fast tests. */
public final class TinyData {
  private TinyData() {}

  /**
   * {@code n} grayscale {@code side x side} images: class "left" has a bright left half, "right" a
   * bright right half, with noise.
   */
  public static LabeledImages leftRight(int n, int side, long seed) {
    Random r = new Random(seed);
    byte[] pixels = new byte[n * side * side];
    int[] labels = new int[n];
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int label = i % 2;
      labels[i] = label;
      ids.add("img-" + i);
      for (int y = 0; y < side; y++) {
        for (int x = 0; x < side; x++) {
          boolean bright = (x < side / 2) == (label == 0);
          int v = (bright ? 180 : 40) + r.nextInt(60);
          pixels[i * side * side + y * side + x] = (byte) v;
        }
      }
    }
    return new LabeledImages(
        1, side, side, pixels, labels, ids, List.of("left", "right"), "hash-" + n + "-" + seed);
  }

  /** A committed TorchScript fixture under {@code src/test/resources/torchscript}. */
  public static java.nio.file.Path torchScript(String name) {
    try {
      return java.nio.file.Path.of(TinyData.class.getResource("/torchscript/" + name).toURI());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** conv 4@3x3 relu, maxpool 2, flatten, dense classes. */
  public static CnnSpec tinySpec(int side, int epochs, double learningRate) {
    try {
      return CnnSpec.builder()
          .setInput(side, side, 1)
          .addLayer(new LayerSpec.Conv2d(4, 3, 3, 1, 1, LayerSpec.Padding.VALID, Activation.RELU))
          .addLayer(new LayerSpec.Pool2d(true, 2, 2, 2, 2))
          .addLayer(new LayerSpec.Flatten())
          .addLayer(new LayerSpec.Dense(LayerSpec.Dense.CLASSES, Activation.NONE))
          .setOptimizer(OptimizerSpec.adam(learningRate))
          .setTraining(new TrainingSpec(epochs, 8, 7, 0))
          .build();
    } catch (SpecException e) {
      throw new AssertionError(e);
    }
  }
}
