package io.visiongrade.web.course;

import io.visiongrade.lms.domain.coursemodel.CourseModel;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.time.Instant;

/**
 * A course model version as its teachers see it.
 *
 * @param metrics validation and test metrics (accuracy, macro-F1, per class, confusion matrix) and
 *     training curves, null until READY
 * @param spec the network spec it was trained with
 */
public record CourseModelJson(
    long id,
    int version,
    String state,
    boolean promoted,
    long datasetId,
    String datasetHash,
    long seed,
    Long jobId,
    JsonObject spec,
    JsonObject metrics,
    String failure,
    String createdBy,
    Instant createdAt,
    Instant finishedAt) {

  static CourseModelJson of(CourseModel m) {
    return new CourseModelJson(
        m.requireId(),
        m.version(),
        m.state().name(),
        m.promoted(),
        m.datasetId(),
        m.datasetHash(),
        m.seed(),
        m.jobId(),
        parse(m.specJson()),
        m.metrics().map(CourseModelJson::parse).orElse(null),
        m.failure(),
        m.createdBy(),
        m.createdAt(),
        m.finishedAt());
  }

  static JsonObject parse(String json) {
    try (JsonReader reader = Json.createReader(new StringReader(json))) {
      return reader.readObject();
    }
  }
}
