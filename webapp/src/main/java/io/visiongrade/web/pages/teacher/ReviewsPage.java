package io.visiongrade.web.pages.teacher;

import static io.visiongrade.web.Page.e;

import io.visiongrade.lms.application.ExerciseSetup;
import io.visiongrade.lms.application.ReviewQueue;
import io.visiongrade.lms.domain.DomainException;
import io.visiongrade.lms.domain.answer.ImageAnswer;
import io.visiongrade.lms.domain.answer.Review;
import io.visiongrade.lms.domain.course.ImagePrompt;
import io.visiongrade.lms.domain.dataset.Dataset;
import io.visiongrade.lms.infrastructure.lti.LaunchSession;
import io.visiongrade.web.app.Sessions;
import io.visiongrade.web.pages.Layout;
import io.visiongrade.web.pages.Messages;
import io.visiongrade.web.pages.PageContext;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
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
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The review queue: each image answer the course model left undecided, with its image, the class
 * the prompt expected and the model's guess with probabilities; accept, reject or relabel it (one
 * click, or A / R / L with the arrow keys to move, in {@code teacher-reviews.js}), optionally
 * adding it to the training data. Each decision is a plain form posting here without JavaScript.
 */
@Path("app/teach/reviews")
@Produces(MediaType.TEXT_HTML + ";charset=utf-8")
public class ReviewsPage {

  static final String NAV = "app/teach/reviews";

  @Inject Sessions sessions;
  @Inject ReviewQueue reviews;
  @Inject ExerciseSetup setup;

  @GET
  @Operation(hidden = true)
  public Response show(
      @QueryParam("session") String token,
      @QueryParam("done") String done,
      @Context HttpHeaders headers,
      @Context HttpServletRequest request) {
    LaunchSession s = sessions.require(token, headers);
    PageContext ctx = PageContext.of(s, token, request.getContextPath());
    if (!TeacherPages.isTeacher(s)) {
      return TeacherPages.forbidden(ctx);
    }
    return page(ctx, done, null, 200);
  }

  @POST
  @Path("{answerId}")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Operation(hidden = true)
  public Response decide(
      @PathParam("answerId") long answerId,
      @QueryParam("session") String queryToken,
      @FormParam("session") String formToken,
      @FormParam("verdict") String verdict,
      @FormParam("class") String relabel,
      @FormParam("addToTrainingData") String add,
      @Context HttpHeaders headers,
      @Context HttpServletRequest request) {
    String token = TeacherPages.token(queryToken, formToken);
    LaunchSession s = sessions.require(token, headers);
    PageContext ctx = PageContext.of(s, token, request.getContextPath());
    if (!TeacherPages.isTeacher(s)) {
      return TeacherPages.forbidden(ctx);
    }
    try {
      Review.Verdict v;
      try {
        v = Review.Verdict.valueOf(verdict == null ? "" : verdict.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException ex) {
        throw new DomainException.Invalid("verdict must be ACCEPT, REJECT or RELABEL");
      }
      boolean training = add != null && !add.isBlank() && v != Review.Verdict.REJECT;
      reviews.decide(s, answerId, v, v == Review.Verdict.RELABEL ? relabel : null, training);
      return TeacherPages.seeOther(ctx, "app/teach/reviews", "reviewed");
    } catch (DomainException.Invalid ex) {
      return page(ctx, null, ex.getMessage(), 200);
    }
  }

  private Response page(PageContext ctx, String done, String error, int status) {
    Messages m = ctx.msg();
    List<ImageAnswer> pending = reviews.pending(ctx.session());
    StringBuilder b = new StringBuilder();
    b.append("<h1>").append(m.e("teacher.rv.title")).append("</h1>\n");
    b.append("<p class=\"lead\">").append(m.e("teacher.rv.lead")).append("</p>\n");
    b.append(TeacherPages.notice(m, done));
    if (error != null) {
      b.append("<p class=\"error\" role=\"alert\">").append(e(error)).append("</p>\n");
    }
    b.append("<div class=\"card shortcuts\" id=\"shortcuts\"><h2>")
        .append(m.e("teacher.rv.keys"))
        .append("</h2><ul class=\"keys\">")
        .append("<li><kbd>A</kbd> ")
        .append(m.e("teacher.rv.key.accept"))
        .append("</li><li><kbd>R</kbd> ")
        .append(m.e("teacher.rv.key.reject"))
        .append("</li><li><kbd>L</kbd> ")
        .append(m.e("teacher.rv.key.relabel"))
        .append("</li><li><kbd>↑</kbd> <kbd>↓</kbd> ")
        .append(m.e("teacher.rv.key.move"))
        .append("</li></ul></div>\n");
    b.append("<p id=\"review-status\" role=\"status\" aria-live=\"polite\"")
        .append(
            TeacherPages.scriptMessages(
                m,
                "teacher.rv.",
                "decided",
                "decided.ACCEPT",
                "decided.REJECT",
                "decided.RELABEL",
                "count"))
        .append("></p>\n");
    b.append("<p id=\"queue-count\">")
        .append(m.e("teacher.rv.count", pending.size()))
        .append("</p>\n");
    if (pending.isEmpty()) {
      b.append("<p id=\"queue-empty\" class=\"alert-ok\" tabindex=\"-1\">")
          .append(m.e("teacher.rv.empty"))
          .append("</p>\n");
    } else {
      b.append("<p id=\"queue-empty\" class=\"alert-ok\" tabindex=\"-1\" hidden>")
          .append(m.e("teacher.rv.empty"))
          .append("</p>\n");
    }
    Map<Long, ExerciseSetup.Details> exercises = new HashMap<>();
    b.append("<ol id=\"queue\" class=\"review-list\">");
    for (ImageAnswer a : pending) {
      ExerciseSetup.Details d =
          exercises.computeIfAbsent(a.exerciseId(), id -> setup.details(ctx.session(), id));
      item(ctx, b, a, d);
    }
    b.append("</ol>\n");
    String html =
        Layout.page(
            ctx, m.get("teacher.rv.title"), NAV, b.toString(), List.of("teacher-reviews.js"));
    return Response.status(status)
        .type(TeacherPages.HTML)
        .header("Cache-Control", "no-store")
        .entity(html)
        .build();
  }

  private static void item(
      PageContext ctx, StringBuilder b, ImageAnswer a, ExerciseSetup.Details d) {
    Messages m = ctx.msg();
    long id = a.requireId();
    List<ImagePrompt> prompts = d.exercise().prompts();
    String promptText = a.promptIndex() < prompts.size() ? prompts.get(a.promptIndex()).text() : "";
    List<String> classes = new ArrayList<>(d.dataset().map(Dataset::classNames).orElse(List.of()));
    List<Guess> guesses = guesses(a.topClassesJson());
    for (Guess g : guesses) {
      if (!classes.contains(g.cls())) {
        classes.add(g.cls());
      }
    }
    String top = guesses.isEmpty() ? a.expectedClass() : guesses.get(0).cls();
    String relabelDefault =
        guesses.stream()
            .map(Guess::cls)
            .filter(c -> !c.equals(a.expectedClass()))
            .findFirst()
            .orElse(top);
    b.append("<li class=\"card review\" id=\"answer-")
        .append(id)
        .append("\" data-answer=\"")
        .append(id)
        .append("\" tabindex=\"-1\" aria-labelledby=\"answer-")
        .append(id)
        .append("-title\"><div class=\"review-media\"><img class=\"review-image\" width=\"160\"")
        .append(" height=\"160\" src=\"")
        .append(ctx.href("api/course/reviews/" + id + "/image"))
        .append("\" alt=\"")
        .append(m.e("teacher.rv.imageAlt", a.userId(), a.expectedClass()))
        .append("\"><figure><img class=\"review-image heatmap\" width=\"160\" height=\"160\"")
        .append(" loading=\"lazy\" src=\"")
        .append(ctx.href("api/course/reviews/" + id + "/heatmap.png"))
        .append("\" alt=\"")
        .append(m.e("teacher.rv.heatmapAlt", a.expectedClass()))
        .append("\"><figcaption>")
        .append(m.e("teacher.rv.heatmap"))
        .append("</figcaption></figure></div><div class=\"review-body\"><h2 id=\"answer-")
        .append(id)
        .append("-title\">")
        .append(m.e("teacher.rv.answer", id, d.exercise().getTitle()))
        .append("</h2><p>")
        .append(m.e("teacher.rv.prompt", promptText))
        .append("</p><p>")
        .append(
            m.html(
                "teacher.rv.expected",
                "<strong class=\"expected\">" + e(a.expectedClass()) + "</strong>",
                e(TeacherPages.percent(a.expectedProbability()))))
        .append("</p><p class=\"muted\">")
        .append(m.e("teacher.rv.meta", a.userId(), a.modelVersion()))
        .append(' ')
        .append(TeacherPages.when(m, a.submittedAt()))
        .append("</p><h3>")
        .append(m.e("teacher.rv.guess"))
        .append("</h3><dl class=\"bars\">");
    for (Guess g : guesses) {
      b.append("<dt>")
          .append(e(g.cls()))
          .append(g.cls().equals(a.expectedClass()) ? " ✓" : "")
          .append("</dt><dd><meter min=\"0\" max=\"1\" value=\"")
          .append(String.format(Locale.ROOT, "%.4f", g.p()))
          .append("\">")
          .append(e(TeacherPages.percent(g.p())))
          .append("</meter> ")
          .append(e(TeacherPages.percent(g.p())))
          .append("</dd>");
    }
    b.append("</dl><form method=\"post\" class=\"decide\" action=\"")
        .append(ctx.href("app/teach/reviews/" + id))
        .append("\">")
        .append(TeacherPages.sessionField(ctx))
        .append("<div class=\"row\"><button type=\"submit\" name=\"verdict\" value=\"ACCEPT\"")
        .append(" class=\"accept\">")
        .append(m.e("teacher.rv.accept"))
        .append(" <kbd>A</kbd></button><button type=\"submit\" name=\"verdict\" value=\"REJECT\"")
        .append(" class=\"danger reject\">")
        .append(m.e("teacher.rv.reject"))
        .append(" <kbd>R</kbd></button></div><div class=\"row\"><label for=\"relabel-")
        .append(id)
        .append("\" class=\"inline-label\">")
        .append(m.e("teacher.rv.relabelAs"))
        .append("</label><select id=\"relabel-")
        .append(id)
        .append("\" name=\"class\" class=\"relabel-class\">");
    for (String c : classes) {
      b.append("<option value=\"")
          .append(e(c))
          .append('"')
          .append(c.equals(relabelDefault) ? " selected" : "")
          .append('>')
          .append(e(c))
          .append("</option>");
    }
    b.append("</select><button type=\"submit\" name=\"verdict\" value=\"RELABEL\"")
        .append(" class=\"secondary relabel\">")
        .append(m.e("teacher.rv.relabel"))
        .append(" <kbd>L</kbd></button></div><label class=\"check\"><input type=\"checkbox\"")
        .append(" name=\"addToTrainingData\" value=\"on\" class=\"add-training\"> ")
        .append(m.e("teacher.rv.addTraining"))
        .append("</label></form></div></li>");
  }

  /** One of the model's most probable classes. */
  record Guess(String cls, double p) {}

  static List<Guess> guesses(String json) {
    List<Guess> out = new ArrayList<>();
    try (JsonReader r = Json.createReader(new StringReader(json))) {
      JsonArray a = r.readArray();
      for (JsonValue v : a) {
        if (v instanceof JsonObject o
            && o.get("class") != null
            && o.get("class").getValueType() == JsonValue.ValueType.STRING
            && o.get("probability") instanceof JsonNumber p) {
          out.add(new Guess(o.getString("class"), p.doubleValue()));
        }
      }
    } catch (JsonParsingException | ClassCastException ex) {
      // shown without the guesses
    }
    return out;
  }
}
