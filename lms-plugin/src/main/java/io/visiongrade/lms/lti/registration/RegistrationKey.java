package io.visiongrade.lms.lti.registration;

import java.util.Objects;

/** Identity of a registration: the platform's issuer and the client_id it gave this tool. */
public record RegistrationKey(String issuer, String clientId) {
  public RegistrationKey {
    Objects.requireNonNull(issuer, "issuer");
    Objects.requireNonNull(clientId, "clientId");
  }

  @Override
  public String toString() {
    return issuer + " / " + clientId;
  }
}
