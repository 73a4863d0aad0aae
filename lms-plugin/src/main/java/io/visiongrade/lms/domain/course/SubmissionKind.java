package io.visiongrade.lms.domain.course;

import java.util.EnumSet;
import java.util.Set;

/** What a student may hand in. */
public enum SubmissionKind {
  /** A CNN specification that the server trains (classifier challenge). */
  SPEC,
  /** A traced TorchScript model that the server evaluates (classifier challenge). */
  TORCHSCRIPT,
  /** Predictions for the public test images as an {@code id,label} CSV (classifier challenge). */
  PREDICTIONS_CSV,
  /** An image file that the course model classifies (image answer). */
  IMAGE_UPLOAD,
  /** A drawing made on the page (image answer). */
  DRAWING;

  /** The kinds an exercise of this kind can take. */
  public static Set<SubmissionKind> possibleFor(Exercise.Kind kind) {
    return switch (kind) {
      case IMAGE_ANSWER -> EnumSet.of(IMAGE_UPLOAD, DRAWING);
      case CLASSIFIER_CHALLENGE -> EnumSet.of(SPEC, TORCHSCRIPT, PREDICTIONS_CSV);
    };
  }
}
