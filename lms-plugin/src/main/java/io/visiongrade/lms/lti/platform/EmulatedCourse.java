package io.visiongrade.lms.lti.platform;

import java.util.Objects;

/**
 * A course (LTI context) of the emulated platform: its context id, title and short label. Every
 * emulated user belongs to exactly one course.
 */
public record EmulatedCourse(String id, String title, String label) {
  public EmulatedCourse {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(label, "label");
  }
}
