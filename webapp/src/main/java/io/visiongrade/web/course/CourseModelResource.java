package io.visiongrade.web.course;

import io.visiongrade.lms.application.CourseModels;
import io.visiongrade.lms.domain.DomainException;
import io.visiongrade.lms.domain.coursemodel.CourseModel;
import io.visiongrade.lms.infrastructure.lti.LaunchSession;
import io.visiongrade.web.app.Sessions;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
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
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Teachers train, read and promote the versions of their course's model. */
@Path("api/course/models")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "course")
public class CourseModelResource {

  @Inject Sessions sessions;
  @Inject CourseModels models;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Train a new version of the course model (teachers)",
      description =
          "Body: {\"datasetId\": n, \"spec\": <a CNN spec object, or a preset name; optional>,"
              + " \"includeReviewedImages\": false}. With includeReviewedImages, the next version"
              + " of the dataset is built first from it plus the review decisions kept as"
              + " training data (409 when there are none new), and the model is trained on it."
              + " Without a spec the seed-cnn preset sized to the dataset's images is used. 202"
              + " with the TRAINING version (poll GET /api/course/models/{id} or the job); 400"
              + " listing a spec's problems.")
  public Response train(
      JsonObject body,
      @QueryParam("session") String token,
      @Context HttpHeaders headers,
      @Context UriInfo uri) {
    LaunchSession session = sessions.require(token, headers);
    if (body == null || !body.containsKey("datasetId")) {
      throw new DomainException.Invalid("datasetId is required");
    }
    long datasetId;
    try {
      datasetId = body.getJsonNumber("datasetId").longValueExact();
    } catch (ClassCastException | ArithmeticException e) {
      throw new DomainException.Invalid("datasetId must be an integer");
    }
    JsonValue spec = body.get("spec");
    String specText =
        spec == null || spec.getValueType() == JsonValue.ValueType.NULL
            ? null
            : spec.getValueType() == JsonValue.ValueType.STRING
                ? body.getString("spec")
                : spec.toString();
    JsonValue reviewed = body.get("includeReviewedImages");
    if (reviewed != null
        && reviewed.getValueType() != JsonValue.ValueType.TRUE
        && reviewed.getValueType() != JsonValue.ValueType.FALSE
        && reviewed.getValueType() != JsonValue.ValueType.NULL) {
      throw new DomainException.Invalid("includeReviewedImages must be true or false");
    }
    CourseModel m =
        reviewed != null && reviewed.getValueType() == JsonValue.ValueType.TRUE
            ? models.trainWithReviewedImages(session, datasetId, specText)
            : models.train(session, datasetId, specText);
    return Response.accepted(CourseModelJson.of(m))
        .location(uri.getBaseUriBuilder().path("api/course/models/{id}").build(m.requireId()))
        .build();
  }

  @GET
  @Operation(summary = "The course model's versions, newest first (teachers)")
  public List<CourseModelJson> list(
      @QueryParam("session") String token, @Context HttpHeaders headers) {
    return models.list(sessions.require(token, headers)).stream().map(CourseModelJson::of).toList();
  }

  @GET
  @Path("{id}")
  @Operation(summary = "One version: state, metrics, spec (teachers)")
  public CourseModelJson get(
      @PathParam("id") long id, @QueryParam("session") String token, @Context HttpHeaders headers) {
    return CourseModelJson.of(models.get(sessions.require(token, headers), id));
  }

  @POST
  @Path("{id}/promote")
  @Operation(
      summary = "Promote a READY version: image answers are classified with it (teachers)",
      description = "409 when the version is not READY.")
  public CourseModelJson promote(
      @PathParam("id") long id, @QueryParam("session") String token, @Context HttpHeaders headers) {
    return CourseModelJson.of(models.promote(sessions.require(token, headers), id));
  }
}
