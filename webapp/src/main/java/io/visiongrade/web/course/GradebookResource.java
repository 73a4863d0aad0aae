package io.visiongrade.web.course;

import io.visiongrade.lms.application.Gradebook;
import io.visiongrade.lms.application.GradebookCsv;
import io.visiongrade.lms.domain.DomainException;
import io.visiongrade.web.app.Sessions;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The teacher's gradebook: every student against every exercise, as JSON or CSV. */
@Path("api/course")
@Tag(name = "course")
public class GradebookResource {

  /** The gradebook. */
  public record GradebookJson(
      Instant at, String rosterProblem, List<ColumnJson> exercises, List<RowJson> students) {}

  /** One exercise. */
  public record ColumnJson(
      long id,
      String title,
      String kind,
      double maxScore,
      Instant dueAt,
      Integer maxAttempts,
      String selection) {}

  /** One student; {@code name} is the roster's display name (personal data: teachers only). */
  public record RowJson(
      String userId, String name, boolean inRoster, String rosterStatus, List<CellJson> cells) {}

  /** A student on an exercise. */
  public record CellJson(
      long exerciseId,
      String state,
      Double points,
      Double bestPoints,
      Long countingSubmissionId,
      int attemptsUsed,
      int submissions,
      boolean late,
      long daysLate,
      double penaltyPercent,
      Instant extension,
      Instant lastSubmittedAt,
      DeliveryJson delivery) {}

  /**
   * The newest score sent to the LMS for the cell; {@code retry} is the endpoint that sends it
   * again (POST), present when a retry can be asked for.
   */
  public record DeliveryJson(
      long id,
      String state,
      int attempts,
      String lastError,
      Instant createdAt,
      Instant deliveredAt,
      Double scoreGiven,
      String retry) {}

  @Inject Sessions sessions;
  @Inject Gradebook gradebook;

  @GET
  @Path("gradebook")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "The course's gradebook (teachers)",
      description =
          "Every student of the LMS roster (NRPS) and everyone who handed in work, against every"
              + " exercise (or the one named by ?exercise=): points that count, best points,"
              + " attempts used, late status, extension, and the delivery of the grade to the LMS"
              + " (PENDING, DELIVERED, FAILED_PERMANENT) with its last error and a retry link."
              + " rosterProblem says why the roster is missing when the LMS could not give it.")
  public GradebookJson json(
      @QueryParam("exercise") String exercise,
      @QueryParam("session") String token,
      @Context HttpHeaders headers) {
    return of(gradebook.view(sessions.require(token, headers), exerciseParam(exercise)));
  }

  @GET
  @Path("gradebook.csv")
  @Produces("text/csv")
  @Operation(
      summary = "The course's gradebook as CSV for spreadsheets (teachers)",
      description =
          "One line per student: user id, name, in roster, then for each exercise points, best,"
              + " attempts, state, late days, delivery state and error. Cells that begin like a"
              + " formula (= + - @ tab CR) are prefixed with an apostrophe.")
  public Response csv(
      @QueryParam("exercise") String exercise,
      @QueryParam("session") String token,
      @Context HttpHeaders headers) {
    Gradebook.View view = gradebook.view(sessions.require(token, headers), exerciseParam(exercise));
    byte[] body = GradebookCsv.write(view).getBytes(StandardCharsets.UTF_8);
    return Response.ok(body, "text/csv; charset=UTF-8")
        .header("Content-Disposition", "attachment; filename=\"gradebook.csv\"")
        .header("Cache-Control", "private, no-store")
        .build();
  }

  /** The optional {@code exercise} query parameter: an exercise id. */
  static Optional<Long> exerciseParam(String value) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Long.parseLong(value.strip()));
    } catch (NumberFormatException e) {
      throw new DomainException.Invalid("exercise must be an exercise id (a number), got " + value);
    }
  }

  static GradebookJson of(Gradebook.View v) {
    return new GradebookJson(
        v.at(),
        v.rosterProblem().orElse(null),
        v.exercises().stream()
            .map(
                c ->
                    new ColumnJson(
                        c.id(),
                        c.title(),
                        c.kind().name(),
                        c.maxScore(),
                        c.dueAt().orElse(null),
                        c.maxAttempts().orElse(null),
                        c.selection().name()))
            .toList(),
        v.students().stream()
            .map(
                r ->
                    new RowJson(
                        r.userId(),
                        r.name().orElse(null),
                        r.inRoster(),
                        r.rosterStatus().map(Enum::name).orElse(null),
                        r.cells().stream().map(GradebookResource::cell).toList()))
            .toList());
  }

  private static CellJson cell(Gradebook.Cell c) {
    return new CellJson(
        c.exerciseId(),
        c.state(),
        boxed(c.points()),
        boxed(c.bestPoints()),
        c.countingSubmissionId().orElse(null),
        c.attemptsUsed(),
        c.submissions(),
        c.late(),
        c.daysLate(),
        c.penaltyPercent(),
        c.extension().orElse(null),
        c.lastSubmittedAt().orElse(null),
        c.delivery()
            .map(
                d ->
                    new DeliveryJson(
                        d.id(),
                        d.state().name(),
                        d.attempts(),
                        d.lastError().orElse(null),
                        d.createdAt(),
                        d.deliveredAt().orElse(null),
                        d.scoreGiven().orElse(null),
                        d.retryable() ? "api/course/score-deliveries/" + d.id() + "/retry" : null))
            .orElse(null));
  }

  private static Double boxed(OptionalDouble v) {
    return v.isPresent() ? v.getAsDouble() : null;
  }
}
