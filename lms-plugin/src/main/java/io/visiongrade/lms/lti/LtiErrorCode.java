package io.visiongrade.lms.lti;

/**
 * Machine-readable reasons for every LTI failure, each with the HTTP status the web layer answers
 * with: 400 for a malformed request, 401 for a failed authentication, 502/503 when a platform we
 * depend on fails.
 */
public enum LtiErrorCode {
  // --- OIDC login initiation ---
  LOGIN_PARAMETER_MISSING(400),
  LOGIN_TARGET_NOT_OURS(400),
  REGISTRATION_UNKNOWN(400),
  REGISTRATION_AMBIGUOUS(400),

  // --- Launch (id_token) validation, in validator order ---
  ID_TOKEN_MISSING(400),
  STATE_MISSING(400),
  JWT_MALFORMED(400),
  ISSUER_UNKNOWN(401),
  AUDIENCE_MISMATCH(401),
  AUTHORIZED_PARTY_MISMATCH(401),
  ALGORITHM_NOT_ALLOWED(401),
  KEY_ID_MISSING(401),
  KEY_ID_UNKNOWN(401),
  KEY_SET_UNREACHABLE(503),
  SIGNATURE_INVALID(401),
  EXPIRY_MISSING(401),
  TOKEN_EXPIRED(401),
  ISSUED_IN_FUTURE(401),
  ISSUED_AT_MISSING(401),
  NONCE_MISSING(401),
  NONCE_REPLAYED(401),
  STATE_MISMATCH(401),
  STATE_UNKNOWN(401),
  NONCE_MISMATCH(401),
  DEPLOYMENT_ID_MISSING(400),
  DEPLOYMENT_ID_UNKNOWN(401),
  MESSAGE_TYPE_MISSING(400),
  MESSAGE_TYPE_UNSUPPORTED(400),
  VERSION_MISSING(400),
  VERSION_UNSUPPORTED(400),
  RESOURCE_LINK_ID_MISSING(400),
  ROLES_MISSING(400),
  SUBJECT_MISSING(400),
  TARGET_LINK_URI_MISSING(400),
  DEEP_LINK_RETURN_URL_MISSING(400),
  CLAIM_MALFORMED(400),

  // --- Calls to platform services (tokens, AGS, NRPS, Dynamic Registration) ---
  PLATFORM_UNREACHABLE(502),
  PLATFORM_BUSY(503),
  PLATFORM_FAILED(502),
  PLATFORM_REJECTED(502),
  PLATFORM_RESPONSE_MALFORMED(502),
  PLATFORM_CONFIGURATION_INVALID(400);

  private final int httpStatus;

  LtiErrorCode(int httpStatus) {
    this.httpStatus = httpStatus;
  }

  /** The HTTP status that a response caused by this failure should carry. */
  public int httpStatus() {
    return httpStatus;
  }
}
