package io.visiongrade.engine.augment;

/**
 * On-the-fly augmentation of training images, in the terms of Keras' {@code ImageDataGenerator}.
 *
 * @param rotationRange maximum rotation in degrees, drawn uniformly from {@code [-r, r]}
 * @param widthShiftRange maximum horizontal shift as a fraction of the width
 * @param heightShiftRange maximum vertical shift as a fraction of the height
 * @param horizontalFlip flip left-right with probability 0.5
 * @param zoomRange zoom factor drawn from {@code [1 - z, 1 + z]}
 * @param brightnessRange brightness factor drawn from {@code [1 - b, 1 + b]}
 */
public record AugmentationConfig(
    double rotationRange,
    double widthShiftRange,
    double heightShiftRange,
    boolean horizontalFlip,
    double zoomRange,
    double brightnessRange) {

  /** No augmentation. */
  public static final AugmentationConfig NONE = new AugmentationConfig(0, 0, 0, false, 0, 0);

  /** True when every transformation is off. */
  public boolean isIdentity() {
    return rotationRange == 0
        && widthShiftRange == 0
        && heightShiftRange == 0
        && !horizontalFlip
        && zoomRange == 0
        && brightnessRange == 0;
  }
}
