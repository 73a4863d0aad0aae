package io.visiongrade.lms.domain.job;

/**
 * Where a running job reports progress. Cheap to call often (every batch): updates reach watching
 * pages at once and are written to the database at a bounded rate. Never throws.
 */
@FunctionalInterface
public interface ProgressSink {
  void report(JobProgress progress);
}
