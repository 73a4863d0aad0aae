package io.visiongrade.web;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The front page of a running server. */
@Path("/")
public class HomeResource {

  private static final String PAGE =
      """
      <!DOCTYPE html>
      <html lang="en">
      <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>VisionGrade</title>
        <style>
          body { font-family: system-ui, sans-serif; max-width: 44rem; margin: 3rem auto;
                 padding: 0 1rem; line-height: 1.5; color: #1b1f24; }
          h1 { margin-bottom: 0.2rem; } .lead { color: #4a5563; margin-top: 0; }
          a { color: #0b5cad; } code { background: #f2f4f7; padding: 0 0.25rem; }
        </style>
      </head>
      <body>
        <main>
          <h1>VisionGrade</h1>
          <p class="lead">Image-classification exercises with automated grading, for any LTI 1.3
          learning-management system.</p>
          <h2>This server</h2>
          <ul>
            <li><a href="health/ready">Readiness</a> and <a href="health/live">liveness</a></li>
            <li><a href="openapi">OpenAPI document of the REST API</a></li>
          </ul>
          <p>Administrators: the API under <code>/api/admin</code> takes the admin token as a
          bearer token (see README, "Configuration").</p>
        </main>
      </body>
      </html>
      """;

  @GET
  @Produces(MediaType.TEXT_HTML)
  @Operation(hidden = true)
  public String home() {
    return PAGE;
  }

  /** Browsers ask every origin for this; the pages' icon answers (no 404 in their consoles). */
  @GET
  @Path("favicon.ico")
  @Operation(hidden = true)
  public Response favicon() {
    return Response.seeOther(URI.create("static/icon.svg")).build();
  }
}
