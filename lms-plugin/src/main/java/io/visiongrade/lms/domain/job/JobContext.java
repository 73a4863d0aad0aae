package io.visiongrade.lms.domain.job;

import java.time.Instant;
import java.util.function.BooleanSupplier;

/** What a {@link JobHandler} gets to run one job. */
public interface JobContext {

  long jobId();

  String kind();

  long courseId();

  JobOwner owner();

  /** The short string given when the job was submitted (e.g. a submission id). */
  String payload();

  /** Which run this is, from 1; a re-run after a crash or a failure of ours has a higher number. */
  int attempt();

  /** Where to report progress. */
  ProgressSink progress();

  /**
   * True once the job should stop: a person cancelled it, it ran out of time, or the server is
   * stopping. Poll it between batches and return (or throw) soon after it turns true; what the
   * handler returns or throws then does not matter.
   */
  boolean isCancelled();

  /** {@link #isCancelled()} as a supplier, to hand to a training loop. */
  default BooleanSupplier cancellation() {
    return this::isCancelled;
  }

  /** When the job's time runs out (it is cancelled then and fails with TIMEOUT). */
  Instant deadline();
}
