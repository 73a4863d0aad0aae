package io.visiongrade.lms.domain.grading;

import io.visiongrade.lms.domain.DomainException;
import io.visiongrade.lms.lti.registration.RegistrationKey;
import java.net.URI;
import java.util.Locale;

/**
 * Where a score goes: the platform registration (issuer and client_id), the course (LTI context id)
 * and the AGS line item (the gradebook column's URL).
 */
public record ScoreTarget(String issuer, String clientId, String contextId, URI lineItemUrl) {

  static final int MAX_ISSUER = 1024;
  static final int MAX_ID = 255;
  static final int MAX_URL = 2048;

  public ScoreTarget {
    ScoreDelivery.requireText("issuer", issuer, MAX_ISSUER);
    ScoreDelivery.requireText("client_id", clientId, MAX_ID);
    ScoreDelivery.requireText("context id", contextId, MAX_ID);
    if (lineItemUrl == null) {
      throw new DomainException.Invalid("The line item URL is missing");
    }
    String scheme =
        lineItemUrl.getScheme() == null ? "" : lineItemUrl.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("https") || scheme.equals("http")) || lineItemUrl.getHost() == null) {
      throw new DomainException.Invalid(
          "The line item URL must be an absolute http(s) URL, got " + lineItemUrl);
    }
    ScoreDelivery.requireText("line item URL", lineItemUrl.toString(), MAX_URL);
  }

  /** The registration the score is sent with. */
  public RegistrationKey registration() {
    return new RegistrationKey(issuer, clientId);
  }
}
