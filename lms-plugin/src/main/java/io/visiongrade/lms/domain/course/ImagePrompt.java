package io.visiongrade.lms.domain.course;

import io.visiongrade.lms.domain.DomainException;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.util.Objects;

/** One prompt of an image-answer exercise: what to draw or upload, and the class it must show. */
@Embeddable
public class ImagePrompt {

  /** Longest prompt text. */
  public static final int MAX_TEXT = 1000;

  @Column(name = "prompt_text", nullable = false, length = MAX_TEXT)
  private String text;

  @Column(name = "expected_class", nullable = false, length = 200)
  private String expectedClass;

  protected ImagePrompt() {}

  /**
   * A prompt.
   *
   * @throws DomainException.Invalid blank or too long text or class
   */
  public ImagePrompt(String text, String expectedClass) {
    if (text == null || text.isBlank() || text.strip().length() > MAX_TEXT) {
      throw new DomainException.Invalid(
          "prompt text must have 1 to " + MAX_TEXT + " characters, got " + length(text));
    }
    if (expectedClass == null || expectedClass.isBlank() || expectedClass.length() > 200) {
      throw new DomainException.Invalid(
          "prompt expectedClass must have 1 to 200 characters, got " + length(expectedClass));
    }
    this.text = text.strip();
    this.expectedClass = expectedClass;
  }

  private static String length(String s) {
    return s == null ? "none" : s.strip().length() + "";
  }

  public String text() {
    return text;
  }

  public String expectedClass() {
    return expectedClass;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ImagePrompt p
        && p.text.equals(text)
        && p.expectedClass.equals(expectedClass);
  }

  @Override
  public int hashCode() {
    return Objects.hash(text, expectedClass);
  }

  @Override
  public String toString() {
    return "'" + text + "' -> " + expectedClass;
  }
}
