package io.visiongrade.lms.domain.grading;

import java.time.Instant;

/** The secret key of each exercise that names its test images ({@link TestImageIds}). */
public interface TestImageKeyRepository {

  /**
   * The exercise's key, created (random, 32 bytes) on first use; two callers racing get the same
   * key.
   */
  byte[] keyFor(long exerciseId, Instant now);
}
