package io.visiongrade.engine.train;

/** Why a training ended. */
public enum StopReason {
  /** All epochs ran. */
  COMPLETED,
  /** Validation loss stopped improving for {@code earlyStoppingPatience} epochs. */
  EARLY_STOPPED,
  /** The caller cancelled through its {@link CancellationToken}. */
  CANCELLED,
  /** The wall-clock budget ran out. */
  TIME_BUDGET
}
