package io.visiongrade.lms.lti.launch;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;

/**
 * What the tool remembers between the login initiation and the launch: the state and nonce it sent
 * to the platform, for which registration and target, until when.
 */
public record LoginState(
    String state,
    String nonce,
    String issuer,
    String clientId,
    URI targetLinkUri,
    Instant expiresAt) {
  public LoginState {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(nonce, "nonce");
    Objects.requireNonNull(issuer, "issuer");
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(targetLinkUri, "targetLinkUri");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }
}
