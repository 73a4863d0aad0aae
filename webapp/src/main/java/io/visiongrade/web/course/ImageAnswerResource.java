package io.visiongrade.web.course;

import io.visiongrade.lms.application.ImageAnswers;
import io.visiongrade.web.app.Sessions;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A student's own image answers. */
@Path("api/course/answers")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "course")
public class ImageAnswerResource {

  @Inject Sessions sessions;
  @Inject ImageAnswers answers;

  @GET
  @Operation(summary = "The caller's own image answers in their course, newest first")
  public List<ImageAnswerJson> list(
      @QueryParam("session") String token, @Context HttpHeaders headers) {
    return answers.list(sessions.require(token, headers)).stream()
        .map(ImageAnswerJson::of)
        .toList();
  }

  @GET
  @Path("{id}")
  @Operation(
      summary = "One of the caller's image answers",
      description = "Another student's answer is 404.")
  public ImageAnswerJson get(
      @PathParam("id") long id, @QueryParam("session") String token, @Context HttpHeaders headers) {
    return ImageAnswerJson.of(answers.get(sessions.require(token, headers), id));
  }

  @GET
  @Path("{id}/heatmap.png")
  @Produces("image/png")
  @Operation(
      summary = "A Grad-CAM overlay of one of the caller's answers for the prompt's class",
      description = "Another student's answer is 404.")
  public Response heatmap(
      @PathParam("id") long id, @QueryParam("session") String token, @Context HttpHeaders headers) {
    byte[] png = answers.heatmap(sessions.require(token, headers), id);
    return Response.ok(png, "image/png").header("Cache-Control", "private, max-age=3600").build();
  }
}
