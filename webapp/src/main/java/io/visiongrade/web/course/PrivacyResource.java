package io.visiongrade.web.course;

import io.visiongrade.lms.application.StudentPrivacy;
import io.visiongrade.lms.domain.DomainException;
import io.visiongrade.lms.domain.privacy.RetentionPolicy;
import io.visiongrade.lms.infrastructure.lti.LaunchSession;
import io.visiongrade.web.app.Sessions;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Students' data as personal data (PRIVACY.md): the course's retention setting, a student's export
 * of everything held about them, and a teacher's deletion of one student's data.
 */
@Path("api/course")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "course")
public class PrivacyResource {

  /**
   * A retention setting as sent: both null for "keep until deleted".
   *
   * @param courseEndsOn the course's last day, {@code YYYY-MM-DD}
   * @param deleteAfterDays days after that day the data is kept (0 to 3650)
   */
  public record RetentionInput(String courseEndsOn, Integer deleteAfterDays) {
    Optional<RetentionPolicy> toPolicy() {
      if (courseEndsOn == null && deleteAfterDays == null) {
        return Optional.empty();
      }
      if (courseEndsOn == null || deleteAfterDays == null) {
        throw new DomainException.Invalid(
            "Give both courseEndsOn (YYYY-MM-DD) and deleteAfterDays, or neither (keep the data"
                + " until it is deleted)");
      }
      LocalDate end;
      try {
        end = LocalDate.parse(courseEndsOn.strip());
      } catch (DateTimeParseException e) {
        throw new DomainException.Invalid(
            "courseEndsOn must be a date like 2027-07-31, got '" + courseEndsOn + "'", e);
      }
      return Optional.of(new RetentionPolicy(end, deleteAfterDays));
    }
  }

  /**
   * A retention setting as shown.
   *
   * @param policy {@code KEEP_UNTIL_DELETED} or {@code DELETE_AFTER_COURSE_END}
   * @param deleteFrom when every student's data of the course is deleted (null: never by itself)
   */
  public record RetentionJson(
      String policy, LocalDate courseEndsOn, Integer deleteAfterDays, Instant deleteFrom) {
    static RetentionJson of(StudentPrivacy.Retention r) {
      return r.policy()
          .map(
              p ->
                  new RetentionJson(
                      "DELETE_AFTER_COURSE_END",
                      p.courseEndsOn(),
                      p.deleteAfterDays(),
                      p.deleteFrom()))
          .orElse(new RetentionJson("KEEP_UNTIL_DELETED", null, null, null));
    }
  }

  /**
   * What a deletion did.
   *
   * @param rowsDeleted table to rows deleted
   * @param lms grades already in the LMS gradebook stay there: this says how many
   */
  public record DeletedJson(
      int totalRows,
      Map<String, Integer> rowsDeleted,
      int filesDeleted,
      int filesKeptShared,
      int scoresAlreadyInLms,
      int scoresNotSent,
      String lms) {
    public static DeletedJson of(StudentPrivacy.Deleted d) {
      return new DeletedJson(
          d.totalRows(),
          d.rows(),
          d.filesDeleted(),
          d.filesKept(),
          d.scoresAlreadyInLms(),
          d.scoresNotSent(),
          d.lmsNote());
    }
  }

  @Inject Sessions sessions;
  @Inject StudentPrivacy privacy;

  @GET
  @Path("privacy")
  @Operation(
      summary = "How long the course keeps its students' data (everyone in the course)",
      description =
          "KEEP_UNTIL_DELETED (the default), or DELETE_AFTER_COURSE_END with the course's last"
              + " day, the days kept after it, and the moment the data is deleted.")
  public RetentionJson retention(
      @QueryParam("session") String token, @Context HttpHeaders headers) {
    return RetentionJson.of(privacy.retention(sessions.require(token, headers)));
  }

  @PUT
  @Path("privacy")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Set the course's retention (teachers only)",
      description =
          "{\"courseEndsOn\": \"2027-07-31\", \"deleteAfterDays\": 30} deletes every student's"
              + " submissions, image answers, grades and files from the start of the day after"
              + " the end date plus the days (UTC); both null keeps the data until it is deleted."
              + " A date that has passed already is refused (400).")
  public RetentionJson setRetention(
      @QueryParam("session") String token,
      @Context HttpHeaders headers,
      @NotNull RetentionInput input) {
    LaunchSession session = sessions.require(token, headers);
    return RetentionJson.of(privacy.setRetention(session, input.toPolicy()));
  }

  @GET
  @Path("me/export.zip")
  @Produces("application/zip")
  @Operation(
      summary = "Everything VisionGrade holds about the caller in this course, as a zip",
      description =
          "data.json (submissions, grades, image answers, reviews, jobs, scores sent to the LMS,"
              + " sessions), the submitted files and answer images, and a README. Nothing about"
              + " other students, nothing of the hidden test split.")
  public Response export(@QueryParam("session") String token, @Context HttpHeaders headers) {
    StudentPrivacy.Export export = privacy.export(sessions.require(token, headers));
    StreamingOutput body = out -> privacy.writeZip(export, out);
    return Response.ok(body, "application/zip")
        .header("Content-Disposition", "attachment; filename=\"visiongrade-my-data.zip\"")
        .header("Cache-Control", "no-store")
        .build();
  }

  @DELETE
  @Path("students/{sub}/data")
  @Operation(
      summary = "Delete one student's data in this course (teachers only)",
      description =
          "Deletes the student's submissions, results, grades, image answers, reviews, training"
              + " images kept from their answers, jobs, undelivered and delivered score records,"
              + " sessions, and their files (a file another row still uses is kept). Grades"
              + " already sent to the LMS gradebook stay there: the answer says how many. 409"
              + " while a job of the student is running (nothing is deleted).")
  public DeletedJson delete(
      @PathParam("sub") String sub,
      @QueryParam("session") String token,
      @Context HttpHeaders headers) {
    return DeletedJson.of(privacy.deleteStudent(sessions.require(token, headers), sub));
  }
}
