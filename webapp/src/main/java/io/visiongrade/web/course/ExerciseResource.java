package io.visiongrade.web.course;

import io.visiongrade.lms.application.CourseCatalog;
import io.visiongrade.lms.application.ExerciseSetup;
import io.visiongrade.lms.application.Rescoring;
import io.visiongrade.lms.domain.course.Exercise;
import io.visiongrade.lms.domain.job.JobView;
import io.visiongrade.lms.infrastructure.lti.LaunchSession;
import io.visiongrade.web.app.Sessions;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The exercises of the caller's course: their settings (teachers) and their public parts
 * (students). Another course's exercise id is 404.
 */
@Path("api/course/exercises")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "course")
public class ExerciseResource {

  /** One line of the list. */
  public record ExerciseSummary(long id, String kind, String title, double maxScore) {}

  /**
   * A re-scoring job of an exercise.
   *
   * @param jobId the job
   * @param state QUEUED, RUNNING, SUCCEEDED, FAILED or CANCELLED
   * @param alreadyQueued (on a request) a re-scoring was waiting already; this is that one
   * @param result what it did, once it succeeded
   * @param message why it failed, if it did
   * @param createdAt when it was queued
   * @param finishedAt when it ended
   */
  public record RescoreJson(
      long jobId,
      String state,
      boolean alreadyQueued,
      String result,
      String message,
      Instant createdAt,
      Instant finishedAt) {

    static RescoreJson of(JobView job, boolean alreadyQueued) {
      return new RescoreJson(
          job.id(),
          job.state().name(),
          alreadyQueued,
          job.result().orElse(null),
          job.message().orElse(null),
          job.createdAt(),
          job.finishedAt().orElse(null));
    }
  }

  @Inject Sessions sessions;
  @Inject CourseCatalog catalog;
  @Inject ExerciseSetup setup;
  @Inject Rescoring rescoring;

  @GET
  @Operation(summary = "The course's exercises, oldest first")
  public List<ExerciseSummary> list(
      @QueryParam("session") String token, @Context HttpHeaders headers) {
    return catalog.exercises(sessions.require(token, headers)).stream()
        .map(
            (Exercise e) ->
                new ExerciseSummary(e.getId(), e.getKind().name(), e.getTitle(), e.getMaxScore()))
        .toList();
  }

  @GET
  @Path("{id}")
  @Operation(
      summary = "An exercise of the course",
      description =
          "Students see dates, attempts, allowed kinds, prompts, input shape and class names;"
              + " teachers also see every setting.")
  public ExerciseJson get(
      @PathParam("id") long id, @QueryParam("session") String token, @Context HttpHeaders headers) {
    LaunchSession session = sessions.require(token, headers);
    return ExerciseJson.of(setup.details(session, id), session);
  }

  @PUT
  @Path("{id}/settings")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Save every setting of an exercise (teachers only)",
      description =
          "Replaces all settings; absent fields take their defaults. 400 names the field and value"
              + " that break a rule; 404 for an exercise or dataset of another course.")
  public ExerciseJson configure(
      @PathParam("id") long id,
      @QueryParam("session") String token,
      @Context HttpHeaders headers,
      @NotNull @Valid ExerciseSettingsInput input) {
    LaunchSession session = sessions.require(token, headers);
    return ExerciseJson.of(setup.configure(session, id, input.toSettings()), session);
  }

  @POST
  @Path("{id}/rescore")
  @Operation(
      summary = "Re-score every grade of an exercise (teachers only)",
      description =
          "Queues a re-scoring job (202): each student's submissions get points from their stored"
              + " metrics under the current rubric and policy, or are evaluated again when the"
              + " test split, blind phase or metric changed; changed grades go to the LMS again."
              + " Saving settings that change grades does this by itself. A re-scoring still"
              + " waiting is reused (alreadyQueued). Running it again changes nothing.")
  public Response rescore(
      @PathParam("id") long id,
      @QueryParam("session") String token,
      @Context HttpHeaders headers,
      @Context UriInfo uri) {
    LaunchSession session = sessions.require(token, headers);
    Rescoring.Requested r = rescoring.request(session, id);
    return Response.accepted(RescoreJson.of(r.job(), r.alreadyQueued()))
        .location(uri.getAbsolutePath())
        .build();
  }

  @GET
  @Path("{id}/rescore")
  @Operation(summary = "The exercise's re-scoring jobs, newest first (teachers only)")
  public List<RescoreJson> rescorings(
      @PathParam("id") long id, @QueryParam("session") String token, @Context HttpHeaders headers) {
    LaunchSession session = sessions.require(token, headers);
    return rescoring.jobs(session, id).stream().map(j -> RescoreJson.of(j, false)).toList();
  }
}
