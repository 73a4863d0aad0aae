package io.visiongrade.engine.train;

import java.time.Duration;

/**
 * A progress report after one batch.
 *
 * @param epoch 0-based epoch
 * @param epochs planned epochs
 * @param batch 1-based batch within the epoch
 * @param batchesPerEpoch batches in an epoch
 * @param loss mean training loss of the epoch so far
 * @param accuracy training accuracy of the epoch so far
 * @param imagesPerSecond training throughput since the start of the training
 * @param eta estimated remaining time for the planned epochs (validation excluded)
 */
public record TrainingProgress(
    int epoch,
    int epochs,
    int batch,
    int batchesPerEpoch,
    double loss,
    double accuracy,
    double imagesPerSecond,
    Duration eta) {}
