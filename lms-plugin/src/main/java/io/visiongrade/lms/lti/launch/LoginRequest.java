package io.visiongrade.lms.lti.launch;

import java.util.Map;

/**
 * The parameters of an OIDC third-party login initiation (LTI Core 1.3 section 4.1; Security
 * Framework 5.1.1.1), as the platform sent them by GET or POST. Only iss, login_hint and
 * target_link_uri are required; the others may be null.
 */
public record LoginRequest(
    String issuer,
    String loginHint,
    String targetLinkUri,
    String ltiMessageHint,
    String clientId,
    String deploymentId) {

  /** Reads the standard parameter names from a decoded query or form. */
  public static LoginRequest fromParameters(Map<String, String> params) {
    return new LoginRequest(
        blankToNull(params.get("iss")),
        blankToNull(params.get("login_hint")),
        blankToNull(params.get("target_link_uri")),
        blankToNull(params.get("lti_message_hint")),
        blankToNull(params.get("client_id")),
        blankToNull(params.get("lti_deployment_id")));
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
