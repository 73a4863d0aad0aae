package io.visiongrade.lms.application;

/**
 * How many PyTorch intra-op threads a training job in the server uses ({@code
 * visiongrade.jobs.training-threads}; 0, the default, means all processors but one). Leaving one
 * core free keeps the fast path (image answers, submissions, pages) responsive while trainings run;
 * the setting is process-wide in PyTorch, so inference then uses the same count.
 */
final class TrainingThreads {

  private TrainingThreads() {}

  /** The thread count for a configured value (0 or less: automatic). */
  static int resolve(int configured) {
    return resolve(configured, Runtime.getRuntime().availableProcessors());
  }

  static int resolve(int configured, int processors) {
    if (configured > 0) {
      return configured;
    }
    return Math.max(1, processors - 1);
  }
}
