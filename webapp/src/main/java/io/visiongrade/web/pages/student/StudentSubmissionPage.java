package io.visiongrade.web.pages.student;

import static io.visiongrade.web.Page.e;

import io.visiongrade.lms.application.ChallengeSubmissions;
import io.visiongrade.lms.application.CourseCatalog;
import io.visiongrade.lms.application.JobQueue;
import io.visiongrade.lms.application.Leaderboard;
import io.visiongrade.lms.domain.DomainException;
import io.visiongrade.lms.domain.course.Exercise;
import io.visiongrade.lms.domain.grading.Rubric;
import io.visiongrade.lms.domain.submission.Submission;
import io.visiongrade.lms.domain.submission.SubmissionRepository;
import io.visiongrade.lms.domain.submission.SubmissionResults;
import io.visiongrade.lms.infrastructure.lti.LaunchSession;
import io.visiongrade.web.app.Sessions;
import io.visiongrade.web.pages.Charts;
import io.visiongrade.web.pages.Layout;
import io.visiongrade.web.pages.Messages;
import io.visiongrade.web.pages.PageContext;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The page of one classifier-challenge submission: live progress while it is queued or running (the
 * script connects to the submission's event stream, also after a reload), and once graded the score
 * and how the rubric computed it, training curves, confusion matrices, per-class precision and
 * recall, the misclassified validation images, the history of attempts and the pseudonymous
 * leaderboard. The submission's student and the course's teachers may open it.
 */
@Path("app/submissions")
@Produces(MediaType.TEXT_HTML + ";charset=utf-8")
public class StudentSubmissionPage {

  @Inject Sessions sessions;
  @Inject CourseCatalog catalog;
  @Inject ChallengeSubmissions submissions;
  @Inject SubmissionRepository repository;
  @Inject MisclassifiedImages misclassified;
  @Inject Leaderboard leaderboard;
  @Inject JobQueue jobs;

  @GET
  @Path("{id}")
  @Operation(hidden = true)
  public Response page(
      @PathParam("id") long id,
      @QueryParam("session") String token,
      @Context HttpHeaders headers,
      @Context HttpServletRequest request) {
    LaunchSession s = sessions.require(token, headers);
    PageContext ctx = PageContext.of(s, token, request.getContextPath());
    Messages m = ctx.msg();
    Submission sub = misclassified.visible(s, id);
    Exercise x = catalog.exercise(s, sub.exerciseId());
    Instant now = submissions.now();
    boolean own = sub.userId().equals(s.userId().orElse(null));
    StringBuilder body = new StringBuilder();
    body.append("<p><a href=\"")
        .append(ctx.href((s.isTeacher() ? "app/teach/exercises/" : "app/exercises/") + x.getId()))
        .append("\">← ")
        .append(e(x.getTitle()))
        .append("</a></p>\n<h1>")
        .append(m.e("student.result.title", sub.requireId()))
        .append("</h1>\n<p class=\"lead\">")
        .append(m.e("student.kind." + sub.kind().name()))
        .append(" · ")
        .append(Format.time(m, sub.submittedAt()))
        .append(
            sub.late() ? " · <span class=\"badge warn\">" + m.e("student.late") + "</span>" : "")
        .append(" · <span id=\"sub-status\" class=\"badge ")
        .append(statusClass(sub.status()))
        .append("\">")
        .append(m.e("student.status." + sub.status().name()))
        .append("</span></p>\n");
    switch (sub.status()) {
      case QUEUED, RUNNING -> body.append(progress(ctx, sub, own));
      case FAILED, CANCELLED ->
          body.append("<p class=\"alert-bad\" id=\"failure\">")
              .append(e(sub.failure().orElse(m.get("student.status." + sub.status().name()))))
              .append(
                  sub.status() == Submission.Status.FAILED && !sub.charged()
                      ? " " + m.e("student.notCharged")
                      : "")
              .append("</p>\n");
      case GRADED -> body.append(results(ctx, s, sub, x, now));
      default -> {}
    }
    body.append("<h2>").append(m.e("student.attempts.history")).append("</h2>\n");
    body.append(
        attemptsTable(ctx, repository.forStudent(x.getId(), sub.userId()), sub.requireId()));
    body.append(leaderboard(ctx, x, s));
    body.append(
        Texts.block(
            m,
            "student.progress.queued",
            "student.progress.queuedNoPos",
            "student.progress.running",
            "student.progress.epoch",
            "student.progress.phase",
            "student.progress.eta",
            "student.progress.speed",
            "student.progress.cancelled",
            "student.progress.done"));
    return Response.ok(
            Layout.page(
                ctx,
                m.get("student.result.title", sub.requireId()),
                null,
                body.toString(),
                List.of("student-submission.js")))
        .header("Cache-Control", "no-store")
        .build();
  }

  // ---------------------------------------------------------------- live progress

  private String progress(PageContext ctx, Submission sub, boolean own) {
    Messages m = ctx.msg();
    int position = 0;
    if (sub.status() == Submission.Status.QUEUED && sub.jobId() != null) {
      try {
        position = jobs.position(sub.jobId());
      } catch (DomainException.NotFound gone) {
        position = 0;
      }
    }
    StringBuilder sb = new StringBuilder();
    sb.append("<section class=\"card student-progress\" id=\"progress\" data-submission=\"")
        .append(sub.requireId())
        .append("\" data-status=\"")
        .append(sub.status().name())
        .append("\" aria-labelledby=\"progress-h\"><h2 id=\"progress-h\">")
        .append(m.e("student.progress.title"))
        .append("</h2><p id=\"progress-text\" aria-live=\"polite\">")
        .append(
            sub.status() == Submission.Status.QUEUED
                ? position > 0
                    ? m.e("student.progress.queued", position)
                    : m.e("student.progress.queuedNoPos")
                : m.e("student.progress.running"))
        .append("</p><label for=\"progress-bar\">")
        .append(m.e("student.progress.bar"))
        .append("</label><progress id=\"progress-bar\" max=\"1\"></progress>")
        .append("<p class=\"row\"><span id=\"progress-epoch\"></span>")
        .append("<span id=\"progress-eta\"></span><span id=\"progress-speed\"></span></p>")
        .append("<div class=\"grid\"><figure><svg id=\"live-loss\" class=\"chart student-live\"")
        .append(" viewBox=\"0 0 360 160\" role=\"img\" aria-label=\"")
        .append(m.e("student.progress.lossCurve"))
        .append("\"></svg><figcaption>")
        .append(m.e("student.progress.lossCurve"))
        .append("</figcaption></figure><figure><svg id=\"live-acc\" class=\"chart student-live\"")
        .append(" viewBox=\"0 0 360 160\" role=\"img\" aria-label=\"")
        .append(m.e("student.progress.accCurve"))
        .append("\"></svg><figcaption>")
        .append(m.e("student.progress.accCurve"))
        .append("</figcaption></figure></div>");
    if (own) {
      sb.append("<button type=\"button\" class=\"danger\" id=\"cancel\">")
          .append(m.e("student.progress.cancel"))
          .append("</button>");
    }
    sb.append("<div id=\"progress-error\" hidden></div>")
        .append("<noscript><p>")
        .append(m.e("student.progress.noscript"))
        .append("</p></noscript></section>\n");
    return sb.toString();
  }

  // ---------------------------------------------------------------- results

  private String results(
      PageContext ctx, LaunchSession s, Submission sub, Exercise x, Instant now) {
    Messages m = ctx.msg();
    SubmissionResults r = sub.results().orElseThrow();
    JsonObject metrics =
        StudentExercisePage.parseObject(r.metricsJson()).orElse(JsonValue.EMPTY_JSON_OBJECT);
    JsonObject test = object(metrics, "publicTest");
    JsonObject val = object(metrics, "validation");
    StringBuilder sb = new StringBuilder();
    Optional<Instant> due = x.dueFor(sub.userId());
    boolean afterDue = due.isPresent() && now.isAfter(due.get());
    double points = r.pointsAt(now, due);
    boolean privateShown = afterDue && r.privateMetric() != null;
    double value = privateShown ? r.privateMetric() : r.publicMetric();
    int classes = Math.max(2, strings(test, "classes").size());
    Rubric rubric = x.rubric();
    double baseline = rubric.baselineFor(classes);
    double target = rubric.targetFor(classes, OptionalDouble.empty());
    double raw = rubric.points(clamp01(value), classes, OptionalDouble.empty(), x.getMaxScore());
    String metricName = m.get("student.metric." + rubric.metric().name());
    sb.append("<section class=\"card student-score\" id=\"score\"><h2>")
        .append(m.e("student.score.title"))
        .append("</h2><p class=\"student-points\"><strong id=\"points\">")
        .append(e(Format.score(points)))
        .append("</strong> / ")
        .append(e(Format.score(x.getMaxScore())))
        .append("</p><ol class=\"student-rubric\" id=\"rubric\"><li>")
        .append(
            m.e(
                privateShown
                    ? "student.score.valuePrivate"
                    : x.blindPhase().isPresent()
                        ? "student.score.valuePublic"
                        : "student.score.value",
                metricName,
                Format.metric(value)))
        .append("</li><li>")
        .append(
            m.e(
                "student.score.rubric",
                Format.metric(baseline),
                Format.metric(target),
                Format.score(x.getMaxScore()),
                Format.score(raw)))
        .append("</li>");
    if (r.penaltyPercent() > 0) {
      sb.append("<li>")
          .append(m.e("student.score.late", Format.score(r.penaltyPercent()), Format.score(points)))
          .append("</li>");
    }
    sb.append("</ol>");
    if (x.blindPhase().isPresent() && !afterDue) {
      sb.append("<p class=\"hint\">").append(m.e("student.score.blind")).append("</p>");
    }
    sb.append(
        "<p class=\"hint\">"
            + m.e("student.score.selection", m.get("student.selection." + x.attemptSelection()))
            + "</p>");
    sub.passbackNote()
        .ifPresent(
            n -> sb.append("<p class=\"hint\" id=\"passback\">").append(e(n)).append("</p>"));
    sb.append("</section>\n");

    // Curves.
    JsonArray epochs = array(metrics, "epochs");
    if (!epochs.isEmpty()) {
      sb.append("<h2>").append(m.e("student.curves")).append("</h2><div class=\"grid\">");
      sb.append(
          Charts.lines(
              m,
              m.get("student.curves.loss"),
              m.get("student.curves.lossAxis"),
              List.of(
                  new Charts.Series(
                      m.get("student.curves.train"),
                      Charts.PALETTE.get(0),
                      series(epochs, "trainLoss")),
                  new Charts.Series(
                      m.get("student.curves.validation"),
                      Charts.PALETTE.get(1),
                      series(epochs, "validationLoss")))));
      sb.append(
          Charts.lines(
              m,
              m.get("student.curves.accuracy"),
              m.get("student.curves.accuracyAxis"),
              List.of(
                  new Charts.Series(
                      m.get("student.curves.train"),
                      Charts.PALETTE.get(0),
                      series(epochs, "trainAccuracy")),
                  new Charts.Series(
                      m.get("student.curves.validation"),
                      Charts.PALETTE.get(1),
                      series(epochs, "validationAccuracy")))));
      sb.append("</div>\n");
      if (metrics.get("stopReason") instanceof jakarta.json.JsonString stop) {
        sb.append("<p class=\"hint\">")
            .append(m.e("student.curves.stop", stop.getString()))
            .append("</p>\n");
      }
    }

    // Confusion matrices and per-class table.
    sb.append("<div class=\"grid\">");
    for (var part :
        List.of(
            List.of("validation", "student.part.validation"),
            List.of(
                "publicTest",
                x.blindPhase().isPresent() ? "student.part.publicTest" : "student.part.test"))) {
      JsonObject o = object(metrics, part.get(0));
      if (o.isEmpty()) {
        continue;
      }
      List<String> names = strings(o, "classes");
      JsonArray conf = array(o, "confusion");
      sb.append("<figure class=\"student-confusion\" id=\"confusion-")
          .append(part.get(0))
          .append("\"><figcaption>")
          .append(m.e("student.confusion", m.get(part.get(1)), count(o)))
          .append("</figcaption>");
      if (conf.size() == names.size() && !names.isEmpty()) {
        long[][] matrix = new long[names.size()][];
        boolean ok = true;
        for (int i = 0; i < names.size(); i++) {
          JsonArray row = conf.get(i) instanceof JsonArray a ? a : JsonValue.EMPTY_JSON_ARRAY;
          if (row.size() != names.size()) {
            ok = false;
            break;
          }
          matrix[i] = new long[names.size()];
          for (int j = 0; j < names.size(); j++) {
            matrix[i][j] = row.getJsonNumber(j).longValue();
          }
        }
        if (ok) {
          sb.append(Charts.confusionMatrix(m, names, matrix));
        }
      }
      sb.append("</figure>");
    }
    sb.append("</div>\n");
    JsonObject table = !test.isEmpty() ? test : val;
    JsonArray perClass = array(table, "perClass");
    if (!perClass.isEmpty()) {
      sb.append("<h2>")
          .append(
              m.e(
                  "student.perClass",
                  m.get(
                      table == test
                          ? (x.blindPhase().isPresent()
                              ? "student.part.publicTest"
                              : "student.part.test")
                          : "student.part.validation")))
          .append(
              "</h2><div class=\"table-wrap\"><table id=\"per-class\"><thead><tr><th scope=\"col\">")
          .append(m.e("student.col.class"))
          .append("</th><th scope=\"col\" class=\"num\">")
          .append(m.e("student.col.precision"))
          .append("</th><th scope=\"col\" class=\"num\">")
          .append(m.e("student.col.recall"))
          .append("</th><th scope=\"col\" class=\"num\">F1</th><th scope=\"col\" class=\"num\">")
          .append(m.e("student.col.support"))
          .append("</th></tr></thead><tbody>");
      for (JsonValue v : perClass) {
        if (!(v instanceof JsonObject c)) {
          continue;
        }
        sb.append("<tr><th scope=\"row\">")
            .append(e(c.getString("class", "")))
            .append("</th><td class=\"num\">")
            .append(num(c, "precision"))
            .append("</td><td class=\"num\">")
            .append(num(c, "recall"))
            .append("</td><td class=\"num\">")
            .append(num(c, "f1"))
            .append("</td><td class=\"num\">")
            .append(c.containsKey("support") ? c.get("support").toString() : "")
            .append("</td></tr>");
      }
      sb.append("</tbody></table></div>\n");
    }

    // Gallery of misclassified validation images.
    List<MisclassifiedImages.Item> wrong =
        misclassified.of(s, sub, MisclassifiedImages.MAX_GALLERY);
    int total = array(val, "misclassifiedIds").size();
    if (!val.isEmpty()) {
      sb.append("<h2>").append(m.e("student.gallery")).append("</h2>\n");
      if (wrong.isEmpty()) {
        sb.append("<p id=\"gallery\">").append(m.e("student.gallery.none")).append("</p>\n");
      } else {
        sb.append("<p class=\"hint\">")
            .append(m.e("student.gallery.hint", wrong.size(), total))
            .append("</p><ul class=\"gallery\" id=\"gallery\">");
        for (MisclassifiedImages.Item item : wrong) {
          String alt =
              item.predictedClass() == null
                  ? m.get("student.gallery.altTrue", item.trueClass())
                  : m.get("student.gallery.alt", item.trueClass(), item.predictedClass());
          sb.append("<li><img class=\"thumb\" loading=\"lazy\" src=\"")
              .append(
                  ctx.href(
                      "api/course/submissions/"
                          + sub.requireId()
                          + "/validation-images?image="
                          + URLEncoder.encode(item.id(), StandardCharsets.UTF_8)))
              .append("\" alt=\"")
              .append(e(alt))
              .append("\"><br><span>")
              .append(m.e("student.gallery.true", item.trueClass()))
              .append("</span><br><span>")
              .append(
                  item.predictedClass() == null
                      ? m.e("student.gallery.predictedUnknown")
                      : m.e("student.gallery.predicted", item.predictedClass()))
              .append("</span>");
          if (item.heatMap() && item.predictedClass() != null) {
            // Stored while grading: the Grad-CAM overlay of the predicted class.
            sb.append("<br><img class=\"thumb heatmap\" loading=\"lazy\" src=\"")
                .append(
                    ctx.href(
                        "api/course/submissions/"
                            + sub.requireId()
                            + "/validation-images?heatmap=true&image="
                            + URLEncoder.encode(item.id(), StandardCharsets.UTF_8)))
                .append("\" alt=\"")
                .append(
                    e(m.get("student.gallery.heatmapAlt", item.trueClass(), item.predictedClass())))
                .append("\"><br><span class=\"heatmap-caption\">")
                .append(m.e("student.gallery.heatmap", item.predictedClass()))
                .append("</span>");
          }
          sb.append("</li>");
        }
        sb.append("</ul>\n");
      }
    }
    return sb.toString();
  }

  // ---------------------------------------------------------------- history and leaderboard

  /** The attempts table (safe HTML); {@code current} is marked, -1 for none. */
  static String attemptsTable(PageContext ctx, List<Submission> all, long current) {
    Messages m = ctx.msg();
    if (all.isEmpty()) {
      return "<p id=\"attempts-history\">" + m.e("common.none") + "</p>\n";
    }
    List<Submission> sorted = new ArrayList<>(all);
    sorted.sort((a, b) -> b.submittedAt().compareTo(a.submittedAt()));
    Instant now = Instant.now();
    StringBuilder sb = new StringBuilder();
    sb.append(
            "<div class=\"table-wrap\"><table id=\"attempts-history\"><thead><tr><th scope=\"col\">")
        .append(m.e("student.col.attempt"))
        .append("</th><th scope=\"col\">")
        .append(m.e("student.col.when"))
        .append("</th><th scope=\"col\">")
        .append(m.e("student.col.kind"))
        .append("</th><th scope=\"col\">")
        .append(m.e("student.col.status"))
        .append("</th><th scope=\"col\" class=\"num\">")
        .append(m.e("student.col.metric"))
        .append("</th><th scope=\"col\" class=\"num\">")
        .append(m.e("student.col.points"))
        .append("</th></tr></thead><tbody>");
    for (Submission t : sorted) {
      boolean here = t.requireId() == current;
      sb.append("<tr")
          .append(here ? " aria-current=\"true\" class=\"student-current\"" : "")
          .append("><td><a href=\"")
          .append(ctx.href("app/submissions/" + t.requireId()))
          .append("\">#")
          .append(t.requireId())
          .append("</a></td><td>")
          .append(Format.time(m, t.submittedAt()))
          .append(t.late() ? " <span class=\"badge warn\">" + m.e("student.late") + "</span>" : "")
          .append("</td><td>")
          .append(m.e("student.kind." + t.kind().name()))
          .append("</td><td><span class=\"badge ")
          .append(statusClass(t.status()))
          .append("\">")
          .append(m.e("student.status." + t.status().name()))
          .append("</span></td><td class=\"num\">")
          .append(t.results().map(r -> Format.metric(r.publicMetric())).orElse("–"))
          .append("</td><td class=\"num\">")
          .append(t.results().map(r -> Format.score(r.publicPoints())).orElse("–"))
          .append("</td></tr>");
    }
    return sb.append("</tbody></table></div>\n").toString();
  }

  private String leaderboard(PageContext ctx, Exercise x, LaunchSession s) {
    Messages m = ctx.msg();
    List<Leaderboard.Row> rows = leaderboard.of(x, s.userId().orElse(null));
    StringBuilder sb =
        new StringBuilder("<h2>").append(m.e("student.leaderboard")).append("</h2>\n");
    if (rows.isEmpty()) {
      return sb.append("<p id=\"leaderboard\">")
          .append(m.e("common.none"))
          .append("</p>\n")
          .toString();
    }
    sb.append("<p class=\"hint\">")
        .append(m.e("student.leaderboard.hint"))
        .append(
            "</p><div class=\"table-wrap\"><table id=\"leaderboard\"><thead><tr><th scope=\"col\" class=\"num\">")
        .append(m.e("student.col.rank"))
        .append("</th><th scope=\"col\">")
        .append(m.e("student.col.pseudonym"))
        .append("</th><th scope=\"col\" class=\"num\">")
        .append(m.e("student.col.metric"))
        .append("</th><th scope=\"col\" class=\"num\">")
        .append(m.e("student.col.points"))
        .append("</th></tr></thead><tbody>");
    for (Leaderboard.Row r : rows) {
      sb.append("<tr")
          .append(r.you() ? " class=\"student-current\"" : "")
          .append("><td class=\"num\">")
          .append(r.rank())
          .append("</td><td>")
          .append(e(r.pseudonym()))
          .append(
              r.you() ? " <span class=\"badge\">" + m.e("student.leaderboard.you") + "</span>" : "")
          .append("</td><td class=\"num\">")
          .append(r.metric() == null ? "–" : Format.metric(r.metric()))
          .append("</td><td class=\"num\">")
          .append(e(Format.score(r.points())))
          .append("</td></tr>");
    }
    return sb.append("</tbody></table></div>\n").toString();
  }

  // ---------------------------------------------------------------- helpers

  static String statusClass(Submission.Status status) {
    return switch (status) {
      case GRADED -> "ok";
      case FAILED -> "bad";
      case CANCELLED -> "";
      default -> "warn";
    };
  }

  private static JsonObject object(JsonObject o, String key) {
    return o.get(key) instanceof JsonObject x ? x : JsonValue.EMPTY_JSON_OBJECT;
  }

  private static JsonArray array(JsonObject o, String key) {
    return o.get(key) instanceof JsonArray x ? x : JsonValue.EMPTY_JSON_ARRAY;
  }

  private static List<String> strings(JsonObject o, String key) {
    List<String> out = new ArrayList<>();
    for (JsonValue v : array(o, key)) {
      if (v instanceof jakarta.json.JsonString str) {
        out.add(str.getString());
      }
    }
    return out;
  }

  private static List<Double> series(JsonArray epochs, String key) {
    List<Double> out = new ArrayList<>();
    for (JsonValue v : epochs) {
      out.add(
          v instanceof JsonObject o && o.get(key) instanceof JsonNumber n ? n.doubleValue() : null);
    }
    return out;
  }

  private static String num(JsonObject o, String key) {
    return o.get(key) instanceof JsonNumber n
        ? String.format(Locale.ROOT, "%.3f", n.doubleValue())
        : "–";
  }

  private static int count(JsonObject o) {
    return o.get("count") instanceof JsonNumber n ? n.intValue() : 0;
  }

  private static double clamp01(double v) {
    return Double.isNaN(v) ? 0 : Math.max(0, Math.min(1, v));
  }
}
