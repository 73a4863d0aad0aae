package io.visiongrade.lms.domain.grading;

/**
 * What the course model's probabilities say about a student's image answer.
 *
 * <ul>
 *   <li>{@link #ACCEPTED}: the expected class is the most probable one and its probability is at
 *       least {@code τ_accept};
 *   <li>{@link #REJECTED}: the expected class's probability is below {@code τ_reject};
 *   <li>{@link #REVIEW}: anything in between, for the teacher to decide.
 * </ul>
 */
public enum ImageAnswerDecision {
  ACCEPTED,
  REJECTED,
  REVIEW;

  /** Tolerance on the sum of the probabilities. */
  private static final double SUM_TOLERANCE = 1e-3;

  /**
   * Decides.
   *
   * @param probabilities one per class, each in [0, 1], summing to 1 (softmax output)
   * @param expectedClass the class the prompt asked for
   * @param acceptThreshold τ_accept, in (0, 1]
   * @param rejectThreshold τ_reject, in [0, τ_accept)
   * @throws IllegalArgumentException malformed probabilities or thresholds (a bug upstream)
   */
  public static ImageAnswerDecision decide(
      double[] probabilities, int expectedClass, double acceptThreshold, double rejectThreshold) {
    checkThresholds(acceptThreshold, rejectThreshold);
    if (probabilities == null || probabilities.length < 2) {
      throw new IllegalArgumentException("need a probability for each of at least 2 classes");
    }
    if (expectedClass < 0 || expectedClass >= probabilities.length) {
      throw new IllegalArgumentException(
          "expected class " + expectedClass + " outside [0, " + probabilities.length + ")");
    }
    double sum = 0;
    int top = 0;
    for (int i = 0; i < probabilities.length; i++) {
      double p = probabilities[i];
      if (!(p >= 0 && p <= 1)) {
        throw new IllegalArgumentException("probability " + i + " is not in [0, 1]: " + p);
      }
      sum += p;
      if (p > probabilities[top]) {
        top = i;
      }
    }
    if (Math.abs(sum - 1) > SUM_TOLERANCE) {
      throw new IllegalArgumentException("probabilities sum to " + sum + ", not 1");
    }
    double expected = probabilities[expectedClass];
    boolean isTop = probabilities[top] == expected; // ties with the top count as the top
    if (isTop && expected >= acceptThreshold) {
      return ACCEPTED;
    }
    if (expected < rejectThreshold) {
      return REJECTED;
    }
    return REVIEW;
  }

  /**
   * Checks a pair of thresholds.
   *
   * @throws IllegalArgumentException unless 0 <= τ_reject < τ_accept <= 1
   */
  public static void checkThresholds(double acceptThreshold, double rejectThreshold) {
    if (!(acceptThreshold > 0 && acceptThreshold <= 1)) {
      throw new IllegalArgumentException(
          "acceptThreshold must be above 0 and at most 1, got " + acceptThreshold);
    }
    if (!(rejectThreshold >= 0 && rejectThreshold < acceptThreshold)) {
      throw new IllegalArgumentException(
          "rejectThreshold must be at least 0 and below acceptThreshold ("
              + acceptThreshold
              + "), got "
              + rejectThreshold);
    }
  }
}
