package io.visiongrade.lms.domain.privacy;

import java.util.Objects;

/**
 * A course as the privacy tables need it: its row id, and the LMS platform (issuer, client id) and
 * context that the score outbox and the launch sessions are keyed by.
 */
public record CourseKey(long id, String issuer, String clientId, String contextId) {
  public CourseKey {
    Objects.requireNonNull(issuer, "issuer");
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(contextId, "contextId");
  }
}
