package io.visiongrade.lms.domain.job;

/**
 * Runs the jobs of one kind. In the server, a handler is a CDI bean ({@code @ApplicationScoped})
 * implementing this interface; the dispatcher finds it by {@link #kind()}.
 *
 * <p>A handler must be idempotent: a job may run again after a crash (kill -9) or a failure of
 * ours, and must then produce the same result (derive seeds from the payload, not from the clock or
 * the attempt; write what it produces keyed by the job or submission id, so a second run finds or
 * replaces the first one's rows instead of adding to them). It runs outside any transaction; it
 * opens its own (through the use cases it calls).
 */
public interface JobHandler {

  /** The kind of job this handler runs, e.g. {@code GRADE_SUBMISSION}; unique in the server. */
  String kind();

  /**
   * Runs one job.
   *
   * @return the result to keep on the job row
   * @throws JobUserError when the owner's input is at fault; the message is shown to them
   * @throws Exception anything else: a failure of ours, retried with back-off up to the limit
   */
  JobOutcome run(JobContext context) throws JobUserError, Exception;
}
