package io.visiongrade.lms.domain.course;

import io.visiongrade.lms.domain.DomainException;

/**
 * What one grading of a submission may use.
 *
 * @param wallSeconds the longest a grading job may run, 10 to 86400 s
 * @param maxParameters the most trainable parameters a submitted model may have, 1 to 100 million
 * @param maxEpochs the most epochs a submitted spec may train, 1 to 1000
 */
public record ComputeCaps(int wallSeconds, long maxParameters, int maxEpochs) {

  /** 10 minutes, one million parameters, 5 epochs. */
  public static final ComputeCaps DEFAULT = new ComputeCaps(600, 1_000_000, 5);

  public ComputeCaps {
    if (wallSeconds < 10 || wallSeconds > 86_400) {
      throw new DomainException.Invalid(
          "wallSeconds must be between 10 and 86400, got " + wallSeconds);
    }
    if (maxParameters < 1 || maxParameters > 100_000_000) {
      throw new DomainException.Invalid(
          "maxParameters must be between 1 and 100000000, got " + maxParameters);
    }
    if (maxEpochs < 1 || maxEpochs > 1000) {
      throw new DomainException.Invalid("maxEpochs must be between 1 and 1000, got " + maxEpochs);
    }
  }
}
