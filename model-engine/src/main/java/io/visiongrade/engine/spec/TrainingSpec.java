package io.visiongrade.engine.spec;

/**
 * Training hyper-parameters.
 *
 * @param epochs full passes over the training data
 * @param batchSize images per gradient step
 * @param seed seeds initialisation, shuffling, dropout and augmentation
 * @param earlyStoppingPatience epochs without validation-loss improvement before stopping (0 = off)
 */
public record TrainingSpec(int epochs, int batchSize, long seed, int earlyStoppingPatience) {}
