package io.visiongrade.lms.domain.dataset;

import io.visiongrade.lms.domain.DomainException;
import java.util.Objects;

/**
 * One class of a dataset.
 *
 * @param name the display name (folder name or {@code labels.txt} name)
 * @param imageCount how many images it has
 */
public record DatasetClass(String name, int imageCount) {

  /** Longest class name. */
  public static final int MAX_NAME = 200;

  public DatasetClass {
    Objects.requireNonNull(name, "name");
    if (name.isEmpty() || name.length() > MAX_NAME) {
      throw new DomainException.Invalid(
          "class name must have 1 to " + MAX_NAME + " characters, got '" + cut(name) + "'");
    }
    if (imageCount < 0) {
      throw new IllegalArgumentException("imageCount must not be negative, got " + imageCount);
    }
  }

  private static String cut(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "...";
  }
}
