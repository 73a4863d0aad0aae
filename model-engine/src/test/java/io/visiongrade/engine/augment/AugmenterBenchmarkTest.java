package io.visiongrade.engine.augment;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Augmentation throughput. Off by default; run with {@code -Dvisiongrade.bench=true
 * -Dtest=AugmenterBenchmarkTest}.
 */
@EnabledIfSystemProperty(named = "visiongrade.bench", matches = "true")
class AugmenterBenchmarkTest {
  @Test
  void throughput() {
    Augmenter full = new Augmenter(new AugmentationConfig(15, 0.1, 0.1, true, 0.1, 0.2));
    Augmenter none = new Augmenter(AugmentationConfig.NONE);
    for (int[] shape : new int[][] {{1, 28, 28}, {3, 32, 32}}) {
      int size = shape[0] * shape[1] * shape[2];
      byte[] src = new byte[size * 256];
      new Random(0).nextBytes(src);
      float[] dst = new float[size];
      for (Augmenter a : new Augmenter[] {full, none}) {
        Random rnd = new Random(1);
        int n = 0;
        long t0 = System.nanoTime();
        long end = t0 + 1_000_000_000L;
        while (System.nanoTime() < end) {
          for (int i = 0; i < 256; i++) {
            a.augment(src, i * size, dst, 0, shape[0], shape[1], shape[2], rnd);
          }
          n += 256;
        }
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf(
            "%dx%dx%d %s: %.0f images/s on one thread%n",
            shape[0], shape[1], shape[2], a == full ? "augmented" : "toFloat", n / s);
      }
    }
  }
}
