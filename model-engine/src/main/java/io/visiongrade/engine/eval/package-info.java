/**
 * Evaluation metrics: {@link io.visiongrade.engine.eval.Evaluator} turns model scores or a
 * submitted array of predicted labels into an {@link io.visiongrade.engine.eval.EvaluationResult}
 * (accuracy, top-k accuracy, per-class precision/recall/F1, macro-F1, confusion matrix, mean loss,
 * misclassified ids). Pure Java, no native memory.
 */
package io.visiongrade.engine.eval;
