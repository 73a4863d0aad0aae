package io.visiongrade.web.pages.student;

import io.visiongrade.engine.spec.CnnSpec;
import io.visiongrade.engine.spec.ModelSummary;
import io.visiongrade.engine.spec.SpecException;
import io.visiongrade.engine.spec.SpecJson;
import io.visiongrade.engine.spec.SpecLimits;
import io.visiongrade.lms.application.ChallengeSubmissions;
import io.visiongrade.lms.application.CourseCatalog;
import io.visiongrade.lms.application.DatasetLibrary;
import io.visiongrade.lms.domain.DomainException;
import io.visiongrade.lms.domain.course.Exercise;
import io.visiongrade.lms.domain.dataset.Dataset;
import io.visiongrade.lms.infrastructure.lti.LaunchSession;
import io.visiongrade.web.app.Sessions;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Checks a CNN spec for a classifier challenge without submitting it: the live validation of the
 * student's spec editor. The same checks as a submission (the exercise's compute caps, its input
 * shape, its dataset's classes), and the model-engine's summary: every layer's output shape and
 * parameter count.
 */
@Path("api/course/specs/check")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "course")
public class SpecCheckResource {

  /** The largest spec checked (the submission limit). */
  static final int MAX_CHARS = (int) SpecLimits.DEFAULTS.maxJsonBytes();

  /** One layer of the summary. */
  public record Layer(int index, String type, String shape, long parameters) {}

  /**
   * A valid spec's summary.
   *
   * @param input the input shape, "width x height x channels"
   * @param classes the number of classes of the exercise's dataset
   * @param layers every layer's output shape and parameters
   * @param totalParameters the trainable parameters
   * @param maxParameters the exercise's cap
   * @param epochs the epochs the spec asks for
   * @param maxEpochs the exercise's cap
   */
  public record Summary(
      String input,
      int classes,
      List<Layer> layers,
      long totalParameters,
      long maxParameters,
      Integer epochs,
      int maxEpochs) {}

  @Inject Sessions sessions;
  @Inject CourseCatalog catalog;
  @Inject DatasetLibrary datasets;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Check a CNN spec for a classifier challenge (no submission)",
      description =
          "?exercise= the challenge's id; body: the spec JSON. 200 with every layer's output shape"
              + " and parameters and the total; 400 listing every problem (the engine's messages);"
              + " 409 when the exercise has no dataset yet.")
  public Summary check(
      @QueryParam("exercise") Long exerciseId,
      @QueryParam("session") String token,
      @Context HttpHeaders headers,
      String body) {
    LaunchSession session = sessions.require(token, headers);
    if (exerciseId == null) {
      throw new DomainException.Invalid("the exercise query parameter (its id) is required");
    }
    if (body == null || body.isBlank()) {
      throw new DomainException.Invalid("Send the network spec as a JSON object");
    }
    if (body.length() > MAX_CHARS) {
      throw new DomainException.TooLarge(
          "The spec has " + body.length() + " characters, more than the limit of " + MAX_CHARS,
          MAX_CHARS);
    }
    Exercise exercise = catalog.exercise(session, exerciseId);
    if (exercise.getKind() != Exercise.Kind.CLASSIFIER_CHALLENGE) {
      throw new DomainException.Invalid(
          "Exercise " + exerciseId + " is not a classifier challenge; it takes no network spec");
    }
    long datasetId =
        exercise
            .datasetId()
            .orElseThrow(
                () ->
                    new DomainException.Conflict(
                        "This exercise has no dataset yet; its teacher picks one"));
    Dataset dataset = datasets.find(session, datasetId);
    int classes = Math.max(2, dataset.classes().size());
    SpecLimits limits = ChallengeSubmissions.limitsOf(exercise);
    // The submission's checks first: caps, input shape, classes (one 400 listing every problem).
    ChallengeSubmissions.specOf(body, exercise, classes);
    try {
      CnnSpec spec = SpecJson.parse(body, limits);
      ModelSummary summary = spec.summarize(classes, limits);
      return new Summary(
          String.format(
              Locale.ROOT,
              "%dx%dx%d",
              spec.input().width(),
              spec.input().height(),
              spec.input().channels()),
          classes,
          summary.layers().stream()
              .map(l -> new Layer(l.index(), l.type(), l.shapeText(), l.parameters()))
              .toList(),
          summary.totalParameters(),
          limits.maxParameters(),
          spec.training().epochs(),
          limits.maxEpochs());
    } catch (SpecException e) {
      throw new DomainException.Invalid(
          "Your network is not valid: " + String.join("; ", e.problems()), e);
    }
  }
}
