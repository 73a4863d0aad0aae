package io.visiongrade.lms.lti.keys;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One tool key as stored: its key id (the RFC 7638 thumbprint), the private JWK as JSON (a secret:
 * store it encrypted or in a protected table), when it was created, and when it stopped signing
 * (null while it is the active key).
 */
public record StoredToolKey(
    String kid, String privateJwkJson, Instant createdAt, Instant retiredAt) {

  public StoredToolKey {
    Objects.requireNonNull(kid, "kid");
    Objects.requireNonNull(privateJwkJson, "privateJwkJson");
    Objects.requireNonNull(createdAt, "createdAt");
  }

  public boolean active() {
    return retiredAt == null;
  }

  public Optional<Instant> retired() {
    return Optional.ofNullable(retiredAt);
  }

  public StoredToolKey retire(Instant at) {
    return new StoredToolKey(kid, privateJwkJson, createdAt, at);
  }

  @Override
  public String toString() {
    return "StoredToolKey[kid="
        + kid
        + ", createdAt="
        + createdAt
        + ", retiredAt="
        + retiredAt
        + "]";
  }
}
