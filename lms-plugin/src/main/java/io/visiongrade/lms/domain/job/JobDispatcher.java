package io.visiongrade.lms.domain.job;

/**
 * Gets queued jobs run. The one seam between the job queue and where jobs run: the server's own
 * implementation claims jobs from the database and runs them on its managed executor; a distributed
 * one (jobs on worker machines) replaces it without a change to the domain or the use cases.
 */
public interface JobDispatcher {

  /**
   * A job was stored, in the caller's transaction if there is one: start it soon after that
   * transaction commits (and never if it rolls back).
   */
  void submitted(JobView job);

  /**
   * A person asked to cancel a job, in the caller's transaction if there is one. A queued job is
   * already {@code CANCELLED} in the database; a running one carries the request, which its runner
   * must see soon after the commit and stop the handler.
   */
  void cancelRequested(JobView job);
}
