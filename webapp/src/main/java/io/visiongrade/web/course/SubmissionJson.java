package io.visiongrade.web.course;

import io.visiongrade.lms.domain.course.Exercise;
import io.visiongrade.lms.domain.submission.Submission;
import io.visiongrade.lms.domain.submission.SubmissionResults;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.time.Instant;
import java.util.Optional;

/**
 * A submission as its student sees it: status, queue position, failure, and the results the blind
 * phase lets them see (the public part's metric and points until their due date; the private part's
 * after it). Never the stored file name, never anything about single test images.
 *
 * @param metrics the validation and public-test metrics and training curves, null until graded
 * @param privateMetric the private part's metric, only after the due date (else null)
 * @param points the points that count now (after the rubric and any late penalty), null until
 *     graded
 */
public record SubmissionJson(
    long id,
    long exerciseId,
    String kind,
    String status,
    Instant submittedAt,
    boolean late,
    boolean charged,
    Long jobId,
    int queuePosition,
    String failure,
    String contentSha256,
    JsonObject metrics,
    String metric,
    Double publicMetric,
    Double privateMetric,
    Double points,
    double maxPoints,
    Double penaltyPercent,
    String passback) {

  static SubmissionJson of(Submission s, Exercise exercise, int queuePosition, Instant now) {
    Optional<SubmissionResults> r = s.results();
    Optional<Instant> due = exercise.dueFor(s.userId());
    boolean afterDue = due.isPresent() && now.isAfter(due.get());
    return new SubmissionJson(
        s.requireId(),
        s.exerciseId(),
        s.kind().name(),
        s.status().name(),
        s.submittedAt(),
        s.late(),
        s.charged(),
        s.jobId(),
        queuePosition,
        s.failure().orElse(null),
        s.contentSha256(),
        r.map(x -> parse(x.metricsJson())).orElse(null),
        exercise.rubric().metric().name(),
        r.map(SubmissionResults::publicMetric).orElse(null),
        r.filter(x -> afterDue).map(SubmissionResults::privateMetric).orElse(null),
        r.map(x -> x.pointsAt(now, due)).orElse(null),
        exercise.getMaxScore(),
        r.map(SubmissionResults::penaltyPercent).orElse(null),
        s.passbackNote().orElse(null));
  }

  private static JsonObject parse(String json) {
    try (JsonReader reader = Json.createReader(new StringReader(json))) {
      return reader.readObject();
    }
  }
}
