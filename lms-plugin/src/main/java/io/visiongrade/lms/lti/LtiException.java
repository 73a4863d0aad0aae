package io.visiongrade.lms.lti;

import java.util.Objects;

/**
 * The one LTI error family: a machine code, a message in plain words (never containing a token or
 * key), and the HTTP status to answer with. Checked, because every caller (the login and launch
 * endpoints, the outbox sender) must decide what the user or the retry loop sees.
 */
public abstract class LtiException extends Exception {

  private static final long serialVersionUID = 1L;

  private final LtiErrorCode code;

  protected LtiException(LtiErrorCode code, String message, Throwable cause) {
    super(Objects.requireNonNull(message, "message"), cause);
    this.code = Objects.requireNonNull(code, "code");
  }

  public LtiErrorCode code() {
    return code;
  }

  /** HTTP status for the response; by default the code's. */
  public int httpStatus() {
    return code.httpStatus();
  }
}
