package io.visiongrade.lms.lti;

import java.time.Instant;
import java.util.Optional;

/**
 * A call from the tool to a platform service (token endpoint, AGS, NRPS, registration endpoint)
 * failed. {@link #retryable()} tells a retry loop whether trying again can help; {@link #retryAt()}
 * carries the platform's Retry-After when it sent one; {@link #platformStatus()} is the HTTP status
 * the platform answered with, or 0 when no answer came.
 */
public class LtiServiceException extends LtiException {

  private static final long serialVersionUID = 1L;

  private final boolean retryable;
  private final int platformStatus;
  private final Instant retryAt;

  public LtiServiceException(
      LtiErrorCode code,
      String message,
      boolean retryable,
      int platformStatus,
      Instant retryAt,
      Throwable cause) {
    super(code, message, cause);
    this.retryable = retryable;
    this.platformStatus = platformStatus;
    this.retryAt = retryAt;
  }

  /** A failure that will not go away by retrying (a 4xx answer, a malformed document). */
  public static LtiServiceException permanent(LtiErrorCode code, String message, int status) {
    return new LtiServiceException(code, message, false, status, null, null);
  }

  public boolean retryable() {
    return retryable;
  }

  public int platformStatus() {
    return platformStatus;
  }

  public Optional<Instant> retryAt() {
    return Optional.ofNullable(retryAt);
  }
}
