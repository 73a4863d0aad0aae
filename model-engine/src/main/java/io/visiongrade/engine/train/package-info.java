/**
 * Training: {@link io.visiongrade.engine.train.CnnTrainer} runs a lean, deterministic training loop
 * on DJL's PyTorch engine with progress reporting ({@link
 * io.visiongrade.engine.train.TrainingListener}), cooperative cancellation ({@link
 * io.visiongrade.engine.train.CancellationToken}), a wall-clock budget, divergence detection and
 * early stopping on validation loss.
 */
package io.visiongrade.engine.train;
