package io.visiongrade.lms.domain.job;

/** Where a job is in its life; see {@link Job} for the transitions. */
public enum JobState {
  /** Waiting for a dispatcher (possibly until its back-off ends). */
  QUEUED,
  /** Claimed by a dispatcher, which holds a lease on it and keeps it alive with heartbeats. */
  RUNNING,
  /** Done; the handler's result is kept. Final. */
  SUCCEEDED,
  /** Ended by a student's own error, a time-out, or too many failures of ours. Final. */
  FAILED,
  /** Cancelled by a person before it finished. Final. */
  CANCELLED;

  /** True when nothing will happen to the job any more. */
  public boolean isFinal() {
    return this == SUCCEEDED || this == FAILED || this == CANCELLED;
  }
}
