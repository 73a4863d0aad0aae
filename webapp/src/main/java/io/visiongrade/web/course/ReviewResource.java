package io.visiongrade.web.course;

import io.visiongrade.lms.application.ReviewQueue;
import io.visiongrade.lms.domain.DomainException;
import io.visiongrade.lms.domain.answer.ImageAnswer;
import io.visiongrade.lms.domain.answer.Review;
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
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Teachers review the image answers the course model left undecided. */
@Path("api/course/reviews")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "course")
public class ReviewResource {

  @Inject Sessions sessions;
  @Inject ReviewQueue reviews;

  /** An answer waiting for review, with its student. */
  public record PendingJson(String userId, ImageAnswerJson answer) {
    static PendingJson of(ImageAnswer a) {
      return new PendingJson(a.userId(), ImageAnswerJson.of(a));
    }
  }

  /** A decided answer and what happened to the student's grade. */
  public record DecidedJson(
      String userId, String verdict, String label, ImageAnswerJson answer, String passbackNote) {}

  @GET
  @Operation(summary = "The course's image answers waiting for review, oldest first (teachers)")
  public List<PendingJson> pending(
      @QueryParam("session") String token, @Context HttpHeaders headers) {
    return reviews.pending(sessions.require(token, headers)).stream().map(PendingJson::of).toList();
  }

  @GET
  @Path("{answerId}/image")
  @Produces({"image/png", "image/jpeg"})
  @Operation(summary = "The image of an answer of the course (teachers)")
  public Response image(
      @PathParam("answerId") long answerId,
      @QueryParam("session") String token,
      @Context HttpHeaders headers) {
    ReviewQueue.Image image = reviews.image(sessions.require(token, headers), answerId);
    return Response.ok(image.file().toFile(), image.answer().contentType())
        .header("Cache-Control", "private, max-age=3600")
        .build();
  }

  @GET
  @Path("{answerId}/heatmap.png")
  @Produces("image/png")
  @Operation(
      summary = "A Grad-CAM overlay of an answer of the course for the prompt's class (teachers)",
      description =
          "Where the model that decided the answer found evidence for the prompt's class.")
  public Response heatmap(
      @PathParam("answerId") long answerId,
      @QueryParam("session") String token,
      @Context HttpHeaders headers) {
    byte[] png = reviews.heatmap(sessions.require(token, headers), answerId);
    return Response.ok(png, "image/png").header("Cache-Control", "private, max-age=3600").build();
  }

  @POST
  @Path("{answerId}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Decide an answer of the course (teachers)",
      description =
          "Body: {\"verdict\": \"ACCEPT\" | \"REJECT\" | \"RELABEL\", \"class\": <with RELABEL>,"
              + " \"addToTrainingData\": false}. The student's grade is recomputed and a change is"
              + " sent to the gradebook.")
  public DecidedJson decide(
      @PathParam("answerId") long answerId,
      JsonObject body,
      @QueryParam("session") String token,
      @Context HttpHeaders headers) {
    LaunchSession session = sessions.require(token, headers);
    if (body == null || !body.containsKey("verdict")) {
      throw new DomainException.Invalid("verdict is required: ACCEPT, REJECT or RELABEL");
    }
    Review.Verdict verdict;
    try {
      verdict = Review.Verdict.valueOf(body.getString("verdict").strip().toUpperCase(Locale.ROOT));
    } catch (ClassCastException | IllegalArgumentException e) {
      throw new DomainException.Invalid("verdict must be ACCEPT, REJECT or RELABEL");
    }
    JsonValue cls = body.get("class");
    String relabel =
        cls == null || cls.getValueType() != JsonValue.ValueType.STRING
            ? null
            : body.getString("class");
    boolean add = body.getBoolean("addToTrainingData", false);
    ReviewQueue.Decided d = reviews.decide(session, answerId, verdict, relabel, add);
    return new DecidedJson(
        d.answer().userId(),
        d.review().verdict().name(),
        d.review().label(),
        ImageAnswerJson.of(d.answer()),
        d.passbackNote());
  }
}
