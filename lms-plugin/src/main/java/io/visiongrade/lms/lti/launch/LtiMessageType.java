package io.visiongrade.lms.lti.launch;

import io.visiongrade.lms.lti.LtiClaims;
import java.util.Optional;

/** The LTI messages this tool accepts as launches. */
public enum LtiMessageType {
  RESOURCE_LINK(LtiClaims.RESOURCE_LINK_REQUEST),
  DEEP_LINKING(LtiClaims.DEEP_LINKING_REQUEST);

  private final String claimValue;

  LtiMessageType(String claimValue) {
    this.claimValue = claimValue;
  }

  /** The value of the message_type claim. */
  public String claimValue() {
    return claimValue;
  }

  public static Optional<LtiMessageType> fromClaim(String value) {
    for (LtiMessageType t : values()) {
      if (t.claimValue.equals(value)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
