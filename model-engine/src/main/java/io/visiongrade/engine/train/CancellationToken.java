package io.visiongrade.engine.train;

/** Cooperative cancellation: the trainer checks it once per batch. Thread-safe. */
public final class CancellationToken {
  private volatile boolean cancelled;

  /** Asks the training to stop after the current batch. */
  public void cancel() {
    cancelled = true;
  }

  public boolean isCancelled() {
    return cancelled;
  }
}
