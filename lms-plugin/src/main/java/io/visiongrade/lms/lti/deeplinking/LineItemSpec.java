package io.visiongrade.lms.lti.deeplinking;

import java.util.Objects;
import java.util.Optional;

/**
 * The gradebook column a resource link asks the platform to create (Deep Linking 2.0 section
 * 3.4.1.1; AGS 2.0 line item).
 *
 * @param scoreMaximum the maximum score, greater than 0
 * @param label the column label
 * @param resourceId the tool's id for the graded thing (VisionGrade: the exercise id)
 * @param tag optional qualifier
 */
public record LineItemSpec(
    double scoreMaximum, String label, String resourceId, Optional<String> tag) {
  public LineItemSpec {
    if (!(scoreMaximum > 0) || Double.isInfinite(scoreMaximum)) {
      throw new IllegalArgumentException("scoreMaximum must be positive, got " + scoreMaximum);
    }
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(resourceId, "resourceId");
    Objects.requireNonNull(tag, "tag");
  }

  public LineItemSpec(double scoreMaximum, String label, String resourceId) {
    this(scoreMaximum, label, resourceId, Optional.empty());
  }
}
