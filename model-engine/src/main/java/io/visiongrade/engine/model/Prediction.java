package io.visiongrade.engine.model;

/**
 * One ranked class of a classification.
 *
 * @param label class index
 * @param className class name
 * @param probability softmax probability
 */
public record Prediction(int label, String className, double probability) {}
