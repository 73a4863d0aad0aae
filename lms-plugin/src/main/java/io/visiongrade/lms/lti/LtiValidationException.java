package io.visiongrade.lms.lti;

/**
 * A login request, launch, deep linking message or registration document was refused. The message
 * says which check failed in plain words; {@link #code()} says it for machines.
 */
public class LtiValidationException extends LtiException {

  private static final long serialVersionUID = 1L;

  public LtiValidationException(LtiErrorCode code, String message) {
    super(code, message, null);
  }

  public LtiValidationException(LtiErrorCode code, String message, Throwable cause) {
    super(code, message, cause);
  }
}
