package io.visiongrade.web.devlms;

import static io.visiongrade.web.Page.e;

import io.visiongrade.lms.lti.platform.EmulatedCourse;
import io.visiongrade.lms.lti.platform.EmulatedUser;
import io.visiongrade.lms.lti.platform.PlatformEmulator;
import io.visiongrade.lms.lti.platform.PlatformResponse;
import io.visiongrade.lms.lti.platform.ResourceLinkPlacement;
import io.visiongrade.web.Page;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The LMS emulator's pages (course page, gradebook) and its protocol endpoints (key set,
 * authorization, token, deep-link return, AGS, NRPS), all under {@code /dev-lms/}. 404 unless demo
 * mode is on. The pages take {@code ?course=<context id>} (default: the first course, {@value
 * PlatformEmulator#CONTEXT_ID}); the second one is {@code course-2}.
 */
@Path(DevLms.PATH)
public class DevLmsResource {

  @Inject DevLms devLms;

  @GET
  @Produces(MediaType.TEXT_HTML + ";charset=utf-8")
  @Operation(hidden = true)
  public String coursePage(@QueryParam("course") String courseId) {
    PlatformEmulator lms = lms();
    EmulatedCourse course = course(lms, courseId);
    String query = "?course=" + e(enc(course.id()));
    StringBuilder b = new StringBuilder();
    b.append("<h1>Dev LMS</h1>\n<p class=\"lead\">A built-in LTI 1.3 platform for trying")
        .append(" VisionGrade without an LMS. Course: <strong id=\"course\">")
        .append(e(course.title()))
        .append("</strong></p>\n<p>Courses:");
    for (EmulatedCourse c : lms.courses()) {
      b.append(" <a class=\"course\" href=\"./?course=")
          .append(e(enc(c.id())))
          .append("\">")
          .append(e(c.label()))
          .append("</a>");
    }
    b.append("</p>\n");
    b.append("<div class=\"card\"><h2>Teacher: add an activity</h2>")
        .append(
            "<p>Deep Linking: pick or create a VisionGrade exercise to place in the course.</p>")
        .append("<a id=\"add-activity\" href=\"add")
        .append(query)
        .append("\">Add a VisionGrade exercise as ")
        .append(e(teacher(lms, course).name()))
        .append("</a></div>\n");
    b.append("<h2>Activities</h2>\n");
    List<ResourceLinkPlacement> placements = lms.placements(course.id());
    if (placements.isEmpty()) {
      b.append("<p>None yet: add one as the teacher.</p>\n");
    }
    for (ResourceLinkPlacement p : placements) {
      b.append("<div class=\"card activity\"><h3>").append(e(p.title())).append("</h3><ul>");
      for (EmulatedUser u : lms.users(course.id())) {
        b.append("<li><a class=\"launch\" href=\"launch?user=")
            .append(e(u.id()))
            .append("&amp;link=")
            .append(e(p.id()))
            .append("\">Launch as ")
            .append(e(u.name()))
            .append("</a></li>");
      }
      b.append("</ul></div>\n");
    }
    b.append("<p><a id=\"gradebook-link\" href=\"gradebook")
        .append(query)
        .append("\">Gradebook</a></p>\n");
    return Page.of("Dev LMS", b.toString());
  }

  @GET
  @Path("launch")
  @Operation(hidden = true)
  public Response launch(@QueryParam("user") String user, @QueryParam("link") String link) {
    PlatformEmulator lms = lms();
    try {
      return Response.seeOther(lms.startLaunch(user, link)).build();
    } catch (RuntimeException e) {
      return badRequest(e.getMessage());
    }
  }

  @POST
  @Path("students")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Operation(hidden = true)
  public Response addStudent(
      @FormParam("id") String id,
      @FormParam("name") String name,
      @FormParam("email") String email,
      @Context UriInfo uri) {
    PlatformEmulator lms = lms();
    try {
      lms.addStudent(id, name, email);
    } catch (IllegalArgumentException e) {
      return badRequest(e.getMessage());
    }
    return Response.seeOther(uri.getBaseUriBuilder().path(DevLms.PATH + "/").build()).build();
  }

  @GET
  @Path("add")
  @Operation(hidden = true)
  public Response addActivity(@QueryParam("course") String courseId) {
    PlatformEmulator lms = lms();
    return Response.seeOther(lms.startDeepLinking(teacher(lms, course(lms, courseId)).id()))
        .build();
  }

  @GET
  @Path("gradebook")
  @Produces(MediaType.TEXT_HTML + ";charset=utf-8")
  @Operation(hidden = true)
  public String gradebook(@QueryParam("course") String courseId) {
    PlatformEmulator lms = lms();
    EmulatedCourse course = course(lms, courseId);
    StringBuilder b =
        new StringBuilder("<h1>Gradebook</h1>\n<p class=\"lead\">")
            .append(e(course.title()))
            .append("</p>\n");
    List<Map<String, Object>> items = lms.services().lineItems(course.id());
    if (items.isEmpty()) {
      b.append("<p>No gradebook columns yet.</p>");
    }
    for (Map<String, Object> item : items) {
      b.append("<h2>").append(e(String.valueOf(item.get("label")))).append("</h2>\n");
      b.append("<table class=\"scores\"><tr><th>User</th><th>Score</th><th>Of</th>")
          .append("<th>Grading</th><th>Comment</th><th>Time</th></tr>\n");
      for (Map<String, Object> s :
          lms.services().scores(URI.create(String.valueOf(item.get("id"))))) {
        b.append("<tr>");
        for (String k :
            List.of(
                "userId",
                "scoreGiven",
                "scoreMaximum",
                "gradingProgress",
                "comment",
                "timestamp")) {
          b.append("<td>").append(e(String.valueOf(s.getOrDefault(k, "")))).append("</td>");
        }
        b.append("</tr>\n");
      }
      b.append("</table>\n");
    }
    b.append("<p><a href=\"./?course=")
        .append(e(enc(course.id())))
        .append("\">Back to the course</a></p>");
    return Page.of("Dev LMS gradebook", b.toString());
  }

  @GET
  @Path("{path: .+}")
  @Operation(hidden = true)
  public Response get(
      @PathParam("path") String path, @Context UriInfo uri, @Context HttpHeaders h) {
    return forward("GET", uri, h, "");
  }

  @POST
  @Path("{path: .+}")
  @Operation(hidden = true)
  public Response post(
      @PathParam("path") String path, @Context UriInfo uri, @Context HttpHeaders h, String body) {
    return forward("POST", uri, h, body);
  }

  @PUT
  @Path("{path: .+}")
  @Operation(hidden = true)
  public Response put(
      @PathParam("path") String path, @Context UriInfo uri, @Context HttpHeaders h, String body) {
    return forward("PUT", uri, h, body);
  }

  @DELETE
  @Path("{path: .+}")
  @Operation(hidden = true)
  public Response delete(
      @PathParam("path") String path, @Context UriInfo uri, @Context HttpHeaders h) {
    return forward("DELETE", uri, h, "");
  }

  private Response forward(String method, UriInfo uri, HttpHeaders h, String body) {
    PlatformEmulator lms = lms();
    Map<String, String> headers = new HashMap<>();
    h.getRequestHeaders()
        .forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v.get(0)));
    PlatformResponse r = lms.handle(method, uri.getRequestUri(), headers, body);
    Response.ResponseBuilder out = Response.status(r.status()).entity(r.body());
    r.headers().forEach(out::header);
    return out.build();
  }

  private PlatformEmulator lms() {
    return devLms
        .emulator()
        .orElseThrow(
            () ->
                new NotFoundException(
                    "The LMS emulator is only on in demo mode (visiongrade.demo=true)."));
  }

  /** The course named by {@code ?course=}, the first one when absent; 404 when unknown. */
  private static EmulatedCourse course(PlatformEmulator lms, String courseId) {
    if (courseId == null || courseId.isBlank()) {
      return lms.courses().get(0);
    }
    return lms.course(courseId)
        .orElseThrow(() -> new NotFoundException("The dev LMS has no course " + courseId + "."));
  }

  private static String enc(String s) {
    return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
  }

  private static EmulatedUser teacher(PlatformEmulator lms, EmulatedCourse course) {
    return lms.users(course.id()).get(0);
  }

  private static Response badRequest(String message) {
    return Response.status(400)
        .type(MediaType.TEXT_HTML_TYPE)
        .entity(Page.error("Dev LMS", message))
        .build();
  }
}
