package io.visiongrade.lms.lti.services;

import java.time.Instant;
import java.util.Set;

/** A bearer token from a platform's token endpoint, with the scopes granted and its expiry. */
public record AccessToken(String value, Set<String> scopes, Instant expiresAt) {
  public AccessToken {
    scopes = Set.copyOf(scopes);
  }

  public String authorizationHeader() {
    return "Bearer " + value;
  }

  @Override
  public String toString() {
    return "AccessToken[scopes=" + scopes + ", expiresAt=" + expiresAt + "]";
  }
}
