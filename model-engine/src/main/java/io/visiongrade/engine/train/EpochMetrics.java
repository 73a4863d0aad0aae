package io.visiongrade.engine.train;

/**
 * Metrics at the end of an epoch. Validation values are {@code NaN} without a validation set.
 *
 * @param epoch 0-based
 * @param trainLoss mean training loss over the epoch
 * @param trainAccuracy training accuracy over the epoch
 * @param validationLoss mean validation loss
 * @param validationAccuracy validation accuracy
 * @param learningRate learning rate used in the epoch
 * @param complete false when the epoch was cut short (cancellation, budget)
 */
public record EpochMetrics(
    int epoch,
    double trainLoss,
    double trainAccuracy,
    double validationLoss,
    double validationAccuracy,
    double learningRate,
    boolean complete) {}
