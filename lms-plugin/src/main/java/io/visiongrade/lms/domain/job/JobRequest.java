package io.visiongrade.lms.domain.job;

import java.util.Objects;

/**
 * A job to queue.
 *
 * @param kind the handler's kind, e.g. {@code GRADE_SUBMISSION}
 * @param lane {@link JobLane#TRAINING} for training and evaluation, {@link JobLane#FAST} for short
 *     work
 * @param courseId the course it belongs to
 * @param owner who it is for (sets the priority, and whom the fairness rules count it against)
 * @param payload a short string the handler understands (e.g. a submission id); at most {@link
 *     Job#MAX_PAYLOAD} characters
 * @param chargeUserErrors whether a failure that is the owner's own error counts as one of their
 *     attempts (the teacher's policy, as it is when the job is submitted)
 */
public record JobRequest(
    String kind,
    JobLane lane,
    long courseId,
    JobOwner owner,
    String payload,
    boolean chargeUserErrors) {

  public JobRequest {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(lane, "lane");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(payload, "payload");
  }

  /** A job whose user errors are not charged. */
  public static JobRequest of(
      String kind, JobLane lane, long courseId, JobOwner owner, String payload) {
    return new JobRequest(kind, lane, courseId, owner, payload, false);
  }
}
