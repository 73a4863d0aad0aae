package io.visiongrade.web.app;

import static io.visiongrade.web.Page.e;

import io.visiongrade.lms.application.CourseCatalog;
import io.visiongrade.lms.domain.DomainException;
import io.visiongrade.lms.domain.course.Course;
import io.visiongrade.lms.domain.course.Exercise;
import io.visiongrade.lms.infrastructure.lti.LaunchSession;
import io.visiongrade.lms.lti.ToolConfiguration;
import io.visiongrade.lms.lti.deeplinking.DeepLinkingResponseBuilder;
import io.visiongrade.lms.lti.deeplinking.ResourceLinkItem;
import io.visiongrade.web.Page;
import io.visiongrade.web.pages.Layout;
import io.visiongrade.web.pages.Messages;
import io.visiongrade.web.pages.PageContext;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The landing page of a launch and the Deep Linking exercise picker. */
@Path("app")
@Produces(MediaType.TEXT_HTML + ";charset=utf-8")
public class AppResource {

  @Inject Sessions sessions;
  @Inject CourseCatalog catalog;
  @Inject DeepLinkingResponseBuilder deepLinking;
  @Inject ToolConfiguration tool;

  @GET
  @Path("home")
  @Operation(hidden = true)
  public String home(
      @QueryParam("session") String token,
      @Context HttpHeaders headers,
      @Context HttpServletRequest request) {
    LaunchSession s = sessions.require(token, headers);
    PageContext ctx = PageContext.of(s, token, request.getContextPath());
    Messages m = ctx.msg();
    Course course = catalog.courseOf(s);
    StringBuilder body = new StringBuilder();
    body.append("<h1>")
        .append(e(course.getTitle()))
        .append("</h1>\n<p class=\"lead\">")
        .append(
            m.html(
                "home.signedIn",
                "<strong id=\"user\">"
                    + e(s.displayName().orElse(m.get("nav.anonymous")))
                    + "</strong>",
                "<span id=\"role\">"
                    + e(s.role().name().toLowerCase(Locale.ROOT).replace('_', '-'))
                    + "</span>"))
        .append("</p>\n");
    Optional<Exercise> exercise = s.exerciseRef().flatMap(ref -> exerciseOf(s, ref));
    if (exercise.isPresent()) {
      Exercise x = exercise.get();
      body.append("<div class=\"card\" id=\"exercise\"><h2>")
          .append(e(x.getTitle()))
          .append("</h2><p>")
          .append(m.e("home.kind." + x.getKind().name()))
          .append(" · ")
          .append(m.e("common.points", formatScore(x.getMaxScore())))
          .append("</p><p><a class=\"button\" id=\"open-exercise\" href=\"")
          .append(ctx.href(exercisePath(s, x)))
          .append("\">")
          .append(m.e("home.open"))
          .append("</a></p></div>\n");
    } else if (s.exerciseRef().isPresent()) {
      body.append("<p class=\"error\" role=\"alert\">")
          .append(m.e("home.missingExercise"))
          .append("</p>\n");
    }
    if (s.isTeacher()) {
      List<Exercise> all = catalog.exercises(s);
      body.append("<h2>").append(m.e("home.exercises")).append("</h2>\n");
      body.append(exerciseList(ctx, all));
    }
    return Layout.page(ctx, course.getTitle(), "app/home", body.toString());
  }

  /** The page of one exercise: the teacher's settings page or the student's exercise page. */
  static String exercisePath(LaunchSession s, Exercise x) {
    return (s.isTeacher() ? "app/teach/exercises/" : "app/exercises/") + x.getId();
  }

  @GET
  @Path("deep-link")
  @Operation(hidden = true)
  public String picker(@QueryParam("session") String token, @Context HttpHeaders headers) {
    LaunchSession s = requireDeepLinkingTeacher(token, headers);
    Course course = catalog.courseOf(s);
    List<Exercise> all = catalog.exercises(s);
    StringBuilder body = new StringBuilder();
    body.append("<h1>Add a VisionGrade exercise</h1>\n<p class=\"lead\">to ")
        .append(e(course.getTitle()))
        .append("</p>\n");
    if (!all.isEmpty()) {
      body.append("<h2>Place an existing exercise</h2>\n");
      for (Exercise x : all) {
        body.append("<form method=\"post\" class=\"card\" action=\"deep-link\">")
            .append(hidden("session", token))
            .append(hidden("exercise", x.getId().toString()))
            .append("<strong>")
            .append(e(x.getTitle()))
            .append("</strong> · ")
            .append(e(formatScore(x.getMaxScore())))
            .append(" points <button type=\"submit\">Place</button></form>\n");
      }
    }
    body.append("<h2>Create a new exercise</h2>\n")
        .append("<form method=\"post\" class=\"card\" action=\"deep-link\" id=\"create\">")
        .append(hidden("session", token))
        .append("<label for=\"title\">Title</label>")
        .append("<input id=\"title\" name=\"title\" required maxlength=\"")
        .append(Exercise.MAX_TITLE)
        .append("\" size=\"40\">")
        .append("<label for=\"kind\">Kind</label><select id=\"kind\" name=\"kind\">")
        .append("<option value=\"IMAGE_ANSWER\">Image answer (students upload or draw)</option>")
        .append(
            "<option value=\"CLASSIFIER_CHALLENGE\">Build a classifier (students submit a"
                + " model)</option></select>")
        .append("<label for=\"maxScore\">Maximum score</label>")
        .append(
            "<input id=\"maxScore\" name=\"maxScore\" type=\"number\" min=\"1\" max=\"10000\""
                + " step=\"any\" value=\"100\" required>")
        .append("<div><button type=\"submit\">Create and place</button></div></form>\n");
    return Page.of("Add an exercise", body.toString());
  }

  @POST
  @Path("deep-link")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Operation(hidden = true)
  public Response choose(
      @FormParam("session") String token,
      @FormParam("exercise") String exerciseId,
      @FormParam("title") String title,
      @FormParam("kind") String kind,
      @FormParam("maxScore") String maxScore,
      @Context HttpHeaders headers) {
    LaunchSession s = requireDeepLinkingTeacher(token, headers);
    Exercise chosen;
    if (exerciseId != null && !exerciseId.isBlank()) {
      chosen = catalog.exercise(s, parseId(exerciseId));
    } else {
      chosen = catalog.createExercise(s, parseKind(kind), title, parseScore(maxScore));
    }
    String html =
        deepLinking
            .build(
                s.deepLinkingRequest(),
                List.of(
                    ResourceLinkItem.forExercise(
                        chosen.getTitle(),
                        tool.launchUrl(),
                        chosen.getId().toString(),
                        chosen.getMaxScore())),
                Optional.of("Placed \u201c" + chosen.getTitle() + "\u201d"))
            .autoSubmitHtml();
    return Response.ok(html, MediaType.TEXT_HTML_TYPE.withCharset("utf-8"))
        .header("Cache-Control", "no-store")
        .build();
  }

  private LaunchSession requireDeepLinkingTeacher(String token, HttpHeaders headers) {
    LaunchSession s = sessions.require(token, headers);
    if (!s.isDeepLinking()) {
      throw new DomainException.Invalid(
          "This page answers a Deep Linking request; open it through your LMS's \"add activity\""
              + " for VisionGrade.");
    }
    if (!s.isTeacher()) {
      throw new DomainException.Forbidden("Only the course's teachers can place exercises");
    }
    return s;
  }

  private Optional<Exercise> exerciseOf(LaunchSession s, String ref) {
    try {
      return Optional.of(catalog.exercise(s, Long.parseLong(ref)));
    } catch (NumberFormatException | DomainException.NotFound e) {
      return Optional.empty();
    }
  }

  private static String exerciseList(PageContext ctx, List<Exercise> all) {
    if (all.isEmpty()) {
      return "<p>" + ctx.msg().e("home.noExercises") + "</p>\n";
    }
    StringBuilder sb = new StringBuilder("<ul id=\"exercises\">\n");
    for (Exercise x : all) {
      sb.append("<li><a href=\"")
          .append(ctx.href(exercisePath(ctx.session(), x)))
          .append("\">")
          .append(e(x.getTitle()))
          .append("</a> <span class=\"muted\">")
          .append(ctx.msg().e("home.kind." + x.getKind().name()))
          .append("</span></li>\n");
    }
    return sb.append("</ul>\n").toString();
  }

  private static long parseId(String id) {
    try {
      return Long.parseLong(id.strip());
    } catch (NumberFormatException ex) {
      throw new DomainException.Invalid("exercise must be a number, got \"" + id + "\"");
    }
  }

  private static Exercise.Kind parseKind(String kind) {
    try {
      return Exercise.Kind.valueOf(kind == null ? "" : kind.strip());
    } catch (IllegalArgumentException ex) {
      throw new DomainException.Invalid(
          "kind must be IMAGE_ANSWER or CLASSIFIER_CHALLENGE, got \"" + kind + "\"");
    }
  }

  private static double parseScore(String score) {
    try {
      return Double.parseDouble(score == null ? "" : score.strip());
    } catch (NumberFormatException ex) {
      throw new DomainException.Invalid("maxScore must be a number, got \"" + score + "\"");
    }
  }

  private static String hidden(String name, String value) {
    return "<input type=\"hidden\" name=\"" + e(name) + "\" value=\"" + e(value) + "\">";
  }

  private static String formatScore(double score) {
    return score == Math.rint(score) ? Long.toString((long) score) : Double.toString(score);
  }
}
