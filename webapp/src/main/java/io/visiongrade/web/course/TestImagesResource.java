package io.visiongrade.web.course;

import io.visiongrade.lms.application.TestImages;
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
import jakarta.ws.rs.core.StreamingOutput;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The unlabelled test images of a classifier challenge that takes predictions CSVs. */
@Path("api/course/exercises/{id}/test-images.zip")
@Tag(name = "course")
public class TestImagesResource {

  @Inject Sessions sessions;
  @Inject TestImages testImages;

  @GET
  @Produces("application/zip")
  @Operation(
      summary = "Download the exercise's test images without labels (students of the course)",
      description =
          "A zip of test-images/<id>.png in the order of the ids, and a README; the id (file name"
              + " without .png) is what a predictions CSV names (id,label). No label, class folder"
              + " or original file name is in it. 409 before the exercise opens or without a"
              + " dataset; 400 when the exercise takes no predictions CSV.")
  public Response download(
      @PathParam("id") long exerciseId,
      @QueryParam("session") String token,
      @Context HttpHeaders headers) {
    TestImages.Download d = testImages.prepare(sessions.require(token, headers), exerciseId);
    StreamingOutput body = out -> TestImages.writeZip(d, out);
    return Response.ok(body, "application/zip")
        .header(
            "Content-Disposition",
            "attachment; filename=\"exercise-" + exerciseId + "-test-images.zip\"")
        .header("Cache-Control", "private, no-store")
        .build();
  }
}
