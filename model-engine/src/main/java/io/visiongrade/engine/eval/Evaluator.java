package io.visiongrade.engine.eval;

import io.visiongrade.engine.data.LabeledImages;
import java.util.ArrayList;
import java.util.List;

/** Computes {@link EvaluationResult}s. Stateless. */
public final class Evaluator {
  private Evaluator() {}

  /**
   * Metrics from raw class scores (logits), row-major {@code [n, classes]}; unlabelled samples
   * (label -1) are skipped.
   */
  public static EvaluationResult fromLogits(float[] logits, LabeledImages data, int topK) {
    return fromLogits(logits, data.labels(), data.ids(), data.classNames(), topK);
  }

  /** As {@link #fromLogits(float[], LabeledImages, int)} with the parts given separately. */
  public static EvaluationResult fromLogits(
      float[] logits, int[] labels, List<String> ids, List<String> classNames, int topK) {
    int c = classNames.size();
    int n = labels.length;
    if (logits.length != n * c) {
      throw new IllegalArgumentException(
          "expected " + n + "x" + c + " scores, got " + logits.length + " values");
    }
    if (topK < 1) {
      throw new IllegalArgumentException("topK must be positive, got " + topK);
    }
    int[] predicted = argmax(logits, n, c);
    double loss = 0;
    int labelled = 0;
    int topHits = 0;
    for (int i = 0; i < n; i++) {
      int y = labels[i];
      if (y < 0) {
        continue;
      }
      labelled++;
      loss += crossEntropy(logits, i, c, y);
      int higher = 0;
      float target = logits[i * c + y];
      for (int j = 0; j < c; j++) {
        float v = logits[i * c + j];
        if (v > target || (v == target && j < y)) {
          higher++;
        }
      }
      if (higher < topK) {
        topHits++;
      }
    }
    EvaluationResult base = fromPredictions(predicted, labels, ids, classNames);
    return new EvaluationResult(
        base.count(),
        base.accuracy(),
        topK,
        labelled == 0 ? 0 : (double) topHits / labelled,
        base.perClass(),
        base.macroF1(),
        base.confusion(),
        labelled == 0 ? Double.NaN : loss / labelled,
        base.misclassifiedIds(),
        classNames);
  }

  /**
   * Metrics from predicted labels (a CSV submission); top-k equals accuracy with k = 1 and the loss
   * is {@code NaN}.
   *
   * @throws IllegalArgumentException if lengths differ or a predicted label is out of range
   */
  public static EvaluationResult fromPredictions(
      int[] predicted, int[] labels, List<String> ids, List<String> classNames) {
    int c = classNames.size();
    if (predicted.length != labels.length || ids.size() != labels.length) {
      throw new IllegalArgumentException(
          "lengths differ: "
              + predicted.length
              + " predictions, "
              + labels.length
              + " labels, "
              + ids.size()
              + " ids");
    }
    int[][] confusion = new int[c][c];
    List<String> wrong = new ArrayList<>();
    int labelled = 0;
    int correct = 0;
    for (int i = 0; i < labels.length; i++) {
      int y = labels[i];
      int p = predicted[i];
      if (p < 0 || p >= c) {
        throw new IllegalArgumentException(
            "prediction " + p + " for " + ids.get(i) + " outside [0, " + c + ")");
      }
      if (y < 0) {
        continue;
      }
      labelled++;
      confusion[y][p]++;
      if (p == y) {
        correct++;
      } else {
        wrong.add(ids.get(i));
      }
    }
    List<ClassMetrics> perClass = new ArrayList<>();
    double f1Sum = 0;
    int f1Count = 0;
    for (int k = 0; k < c; k++) {
      int tp = confusion[k][k];
      int support = 0;
      int predictedK = 0;
      for (int j = 0; j < c; j++) {
        support += confusion[k][j];
        predictedK += confusion[j][k];
      }
      double precision = predictedK == 0 ? 0 : (double) tp / predictedK;
      double recall = support == 0 ? 0 : (double) tp / support;
      double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
      perClass.add(new ClassMetrics(classNames.get(k), precision, recall, f1, support));
      if (support > 0 || predictedK > 0) {
        f1Sum += f1;
        f1Count++;
      }
    }
    double accuracy = labelled == 0 ? 0 : (double) correct / labelled;
    return new EvaluationResult(
        labelled,
        accuracy,
        1,
        accuracy,
        perClass,
        f1Count == 0 ? 0 : f1Sum / f1Count,
        confusion,
        Double.NaN,
        wrong,
        classNames);
  }

  /** Mean cross-entropy of logits against labels (labels -1 skipped; NaN if none labelled). */
  public static double meanLoss(float[] logits, int[] labels, int classes) {
    double loss = 0;
    int count = 0;
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] >= 0) {
        loss += crossEntropy(logits, i, classes, labels[i]);
        count++;
      }
    }
    return count == 0 ? Double.NaN : loss / count;
  }

  /** Index of the highest score per row. */
  public static int[] argmax(float[] logits, int n, int classes) {
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      int best = 0;
      for (int j = 1; j < classes; j++) {
        if (logits[i * classes + j] > logits[i * classes + best]) {
          best = j;
        }
      }
      out[i] = best;
    }
    return out;
  }

  /** Softmax of one row, in double precision. */
  public static double[] softmax(float[] logits, int row, int classes) {
    double max = Double.NEGATIVE_INFINITY;
    for (int j = 0; j < classes; j++) {
      max = Math.max(max, logits[row * classes + j]);
    }
    double[] p = new double[classes];
    double sum = 0;
    for (int j = 0; j < classes; j++) {
      p[j] = Math.exp(logits[row * classes + j] - max);
      sum += p[j];
    }
    for (int j = 0; j < classes; j++) {
      p[j] /= sum;
    }
    return p;
  }

  private static double crossEntropy(float[] logits, int row, int classes, int label) {
    double max = Double.NEGATIVE_INFINITY;
    for (int j = 0; j < classes; j++) {
      max = Math.max(max, logits[row * classes + j]);
    }
    double sum = 0;
    for (int j = 0; j < classes; j++) {
      sum += Math.exp(logits[row * classes + j] - max);
    }
    return Math.log(sum) + max - logits[row * classes + label];
  }
}
