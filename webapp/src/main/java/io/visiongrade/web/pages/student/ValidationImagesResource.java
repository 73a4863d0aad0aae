package io.visiongrade.web.pages.student;

import io.visiongrade.web.app.Sessions;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The misclassified validation images of a graded submission (never test-split images). */
@Path("api/course/submissions/{id}/validation-images")
@Tag(name = "course")
public class ValidationImagesResource {

  @Inject Sessions sessions;
  @Inject MisclassifiedImages images;

  @GET
  @Produces("image/png")
  @Operation(
      summary = "One misclassified validation image of a graded submission, as PNG",
      description =
          "?image= an id from the submission's validation.misclassifiedIds. The submission's"
              + " student or the course's teachers; any other id (a test image included) is 404."
              + " With heatmap=true: the heat map stored while grading (Grad-CAM overlay of the"
              + " predicted class, where the model looked for it), 404 where none was stored.")
  public Response image(
      @PathParam("id") long id,
      @QueryParam("image") String image,
      @QueryParam("heatmap") boolean heatMap,
      @QueryParam("session") String token,
      @Context HttpHeaders headers) {
    var session = sessions.require(token, headers);
    byte[] png = heatMap ? images.heatMapPng(session, id, image) : images.png(session, id, image);
    return Response.ok(png, "image/png").header("Cache-Control", "private, max-age=3600").build();
  }
}
