package io.visiongrade.web.course;

import io.visiongrade.lms.application.GradeDeliveries;
import io.visiongrade.lms.domain.grading.ScoreDeliveryView;
import io.visiongrade.web.app.Sessions;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Grade passback as the teacher sees it: each score's delivery to the LMS. */
@Path("api/course/score-deliveries")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "course")
public class GradeDeliveriesResource {

  /** One score's delivery. */
  public record DeliveryJson(
      long id,
      String userId,
      Double scoreGiven,
      Double scoreMaximum,
      String gradeRef,
      String lineItem,
      String state,
      int attempts,
      Instant nextAttemptAt,
      String lastError,
      Instant createdAt,
      Instant deliveredAt) {

    static DeliveryJson of(ScoreDeliveryView v) {
      return new DeliveryJson(
          v.id(),
          v.score().userId(),
          v.score().scoreGiven().orElse(null),
          v.score().scoreMaximum().orElse(null),
          v.gradeRef(),
          v.target().lineItemUrl().toString(),
          v.state().name(),
          v.attempts(),
          v.nextAttemptAt(),
          v.lastError().orElse(null),
          v.createdAt(),
          v.deliveredAt().orElse(null));
    }
  }

  @Inject Sessions sessions;
  @Inject GradeDeliveries deliveries;

  @GET
  @Operation(
      summary = "Every score sent to the LMS for the caller's course, newest first (teachers)",
      description =
          "State (PENDING, DELIVERED, FAILED_PERMANENT, SUPERSEDED), attempts, last error.")
  public List<DeliveryJson> list(@QueryParam("session") String token, @Context HttpHeaders h) {
    return deliveries.list(sessions.require(token, h)).stream().map(DeliveryJson::of).toList();
  }

  @POST
  @Path("{id}/retry")
  @Operation(summary = "Send a refused or waiting score again now (teachers)")
  public DeliveryJson retry(
      @PathParam("id") long id, @QueryParam("session") String token, @Context HttpHeaders h) {
    return DeliveryJson.of(deliveries.retry(sessions.require(token, h), id));
  }
}
