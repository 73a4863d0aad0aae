package io.visiongrade.web.course;

import io.visiongrade.lms.application.ImageAnswers;
import io.visiongrade.lms.domain.answer.AnswerGrade;
import io.visiongrade.lms.domain.answer.ImageAnswer;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.time.Instant;

/**
 * An image answer as its student sees it: the verdict, the most probable classes, and what decided
 * it (model version, dataset hash, seed).
 *
 * @param topClasses {@code [{"class": .., "probability": ..}, ..]}, most probable first
 * @param points the student's points on the exercise after this answer, null when listed
 * @param passbackNote whether the grade went to the gradebook, null when listed
 */
public record ImageAnswerJson(
    long id,
    long exerciseId,
    int prompt,
    String expectedClass,
    String decision,
    JsonArray topClasses,
    double expectedProbability,
    int modelVersion,
    String datasetHash,
    long seed,
    String imageSha256,
    Instant submittedAt,
    Double points,
    Double maxPoints,
    String passbackNote) {

  static ImageAnswerJson of(ImageAnswer a) {
    return of(a, null, null);
  }

  static ImageAnswerJson of(ImageAnswers.Answered r) {
    return of(r.answer(), r.grade(), r.passbackNote());
  }

  private static ImageAnswerJson of(ImageAnswer a, AnswerGrade g, String note) {
    JsonArray top;
    try (JsonReader reader = Json.createReader(new StringReader(a.topClassesJson()))) {
      top = reader.readArray();
    }
    return new ImageAnswerJson(
        a.requireId(),
        a.exerciseId(),
        a.promptIndex(),
        a.expectedClass(),
        a.decision().name(),
        top,
        a.expectedProbability(),
        a.modelVersion(),
        a.datasetHash(),
        a.seed(),
        a.imageSha256(),
        a.submittedAt(),
        g == null ? null : g.points(),
        g == null ? null : g.maxPoints(),
        note);
  }
}
