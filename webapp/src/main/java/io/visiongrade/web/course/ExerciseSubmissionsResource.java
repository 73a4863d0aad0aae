package io.visiongrade.web.course;

import io.visiongrade.lms.application.ChallengeSubmissions;
import io.visiongrade.lms.domain.DomainException;
import io.visiongrade.lms.domain.course.SubmissionKind;
import io.visiongrade.lms.domain.submission.Submission;
import io.visiongrade.lms.infrastructure.lti.LaunchSession;
import io.visiongrade.web.app.Sessions;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * A student hands in to a classifier challenge of their course; a teacher lists every student's
 * submissions to it.
 */
@Path("api/course/exercises/{id}/submissions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "course")
public class ExerciseSubmissionsResource {

  static final String CSV = "text/csv";

  @Inject Sessions sessions;
  @Inject ChallengeSubmissions submissions;

  @POST
  @Consumes({MediaType.APPLICATION_JSON, MediaType.APPLICATION_OCTET_STREAM, CSV})
  @Operation(
      summary = "Submit a CNN spec, a TorchScript model or a predictions CSV (students)",
      description =
          "application/json: a CNN spec; application/octet-stream: a TorchScript model; text/csv:"
              + " id,label predictions for the test images. The kind query parameter may name"
              + " SPEC, TORCHSCRIPT or PREDICTIONS_CSV explicitly. 202 with the queued"
              + " submission; 400 listing a spec's problems; 413 above the size limit (checked"
              + " from Content-Length before reading); 409 closed; 429 with Retry-After.")
  public Response submit(
      @PathParam("id") long exerciseId,
      @QueryParam("kind") String kindParam,
      @QueryParam("session") String token,
      @Context HttpHeaders headers,
      @Context UriInfo uri,
      InputStream body) {
    LaunchSession session = sessions.require(token, headers);
    SubmissionKind kind = kindOf(kindParam, headers.getMediaType());
    long max = submissions.maxBytes(kind);
    long declared = headers.getLength();
    if (declared > max) {
      throw new DomainException.TooLarge(
          "The " + kind + " submission is " + declared + " bytes, more than the limit of " + max,
          max);
    }
    Submission s = submissions.submit(session, exerciseId, kind, body);
    var details = submissions.get(session, s.requireId());
    return Response.accepted(
            SubmissionJson.of(
                details.submission(),
                details.exercise(),
                details.queuePosition(),
                submissions.now()))
        .location(uri.getBaseUriBuilder().path("api/course/submissions/{sid}").build(s.requireId()))
        .build();
  }

  /**
   * A submission as a teacher sees it in the exercise's list: the student, and the private part's
   * metric and points of a blind phase (students see those only after the due date).
   */
  public record TeacherSubmissionJson(
      String userId, Double privateMetric, Double privatePoints, SubmissionJson submission) {}

  @GET
  @Operation(
      summary = "Every student's submissions to the exercise, newest first (teachers)",
      description =
          "Status, points and metrics of each, with the student's user id and the private part"
              + " of a blind phase. Students get 403; an exercise of another course is 404.")
  public List<TeacherSubmissionJson> all(
      @PathParam("id") long exerciseId,
      @QueryParam("session") String token,
      @Context HttpHeaders headers) {
    LaunchSession session = sessions.require(token, headers);
    ChallengeSubmissions.OfExercise all = submissions.ofExercise(session, exerciseId);
    Instant now = submissions.now();
    return all.submissions().stream()
        .map(
            s ->
                new TeacherSubmissionJson(
                    s.userId(),
                    s.results().map(r -> r.privateMetric()).orElse(null),
                    s.results().map(r -> r.privatePoints()).orElse(null),
                    SubmissionJson.of(s, all.exercise(), 0, now)))
        .toList();
  }

  static SubmissionKind kindOf(String param, MediaType type) {
    if (param != null && !param.isBlank()) {
      try {
        SubmissionKind k = SubmissionKind.valueOf(param.strip().toUpperCase(Locale.ROOT));
        if (!io.visiongrade.lms.domain.submission.Submission.KINDS.contains(k)) {
          throw new IllegalArgumentException(param);
        }
        return k;
      } catch (IllegalArgumentException e) {
        throw new DomainException.Invalid(
            "kind must be SPEC, TORCHSCRIPT or PREDICTIONS_CSV, got " + param);
      }
    }
    if (type != null && type.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
      return SubmissionKind.SPEC;
    }
    if (type != null && type.isCompatible(new MediaType("text", "csv"))) {
      return SubmissionKind.PREDICTIONS_CSV;
    }
    return SubmissionKind.TORCHSCRIPT;
  }
}
