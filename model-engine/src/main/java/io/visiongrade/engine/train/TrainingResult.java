package io.visiongrade.engine.train;

import io.visiongrade.engine.model.CnnModel;
import java.time.Duration;
import java.util.List;

/**
 * The outcome of a training: the model (owned by this result until {@link #close()}), why it
 * stopped, per-epoch metrics and throughput.
 *
 * @param model the trained model, with the best parameters when early stopping restored them
 * @param stopReason why training ended
 * @param epochs metrics of every epoch run (the last may be partial)
 * @param bestEpoch 0-based epoch whose parameters the model holds
 * @param elapsed wall-clock time of the whole training
 * @param imagesPerSecond training throughput (training batches only)
 * @param datasetHash content hash of the training data
 */
public record TrainingResult(
    CnnModel model,
    StopReason stopReason,
    List<EpochMetrics> epochs,
    int bestEpoch,
    Duration elapsed,
    double imagesPerSecond,
    String datasetHash)
    implements AutoCloseable {

  public TrainingResult {
    epochs = List.copyOf(epochs);
  }

  /** Closes the model. */
  @Override
  public void close() {
    model.close();
  }
}
