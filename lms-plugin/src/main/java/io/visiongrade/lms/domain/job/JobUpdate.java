package io.visiongrade.lms.domain.job;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One change of a job as a watching page sees it (over Server-Sent Events): its state, its place in
 * the queue, its latest progress.
 *
 * @param queuePosition 1 for the next job to start in its lane, 0 when not queued
 */
public record JobUpdate(
    long jobId,
    long courseId,
    JobOwner owner,
    String kind,
    JobLane lane,
    JobState state,
    int queuePosition,
    Optional<JobProgress> progress,
    Optional<FailureKind> failureKind,
    Optional<String> message,
    Optional<String> result,
    Instant at) {

  public JobUpdate {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(progress, "progress");
    Objects.requireNonNull(at, "at");
  }

  /** The job as stored, at a queue position, with the given progress. */
  public static JobUpdate of(
      JobView job, int queuePosition, Optional<JobProgress> progress, Instant at) {
    return new JobUpdate(
        job.id(),
        job.courseId(),
        job.owner(),
        job.kind(),
        job.lane(),
        job.state(),
        job.state() == JobState.QUEUED ? queuePosition : 0,
        progress,
        job.failureKind(),
        job.message(),
        job.result(),
        at);
  }
}
