package io.visiongrade.lms.domain;

/**
 * The one error family of the domain and its use cases. Each subclass says what kind of failure it
 * is (the web layer turns that into an HTTP status), and each message names the offending id or
 * value in words a teacher, student or administrator can act on.
 */
public abstract class DomainException extends RuntimeException {

  protected DomainException(String message) {
    super(message);
  }

  protected DomainException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Something the request names does not exist (or is not visible to the caller). */
  public static class NotFound extends DomainException {
    public NotFound(String what, Object id) {
      super(what + " " + id + " not found");
    }
  }

  /** The request conflicts with the current state (already running, already decided, ...). */
  public static class Conflict extends DomainException {
    public Conflict(String message) {
      super(message);
    }
  }

  /** The request's content is invalid: a field, file or value breaks a rule. */
  public static class Invalid extends DomainException {
    public Invalid(String message) {
      super(message);
    }

    public Invalid(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** The caller is known but not allowed to do this. */
  public static class Forbidden extends DomainException {
    public Forbidden(String message) {
      super(message);
    }
  }

  /** A limit was reached: attempts, rate, size, queue. */
  public static class LimitExceeded extends DomainException {
    private final long retryAfterSeconds;

    public LimitExceeded(String message, long retryAfterSeconds) {
      super(message);
      this.retryAfterSeconds = retryAfterSeconds;
    }

    /** Seconds until trying again can succeed, or 0 when waiting will not help. */
    public long retryAfterSeconds() {
      return retryAfterSeconds;
    }
  }

  /** The request's content is larger than allowed (an upload over its size limit). */
  public static class TooLarge extends DomainException {
    private final long limitBytes;

    public TooLarge(String message, long limitBytes) {
      super(message);
      this.limitBytes = limitBytes;
    }

    /** The limit that was exceeded, in bytes. */
    public long limitBytes() {
      return limitBytes;
    }
  }

  /** A resource of ours failed (disk full, storage unreadable): nothing the caller did wrong. */
  public static class Unavailable extends DomainException {
    public Unavailable(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
