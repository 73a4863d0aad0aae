package io.visiongrade.lms.domain.job;

/**
 * Which queue a job waits in. Each lane has its own concurrency, so short work never waits behind
 * long work.
 */
public enum JobLane {
  /** Training and evaluation: minutes of CPU; few at a time. */
  TRAINING,
  /** Image answers and other short work: seconds; never behind a training. */
  FAST
}
