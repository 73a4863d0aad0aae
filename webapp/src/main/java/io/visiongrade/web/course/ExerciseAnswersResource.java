package io.visiongrade.web.course;

import io.visiongrade.lms.application.ImageAnswers;
import io.visiongrade.lms.domain.DomainException;
import io.visiongrade.lms.infrastructure.lti.LaunchSession;
import io.visiongrade.web.app.Sessions;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A student answers a prompt of an image-answer exercise with an image. */
@Path("api/course/exercises/{id}/answers")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "course")
public class ExerciseAnswersResource {

  @Inject Sessions sessions;
  @Inject ImageAnswers answers;

  @POST
  @Consumes(MediaType.WILDCARD)
  @Operation(
      summary = "Answer a prompt with an image (students)",
      description =
          "Body: the image as image/png or image/jpeg; ?prompt= the prompt's index (0-based)."
              + " Classified at once with the course's promoted model: 201 with the decision"
              + " (ACCEPTED, REJECTED, REVIEW), the top classes and the points now. 400 not a"
              + " PNG/JPEG or undecodable; 413 over the size limit (checked from Content-Length"
              + " before reading); 409 no model promoted yet; 429 with Retry-After.")
  public Response answer(
      @PathParam("id") long exerciseId,
      @QueryParam("prompt") Integer prompt,
      @QueryParam("session") String token,
      @Context HttpHeaders headers,
      @Context UriInfo uri,
      InputStream body) {
    LaunchSession session = sessions.require(token, headers);
    if (prompt == null) {
      throw new DomainException.Invalid("the prompt query parameter (0-based index) is required");
    }
    long max = answers.maxBytes();
    long declared = headers.getLength();
    if (declared > max) {
      throw new DomainException.TooLarge(
          "The image is " + declared + " bytes, more than the limit of " + max, max);
    }
    MediaType type = headers.getMediaType();
    ImageAnswers.Answered r =
        answers.answer(
            session,
            exerciseId,
            prompt,
            type == null ? null : type.getType() + "/" + type.getSubtype(),
            body);
    return Response.created(
            uri.getBaseUriBuilder().path("api/course/answers/{aid}").build(r.answer().requireId()))
        .entity(ImageAnswerJson.of(r))
        .build();
  }
}
