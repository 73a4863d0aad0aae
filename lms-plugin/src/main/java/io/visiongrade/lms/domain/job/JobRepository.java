package io.visiongrade.lms.domain.job;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Stores jobs (the {@code jobs} table). Writes join the caller's transaction when there is one.
 * Nothing here deletes a job.
 */
public interface JobRepository {

  /** Stores a new job and returns it as stored, with its id. */
  Job add(Job job);

  /** The job with this id, if any. */
  Optional<Job> find(long id);

  /**
   * Stores the changes made to a job if nobody changed it since it was read (its {@link
   * Job#version()} still matches), and returns it as stored now; empty when someone else changed it
   * first (lost race). Progress is not written here (see {@link #saveProgress}).
   */
  Optional<Job> update(Job changed);

  /**
   * A lane's queue for the fairness rules: up to {@code limit} queued jobs (oldest first), the
   * students running a job in the lane, and when each queued student was last served.
   */
  QueueSnapshot queue(JobLane lane, int limit);

  /**
   * Running jobs whose runner is gone: their lease ended before {@code now}, or (at start-up) they
   * are leased to {@code ownNode}, which is starting and so runs nothing yet.
   */
  List<Job> findAbandoned(Instant now, Optional<String> ownNode);

  /**
   * Writes a running job's latest progress if it is still leased to {@code leaseOwner}; does not
   * change its version (progress takes part in no decision).
   */
  void saveProgress(long id, String leaseOwner, JobProgress progress, Instant at);

  /** A course's jobs, newest first. */
  List<Job> listForCourse(long courseId, int limit);

  /** A person's jobs in a course, newest first. */
  List<Job> listForOwner(long courseId, String ownerId, int limit);
}
