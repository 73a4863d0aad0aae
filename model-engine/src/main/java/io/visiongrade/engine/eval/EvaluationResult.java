package io.visiongrade.engine.eval;

import java.util.List;

/**
 * Metrics of predictions against true labels.
 *
 * @param count labelled samples evaluated
 * @param accuracy fraction predicted correctly
 * @param topK the k of {@link #topKAccuracy} (1 when only labels were given)
 * @param topKAccuracy fraction whose true class is among the k highest scores
 * @param perClass metrics per class, in class order
 * @param macroF1 unweighted mean of per-class F1 over classes with support or predictions
 * @param confusion {@code confusion[true][predicted]} counts
 * @param meanLoss mean cross-entropy, {@code NaN} when only labels were given
 * @param misclassifiedIds ids of wrongly predicted samples, in dataset order
 * @param classNames class names, index = label
 */
public record EvaluationResult(
    int count,
    double accuracy,
    int topK,
    double topKAccuracy,
    List<ClassMetrics> perClass,
    double macroF1,
    int[][] confusion,
    double meanLoss,
    List<String> misclassifiedIds,
    List<String> classNames) {

  public EvaluationResult {
    perClass = List.copyOf(perClass);
    misclassifiedIds = List.copyOf(misclassifiedIds);
    classNames = List.copyOf(classNames);
  }
}
