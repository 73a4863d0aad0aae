package io.visiongrade.lms.domain.job;

import java.time.Instant;
import java.util.Optional;

/**
 * A snapshot of a {@link Job}: what pages and use cases read, and what repositories store.
 *
 * @param id 0 before the job was first stored
 * @param attempts runs started (claims)
 * @param infraFailures runs that ended by a failure of ours (including a server that died)
 * @param notBefore a queued job is not started before this (back-off)
 * @param leaseOwner the node running it
 * @param leaseUntil when its lease ends unless a heartbeat extends it
 * @param progress the latest progress written to the row (a running job's pages get fresher
 *     progress from the progress hub)
 */
public record JobView(
    long id,
    String kind,
    JobLane lane,
    long courseId,
    JobOwner owner,
    String payload,
    boolean chargeUserErrors,
    JobState state,
    Optional<FailureKind> failureKind,
    Optional<String> message,
    Optional<String> result,
    int attempts,
    int infraFailures,
    int maxInfraRetries,
    boolean cancelRequested,
    Instant createdAt,
    Instant notBefore,
    Optional<Instant> startedAt,
    Optional<Instant> finishedAt,
    Optional<String> leaseOwner,
    Optional<Instant> leaseUntil,
    Optional<Instant> heartbeatAt,
    Optional<JobProgress> progress,
    Optional<Instant> progressAt,
    long version) {

  /**
   * True when this job counts as one of its owner's attempts: it succeeded, or it failed by the
   * owner's own error and the teacher's policy charges those. Failures of ours, time-outs and
   * cancellations never count.
   */
  public boolean charged() {
    return state == JobState.SUCCEEDED
        || state == JobState.FAILED
            && failureKind.orElse(null) == FailureKind.USER_ERROR
            && chargeUserErrors;
  }
}
