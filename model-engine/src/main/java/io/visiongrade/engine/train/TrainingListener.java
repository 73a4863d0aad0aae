package io.visiongrade.engine.train;

/**
 * Receives training progress. Called on the training thread: keep it quick, and hand work to
 * another thread if it is slow (it slows training down otherwise).
 */
public interface TrainingListener {
  /** After every batch. */
  void onBatch(TrainingProgress progress);

  /** After every epoch (also a partial last one), with validation metrics when available. */
  default void onEpoch(EpochMetrics metrics) {}

  /** A listener that ignores everything. */
  TrainingListener NONE = progress -> {};
}
