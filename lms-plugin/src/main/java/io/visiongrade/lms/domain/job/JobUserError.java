package io.visiongrade.lms.domain.job;

/**
 * Thrown by a {@link JobHandler} when the job cannot succeed because of what its owner gave (an
 * invalid CNN spec, a file that is not a TorchScript model, a CSV with the wrong columns). The job
 * fails at once, without a retry, and the message is shown to the student as it is: write it for
 * them. Anything else a handler throws is taken as a failure of ours and retried.
 */
public class JobUserError extends Exception {

  public JobUserError(String message) {
    super(message);
  }

  public JobUserError(String message, Throwable cause) {
    super(message, cause);
  }
}
