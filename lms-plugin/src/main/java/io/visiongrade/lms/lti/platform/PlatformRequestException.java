package io.visiongrade.lms.lti.platform;

/**
 * The emulated platform refused a browser-facing request (an authorization request or a deep
 * linking response); {@link #status()} is the HTTP status for the glue to answer with.
 */
public class PlatformRequestException extends RuntimeException {

  private static final long serialVersionUID = 1L;
  private final int status;

  public PlatformRequestException(int status, String message) {
    super(message);
    this.status = status;
  }

  public int status() {
    return status;
  }
}
