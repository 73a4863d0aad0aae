package io.visiongrade.lms.domain.grading;

/** Where a score stands on its way to the LMS. */
public enum DeliveryState {
  /** Waiting to be sent, or being sent, or waiting for the next attempt after a passing failure. */
  PENDING,
  /** The platform accepted it. Final. */
  DELIVERED,
  /**
   * The platform refused it (a 4xx answer); waits for a teacher or administrator to re-queue it.
   */
  FAILED_PERMANENT,
  /** A newer score for the same line item and user replaced it before it was delivered. Final. */
  SUPERSEDED
}
