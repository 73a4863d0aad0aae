package io.visiongrade.web.course;

import io.visiongrade.lms.application.CourseCatalog;
import io.visiongrade.lms.application.ExerciseSetup;
import io.visiongrade.lms.domain.course.Exercise;
import io.visiongrade.lms.infrastructure.lti.LaunchSession;
import io.visiongrade.web.app.Sessions;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
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

  @Inject Sessions sessions;
  @Inject CourseCatalog catalog;
  @Inject ExerciseSetup setup;

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
}
