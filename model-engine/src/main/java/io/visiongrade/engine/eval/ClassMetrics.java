package io.visiongrade.engine.eval;

/**
 * Per-class metrics; precision and recall are 0 when undefined (no predictions / no samples).
 *
 * @param className the class
 * @param precision TP / (TP + FP)
 * @param recall TP / (TP + FN)
 * @param f1 harmonic mean of precision and recall
 * @param support samples whose true label is this class
 */
public record ClassMetrics(
    String className, double precision, double recall, double f1, int support) {}
