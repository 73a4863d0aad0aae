/**
 * On-the-fly image augmentation for training ({@link io.visiongrade.engine.augment.Augmenter} for
 * an {@link io.visiongrade.engine.augment.AugmentationConfig}): Keras-style random rotation, shift,
 * zoom, horizontal flip and brightness, written straight into a float batch.
 */
package io.visiongrade.engine.augment;
