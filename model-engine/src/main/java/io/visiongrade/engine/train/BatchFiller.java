package io.visiongrade.engine.train;

import io.visiongrade.engine.augment.AugmentationConfig;
import io.visiongrade.engine.augment.Augmenter;
import io.visiongrade.engine.data.LabeledImages;
import io.visiongrade.engine.spec.CnnSpec;
import java.nio.FloatBuffer;
import java.util.Random;

/**
 * Writes a training batch's images as normalised floats (NCHW, {@code pixel / 255}) into a buffer,
 * augmented on the fly when the spec asks for it. Validation and test images are never augmented.
 */
final class BatchFiller {
  private final LabeledImages data;
  private final Augmenter augmenter;
  private final Random random;
  private final float[] scratch;

  private BatchFiller(LabeledImages data, Augmenter augmenter, Random random, int batchSize) {
    this.data = data;
    this.augmenter = augmenter;
    this.random = random;
    this.scratch = new float[batchSize * data.imageSize()];
  }

  /**
   * @param augment false turns augmentation off whatever the spec says
   */
  static BatchFiller create(CnnSpec spec, LabeledImages data, boolean augment, int batchSize) {
    boolean on = augment && !spec.augmentation().isIdentity();
    // A generator of its own, so augmentation does not change the shuffling order.
    Random random = new Random(spec.training().seed() * 0x9E3779B97F4A7C15L + 1);
    return new BatchFiller(
        data, new Augmenter(on ? spec.augmentation() : AugmentationConfig.NONE), random, batchSize);
  }

  void fill(int[] indices, int count, FloatBuffer out) {
    augmenter.augmentBatch(data, indices, 0, count, scratch, random);
    out.put(scratch, 0, count * data.imageSize());
  }
}
