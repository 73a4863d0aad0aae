package io.visiongrade.web.pages.student;

import io.visiongrade.engine.data.DatasetWriter;
import io.visiongrade.engine.data.LabeledImages;
import io.visiongrade.lms.application.ChallengeSubmissions;
import io.visiongrade.lms.application.CourseCatalog;
import io.visiongrade.lms.application.DatasetLibrary;
import io.visiongrade.lms.application.GradeSubmissionHandler;
import io.visiongrade.lms.domain.DomainException;
import io.visiongrade.lms.domain.course.Exercise;
import io.visiongrade.lms.domain.submission.Submission;
import io.visiongrade.lms.domain.submission.SubmissionRepository;
import io.visiongrade.lms.domain.submission.SubmissionResults;
import io.visiongrade.lms.infrastructure.lti.LaunchSession;
import io.visiongrade.lms.infrastructure.storage.ContentStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The misclassified VALIDATION images of a graded submission, for the results page's gallery: only
 * ids that the submission's own results list as misclassified validation images, looked up in the
 * validation split of the exercise's dataset (with the exercise's split seed). Never a test-split
 * image: an id that is not in the validation split is "not found". The submission's student and the
 * course's teachers may see them.
 */
@ApplicationScoped
public class MisclassifiedImages {

  /** The most images a gallery shows (grading stores a heat map for as many). */
  public static final int MAX_GALLERY = GradeSubmissionHandler.MAX_HEAT_MAPS;

  /**
   * One misclassified validation image.
   *
   * @param id the image's id in the dataset
   * @param trueClass its label
   * @param predictedClass what the submission predicted, or null when the results do not say
   * @param heatMap whether grading stored a heat map (Grad-CAM of the predicted class) for it
   */
  public record Item(String id, String trueClass, String predictedClass, boolean heatMap) {}

  @Inject ChallengeSubmissions submissions;
  @Inject SubmissionRepository repository;
  @Inject CourseCatalog catalog;
  @Inject DatasetLibrary datasets;
  @Inject ContentStore store;

  /**
   * A submission the caller may see: their own, or (teachers) any of their course's.
   *
   * @throws DomainException.NotFound otherwise
   */
  public Submission visible(LaunchSession session, long submissionId) {
    if (session.isTeacher()) {
      long course = catalog.courseOf(session).getId();
      return repository
          .find(submissionId)
          .filter(s -> s.courseId() == course)
          .orElseThrow(() -> new DomainException.NotFound("Submission", submissionId));
    }
    return submissions.get(session, submissionId).submission();
  }

  /** The misclassified validation images the submission's results list, at most {@code max}. */
  public List<Item> of(LaunchSession session, Submission s, int max) {
    Optional<JsonObject> validation = validation(s);
    if (validation.isEmpty()) {
      return List.of();
    }
    List<String> ids = ids(validation.get());
    if (ids.isEmpty()) {
      return List.of();
    }
    JsonObject predicted = predicted(s);
    JsonObject heatMaps = heatMaps(s);
    Exercise exercise = catalog.exercise(session, s.exerciseId());
    LabeledImages val = datasets.load(exercise).splits().validation();
    List<Item> out = new ArrayList<>();
    for (String id : ids) {
      if (out.size() >= max) {
        break;
      }
      int i = val.ids().indexOf(id);
      if (i < 0) {
        continue;
      }
      JsonValue p = predicted.get(id);
      out.add(
          new Item(
              id,
              val.classNames().get(val.label(i)),
              p instanceof JsonString str ? str.getString() : null,
              heatMaps.get(id) instanceof JsonString));
    }
    return out;
  }

  /**
   * The PNG of one misclassified validation image of a submission.
   *
   * @throws DomainException.NotFound not a misclassified validation image of this submission
   */
  public byte[] png(LaunchSession session, long submissionId, String imageId) {
    Submission s = visible(session, submissionId);
    Optional<JsonObject> validation = validation(s);
    if (imageId == null || validation.isEmpty() || !ids(validation.get()).contains(imageId)) {
      throw new DomainException.NotFound("Misclassified validation image", imageId);
    }
    Exercise exercise = catalog.exercise(session, s.exerciseId());
    LabeledImages val = datasets.load(exercise).splits().validation();
    int i = val.ids().indexOf(imageId);
    if (i < 0) {
      throw new DomainException.NotFound("Misclassified validation image", imageId);
    }
    return DatasetWriter.png(val, i);
  }

  /**
   * The heat map (PNG) of one misclassified validation image of a submission: where the model
   * looked for the class it predicted, stored while grading.
   *
   * @throws DomainException.NotFound not a misclassified validation image of this submission, or
   *     none was stored for it (older results, a model without a convolutional layer, CSV)
   */
  public byte[] heatMapPng(LaunchSession session, long submissionId, String imageId) {
    Submission s = visible(session, submissionId);
    Optional<JsonObject> validation = validation(s);
    if (imageId == null || validation.isEmpty() || !ids(validation.get()).contains(imageId)) {
      throw new DomainException.NotFound("Misclassified validation image", imageId);
    }
    if (!(heatMaps(s).get(imageId) instanceof JsonString sha)) {
      throw new DomainException.NotFound("Heat map of validation image", imageId);
    }
    try (InputStream in = store.open(sha.getString())) {
      return in.readAllBytes();
    } catch (IllegalArgumentException e) {
      throw new DomainException.NotFound("Heat map of validation image", imageId);
    } catch (IOException e) {
      throw new DomainException.Unavailable("Could not read a stored heat map", e);
    }
  }

  private static JsonObject heatMaps(Submission s) {
    return s.results()
        .map(SubmissionResults::metricsJson)
        .map(MisclassifiedImages::parse)
        .filter(m -> m.get("validationHeatMaps") instanceof JsonObject)
        .map(m -> m.getJsonObject("validationHeatMaps"))
        .orElse(JsonValue.EMPTY_JSON_OBJECT);
  }

  private static Optional<JsonObject> validation(Submission s) {
    return s.results()
        .map(SubmissionResults::metricsJson)
        .map(MisclassifiedImages::parse)
        .filter(m -> m.get("validation") instanceof JsonObject)
        .map(m -> m.getJsonObject("validation"));
  }

  private static JsonObject predicted(Submission s) {
    return s.results()
        .map(SubmissionResults::metricsJson)
        .map(MisclassifiedImages::parse)
        .filter(m -> m.get("validationPredicted") instanceof JsonObject)
        .map(m -> m.getJsonObject("validationPredicted"))
        .orElse(JsonValue.EMPTY_JSON_OBJECT);
  }

  private static List<String> ids(JsonObject validation) {
    if (!(validation.get("misclassifiedIds") instanceof jakarta.json.JsonArray a)) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (JsonValue v : a) {
      if (v instanceof JsonString str) {
        out.add(str.getString());
      }
    }
    return out;
  }

  static JsonObject parse(String json) {
    try (JsonReader reader = Json.createReader(new StringReader(json))) {
      return reader.readObject();
    }
  }
}
