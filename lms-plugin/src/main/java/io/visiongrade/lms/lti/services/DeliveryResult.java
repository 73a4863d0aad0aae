package io.visiongrade.lms.lti.services;

import io.visiongrade.lms.lti.LtiServiceException;
import java.time.Instant;
import java.util.Optional;

/**
 * The outcome of delivering a score, for the durable outbox: {@link Delivered} (done), {@link
 * RetryLater} (keep the row; try again, not before {@code notBefore} when the platform said so) or
 * {@link Rejected} (stop retrying; show the reason to an administrator).
 */
public sealed interface DeliveryResult {

  /** The platform accepted the score. */
  record Delivered(int status) implements DeliveryResult {}

  /** A passing failure: busy platform (429/503), server error, timeout, no connection. */
  record RetryLater(Optional<Instant> notBefore, int status, String reason)
      implements DeliveryResult {}

  /** A permanent refusal (4xx other than 408/429): retrying the same request cannot help. */
  record Rejected(int status, String reason) implements DeliveryResult {}

  default boolean delivered() {
    return this instanceof Delivered;
  }

  /** The result a failed call stands for. */
  static DeliveryResult of(LtiServiceException e) {
    return e.retryable()
        ? new RetryLater(e.retryAt(), e.platformStatus(), e.getMessage())
        : new Rejected(e.platformStatus(), e.getMessage());
  }
}
