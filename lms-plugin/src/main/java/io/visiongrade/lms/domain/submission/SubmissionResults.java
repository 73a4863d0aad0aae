package io.visiongrade.lms.domain.submission;

import io.visiongrade.lms.domain.grading.Rubric;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What grading a submission produced.
 *
 * @param metricsJson what the student may read: metrics on the validation split and on the public
 *     part of the test split (accuracy, macro-F1, per-class precision and recall, confusion matrix,
 *     training curves); never test-split ids, labels or images
 * @param publicMetric the rubric's metric on the public part of the test split (the whole test
 *     split without a blind phase)
 * @param publicPoints points for {@code publicMetric} after the rubric and the late penalty
 * @param privateMetric the metric on the private part of a blind phase (server-side until the due
 *     date), or null without a blind phase
 * @param privatePoints points for {@code privateMetric}, or null
 * @param penaltyPercent the late penalty applied, in percent
 * @param modelHash the SHA-256 of the submitted artefact
 * @param datasetHash the content hash of the dataset it was graded on
 * @param splitSeed the split seed of the exercise
 * @param gradedAt when the results were recorded
 * @param metric the rubric metric the metric values are of (null: recorded before this was kept;
 *     such results are evaluated again when re-scored)
 * @param publicFraction the public share of the blind phase the test split was cut by (null: none)
 */
public record SubmissionResults(
    String metricsJson,
    double publicMetric,
    double publicPoints,
    Double privateMetric,
    Double privatePoints,
    double penaltyPercent,
    String modelHash,
    String datasetHash,
    long splitSeed,
    Instant gradedAt,
    Rubric.Metric metric,
    Double publicFraction) {

  public SubmissionResults {
    Objects.requireNonNull(metricsJson, "metricsJson");
    Objects.requireNonNull(modelHash, "modelHash");
    Objects.requireNonNull(datasetHash, "datasetHash");
    Objects.requireNonNull(gradedAt, "gradedAt");
    if ((privateMetric == null) != (privatePoints == null)) {
      throw new IllegalArgumentException("private metric and points go together");
    }
  }

  /** Results whose metric and blind phase are not known (as stored before re-scoring existed). */
  public SubmissionResults(
      String metricsJson,
      double publicMetric,
      double publicPoints,
      Double privateMetric,
      Double privatePoints,
      double penaltyPercent,
      String modelHash,
      String datasetHash,
      long splitSeed,
      Instant gradedAt) {
    this(
        metricsJson,
        publicMetric,
        publicPoints,
        privateMetric,
        privatePoints,
        penaltyPercent,
        modelHash,
        datasetHash,
        splitSeed,
        gradedAt,
        null,
        null);
  }

  /**
   * Whether the stored metric values were measured the way an exercise now asks: the same metric on
   * the same dataset, split seed and blind-phase cut. Then re-scoring only recomputes points;
   * otherwise the submission must be evaluated again.
   */
  public boolean measuredAs(
      Rubric.Metric wantedMetric,
      String wantedDatasetHash,
      long wantedSeed,
      Double wantedFraction) {
    return metric == wantedMetric
        && datasetHash.equals(wantedDatasetHash)
        && splitSeed == wantedSeed
        && Objects.equals(publicFraction, wantedFraction);
  }

  /** The same measurements with new points (re-scored under a changed rubric or policy). */
  public SubmissionResults withPoints(
      double newPublicPoints, Double newPrivatePoints, double newPenaltyPercent) {
    return new SubmissionResults(
        metricsJson,
        publicMetric,
        newPublicPoints,
        privateMetric,
        newPrivatePoints,
        newPenaltyPercent,
        modelHash,
        datasetHash,
        splitSeed,
        gradedAt,
        metric,
        publicFraction);
  }

  /** The private part's metric, when there is a blind phase. */
  public OptionalDouble privateMetricValue() {
    return privateMetric == null ? OptionalDouble.empty() : OptionalDouble.of(privateMetric);
  }

  /**
   * The points that count at {@code now}: the public part's until the due date, the private part's
   * after it (see {@code BlindPhase.visibleScore}); without a blind phase, the test split's.
   */
  public double pointsAt(Instant now, Optional<Instant> due) {
    if (privatePoints == null || due.isEmpty() || !now.isAfter(due.get())) {
      return publicPoints;
    }
    return privatePoints;
  }
}
