package io.visiongrade.web.pages.student;

import static io.visiongrade.web.Page.e;

import io.visiongrade.engine.spec.Presets;
import io.visiongrade.lms.application.ChallengeSubmissions;
import io.visiongrade.lms.application.CourseCatalog;
import io.visiongrade.lms.application.DatasetLibrary;
import io.visiongrade.lms.application.ImageAnswers;
import io.visiongrade.lms.domain.DomainException;
import io.visiongrade.lms.domain.answer.ImageAnswer;
import io.visiongrade.lms.domain.course.Exercise;
import io.visiongrade.lms.domain.course.ImagePrompt;
import io.visiongrade.lms.domain.course.SubmissionKind;
import io.visiongrade.lms.domain.dataset.Dataset;
import io.visiongrade.lms.domain.grading.StudentHistory;
import io.visiongrade.lms.domain.grading.SubmissionDecision;
import io.visiongrade.lms.domain.grading.SubmissionPolicy;
import io.visiongrade.lms.domain.submission.Grade;
import io.visiongrade.lms.domain.submission.GradeRepository;
import io.visiongrade.lms.domain.submission.Submission;
import io.visiongrade.lms.infrastructure.lti.LaunchSession;
import io.visiongrade.web.app.Sessions;
import io.visiongrade.web.pages.Layout;
import io.visiongrade.web.pages.Messages;
import io.visiongrade.web.pages.PageContext;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
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
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The student's page of an exercise: the task, the deadline and time left, attempts used and
 * allowed, when the next grading is allowed; then, by kind, the image answer (draw or upload per
 * prompt, the result with the model's top classes and heat map, the history of answers) or the
 * classifier challenge (spec editor with presets and live check, TorchScript/CSV upload, the
 * history of attempts). Teachers are redirected to their own page of the exercise.
 */
@Path("app/exercises")
@Produces(MediaType.TEXT_HTML + ";charset=utf-8")
public class StudentExercisePage {

  @Inject Sessions sessions;
  @Inject CourseCatalog catalog;
  @Inject ImageAnswers answers;
  @Inject ChallengeSubmissions submissions;
  @Inject GradeRepository grades;
  @Inject DatasetLibrary datasets;

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
    Exercise x = catalog.exercise(s, id);
    if (s.isTeacher()) {
      return Response.seeOther(URI.create(teacherPath(ctx, id))).build();
    }
    String user =
        s.userId()
            .orElseThrow(
                () -> new DomainException.Forbidden("This launch carries no user; launch again"));
    Messages m = ctx.msg();
    Instant now = submissions.now();
    StringBuilder body = new StringBuilder();
    body.append("<h1>")
        .append(e(x.getTitle()))
        .append("</h1>\n<p class=\"lead\">")
        .append(m.e("home.kind." + x.getKind().name()))
        .append(" · ")
        .append(m.e("common.points", Format.score(x.getMaxScore())))
        .append("</p>\n");
    if (x.getKind() == Exercise.Kind.IMAGE_ANSWER) {
      List<ImageAnswer> mine =
          answers.list(s).stream().filter(a -> a.exerciseId() == x.getId()).toList();
      List<Instant> attempts = mine.stream().map(ImageAnswer::submittedAt).toList();
      Optional<String> points =
          answers
              .grade(x.getId(), user)
              .map(
                  g ->
                      m.get(
                          "student.points.answers",
                          Format.score(g.points()),
                          g.accepted(),
                          g.prompts()));
      body.append(status(ctx, x, user, attempts, points, now));
      body.append(imageAnswer(ctx, x, mine));
    } else {
      List<Submission> mine =
          submissions.list(s).stream().filter(t -> t.exerciseId() == x.getId()).toList();
      List<Instant> attempts =
          mine.stream().filter(Submission::countsForPolicy).map(Submission::submittedAt).toList();
      Optional<Grade> grade = grades.find(x.getId(), user);
      Optional<String> points =
          grade.map(
              g ->
                  m.get(
                      "student.points.challenge",
                      Format.score(g.points()),
                      Format.score(g.maxPoints())));
      body.append(status(ctx, x, user, attempts, points, now));
      body.append(challenge(ctx, s, x, mine));
    }
    body.append(
        Texts.block(
            m,
            "student.answer.sending",
            "student.answer.result",
            "student.answer.saw",
            "student.answer.heatmap",
            "student.answer.points",
            "student.decision.ACCEPTED",
            "student.decision.REJECTED",
            "student.decision.REVIEW",
            "student.draw.empty",
            "student.spec.checking",
            "student.spec.valid",
            "student.spec.badJson",
            "student.spec.colLayer",
            "student.spec.colShape",
            "student.spec.colParams",
            "student.spec.remove",
            "student.spec.up",
            "student.left.passed",
            "student.left.days",
            "student.left.hours",
            "student.left.minutes"));
    return Response.ok(
            Layout.page(ctx, x.getTitle(), null, body.toString(), List.of("student-exercise.js")))
        .header("Cache-Control", "no-store")
        .build();
  }

  static String teacherPath(PageContext ctx, long id) {
    String url = ctx.base() + "app/teach/exercises/" + id;
    if (ctx.token() != null) {
      url += "?session=" + URLEncoder.encode(ctx.token(), StandardCharsets.UTF_8);
    }
    return url;
  }

  // ---------------------------------------------------------------- deadline, attempts, next

  private static String status(
      PageContext ctx,
      Exercise x,
      String user,
      List<Instant> attempts,
      Optional<String> points,
      Instant now) {
    Messages m = ctx.msg();
    SubmissionDecision d =
        SubmissionPolicy.check(x.submissionRules(), new StudentHistory(user, attempts), now);
    StringBuilder sb = new StringBuilder("<section class=\"card student-status\" id=\"status\"");
    sb.append(" aria-labelledby=\"status-h\"><h2 id=\"status-h\" class=\"visually-hidden\">")
        .append(m.e("student.status"))
        .append("</h2><dl class=\"student-facts\">");
    Optional<Instant> due = x.dueFor(user);
    sb.append("<div><dt>").append(m.e("student.deadline")).append("</dt><dd id=\"deadline\">");
    if (due.isPresent()) {
      sb.append(Format.time(m, due.get()))
          .append(" <span class=\"student-left\" id=\"time-left\" data-until=\"")
          .append(e(due.get().toString()))
          .append("\">")
          .append(e(Format.left(m, now, due.get())))
          .append("</span>");
      if (x.latePolicy().isPresent()) {
        sb.append("<br><span class=\"hint\">")
            .append(
                m.e(
                    "student.latePolicy",
                    Format.score(x.latePolicy().get().percentPerDay()),
                    Format.score(x.latePolicy().get().capPercent())))
            .append("</span>");
      }
    } else {
      sb.append(m.e("student.noDeadline"));
    }
    sb.append("</dd></div>");
    sb.append("<div><dt>").append(m.e("student.attempts")).append("</dt><dd id=\"attempts\">");
    sb.append(
        x.maxAttempts().isPresent()
            ? m.e("student.attempts.of", attempts.size(), x.maxAttempts().get())
            : m.e("student.attempts.unlimited", attempts.size()));
    if (x.dailyCap().isPresent()) {
      sb.append("<br><span class=\"hint\">")
          .append(m.e("student.attempts.daily", x.dailyCap().get()))
          .append("</span>");
    }
    sb.append("</dd></div>");
    sb.append("<div><dt>").append(m.e("student.next")).append("</dt><dd id=\"next-grading\"");
    if (d.retryAtInstant().isPresent()) {
      sb.append(" data-until=\"").append(e(d.retryAt().toString())).append('"');
    }
    sb.append('>');
    if (d.allowed()) {
      sb.append(m.e(d.late() ? "student.next.nowLate" : "student.next.now"));
    } else if (d.retryAtInstant().isPresent()) {
      sb.append(m.e("student.next.at"))
          .append(' ')
          .append(Format.time(m, d.retryAt()))
          .append(" <span class=\"student-left\" data-until=\"")
          .append(e(d.retryAt().toString()))
          .append("\">")
          .append(e(Format.left(m, now, d.retryAt())))
          .append("</span>");
    } else {
      sb.append(m.e("student.next.never"));
    }
    if (!d.message().isEmpty()) {
      sb.append("<br><span class=\"hint\">").append(e(d.message())).append("</span>");
    }
    sb.append("</dd></div>");
    sb.append("<div><dt>")
        .append(m.e("student.yourPoints"))
        .append("</dt><dd id=\"your-points\">")
        .append(e(points.orElse(m.get("common.none"))))
        .append("</dd></div>");
    sb.append("</dl></section>\n");
    return sb.toString();
  }

  // ---------------------------------------------------------------- image answer

  private static String imageAnswer(PageContext ctx, Exercise x, List<ImageAnswer> mine) {
    Messages m = ctx.msg();
    StringBuilder sb = new StringBuilder();
    List<ImagePrompt> prompts = x.prompts();
    if (prompts.isEmpty()) {
      return "<p class=\"alert-warn\">" + m.e("student.answer.noPrompts") + "</p>\n";
    }
    sb.append("<noscript><p class=\"alert-warn\">")
        .append(m.e("common.noscript"))
        .append("</p></noscript>\n");
    for (int i = 0; i < prompts.size(); i++) {
      ImagePrompt p = prompts.get(i);
      String id = "p" + i;
      sb.append("<section class=\"card student-prompt\" data-exercise=\"")
          .append(x.getId())
          .append("\" data-prompt=\"")
          .append(i)
          .append("\" aria-labelledby=\"")
          .append(id)
          .append("-h\"><h2 id=\"")
          .append(id)
          .append("-h\">")
          .append(m.e("student.answer.prompt", i + 1))
          .append(": ")
          .append(e(p.text()))
          .append("</h2>");
      // Drawing.
      sb.append("<div class=\"student-draw\"><div class=\"row student-tools\" role=\"toolbar\"")
          .append(" aria-label=\"")
          .append(m.e("student.draw.tools"))
          .append("\">")
          .append(tool("pen", m.e("student.draw.pen"), true))
          .append(tool("eraser", m.e("student.draw.eraser"), false))
          .append("<button type=\"button\" class=\"secondary\" data-action=\"undo\">")
          .append(m.e("student.draw.undo"))
          .append("</button><button type=\"button\" class=\"secondary\" data-action=\"clear\">")
          .append(m.e("student.draw.clear"))
          .append("</button><label class=\"student-size\" for=\"")
          .append(id)
          .append("-size\">")
          .append(m.e("student.draw.size"))
          .append(" <input type=\"range\" id=\"")
          .append(id)
          .append("-size\" min=\"2\" max=\"40\" value=\"12\" data-role=\"size\"></label></div>")
          .append("<canvas class=\"draw\" width=\"280\" height=\"280\" tabindex=\"0\" id=\"")
          .append(id)
          .append("-canvas\" role=\"img\" aria-label=\"")
          .append(m.e("student.draw.canvas", p.text()))
          .append("\"></canvas><p class=\"hint\">")
          .append(m.e("student.draw.keys"))
          .append("</p><button type=\"button\" data-action=\"submit-drawing\">")
          .append(m.e("student.draw.submit"))
          .append("</button></div>");
      // Upload.
      sb.append("<details class=\"student-upload\"><summary>")
          .append(m.e("student.upload.summary"))
          .append("</summary><label for=\"")
          .append(id)
          .append("-file\">")
          .append(m.e("student.upload.label"))
          .append(" <span class=\"hint\">")
          .append(m.e("student.upload.hint"))
          .append("</span></label><input type=\"file\" id=\"")
          .append(id)
          .append("-file\" accept=\"image/png,image/jpeg\" capture=\"environment\"")
          .append(" data-role=\"file\"><img class=\"student-preview\" alt=\"")
          .append(m.e("student.upload.preview"))
          .append("\" hidden><div><button type=\"button\" data-action=\"submit-file\" disabled>")
          .append(m.e("student.upload.submit"))
          .append("</button></div></details>");
      sb.append("<div class=\"student-result\" aria-live=\"polite\" id=\"")
          .append(id)
          .append("-result\"></div></section>\n");
    }
    // History.
    sb.append("<h2>").append(m.e("student.answers.history")).append("</h2>\n");
    if (mine.isEmpty()) {
      sb.append("<p id=\"answers-history\">").append(m.e("common.none")).append("</p>\n");
    } else {
      sb.append("<div class=\"table-wrap\"><table id=\"answers-history\"><thead><tr><th>")
          .append(m.e("student.col.when"))
          .append("</th><th>")
          .append(m.e("student.col.prompt"))
          .append("</th><th>")
          .append(m.e("student.col.decision"))
          .append("</th><th>")
          .append(m.e("student.col.sawMost"))
          .append("</th><th>")
          .append(m.e("student.col.heatmap"))
          .append("</th></tr></thead><tbody>");
      for (ImageAnswer a : mine) {
        String top = topClass(a.topClassesJson());
        sb.append("<tr><td>")
            .append(Format.time(m, a.submittedAt()))
            .append("</td><td>")
            .append(a.promptIndex() + 1)
            .append(" (")
            .append(e(a.expectedClass()))
            .append(")</td><td>")
            .append(decisionBadge(m, a.decision().name()))
            .append("</td><td>")
            .append(e(top))
            .append("</td><td><a href=\"")
            .append(ctx.href("api/course/answers/" + a.requireId() + "/heatmap.png"))
            .append("\">")
            .append(m.e("student.answers.heatmapLink"))
            .append("</a></td></tr>");
      }
      sb.append("</tbody></table></div>\n");
    }
    return sb.toString();
  }

  private static String tool(String name, String label, boolean pressed) {
    return "<button type=\"button\" class=\"secondary\" data-action=\""
        + name
        + "\" aria-pressed=\""
        + pressed
        + "\">"
        + label
        + "</button>";
  }

  static String decisionBadge(Messages m, String decision) {
    String cls =
        switch (decision) {
          case "ACCEPTED" -> "ok";
          case "REJECTED" -> "bad";
          default -> "warn";
        };
    return "<span class=\"badge " + cls + "\">" + m.e("student.decision." + decision) + "</span>";
  }

  private static String topClass(String json) {
    try (JsonReader r = Json.createReader(new StringReader(json))) {
      JsonArray a = r.readArray();
      if (a.isEmpty()) {
        return "";
      }
      JsonObject o = a.getJsonObject(0);
      return o.getString("class", "")
          + " "
          + Format.percent(o.getJsonNumber("probability").doubleValue());
    } catch (RuntimeException e) {
      return "";
    }
  }

  // ---------------------------------------------------------------- classifier challenge

  private String challenge(PageContext ctx, LaunchSession s, Exercise x, List<Submission> mine) {
    Messages m = ctx.msg();
    StringBuilder sb = new StringBuilder();
    Optional<Dataset> dataset = x.datasetId().map(id -> datasets.find(s, id));
    if (dataset.isEmpty()) {
      sb.append("<p class=\"alert-warn\">")
          .append(m.e("student.challenge.noDataset"))
          .append("</p>\n");
    } else {
      Dataset d = dataset.get();
      int w = x.inputWidth().orElse(d.width());
      int h = x.inputHeight().orElse(d.height());
      int c = x.inputChannels().orElse(d.channels());
      sb.append("<p>")
          .append(
              m.e(
                  "student.challenge.task",
                  d.classes().size(),
                  String.join(", ", d.classNames()),
                  w + "×" + h + "×" + c))
          .append("</p>\n");
      sb.append("<p class=\"hint\">")
          .append(
              m.e(
                  "student.challenge.caps",
                  x.computeCaps().maxEpochs(),
                  x.computeCaps().maxParameters(),
                  x.computeCaps().wallSeconds()))
          .append(" ")
          .append(
              m.e(
                  "student.challenge.rubric",
                  m.get("student.metric." + x.rubric().metric().name())))
          .append("</p>\n");
      sb.append("<noscript><p class=\"alert-warn\">")
          .append(m.e("common.noscript"))
          .append("</p></noscript>\n");
      if (x.allowedKinds().contains(SubmissionKind.SPEC)) {
        sb.append(specEditor(ctx, x, w, h, c));
      }
      if (x.allowedKinds().contains(SubmissionKind.TORCHSCRIPT)) {
        sb.append(
            fileForm(
                m,
                x,
                "torchscript",
                "TORCHSCRIPT",
                ".pt,.zip,application/octet-stream",
                m.e("student.torchscript.title"),
                m.e("student.torchscript.hint", w + "×" + h + "×" + c)));
      }
      if (x.allowedKinds().contains(SubmissionKind.PREDICTIONS_CSV)) {
        sb.append(
            fileForm(
                m,
                x,
                "csv",
                "PREDICTIONS_CSV",
                ".csv,text/csv",
                m.e("student.csv.title"),
                m.e("student.csv.hint")));
      }
    }
    sb.append("<h2>").append(m.e("student.attempts.history")).append("</h2>\n");
    sb.append(StudentSubmissionPage.attemptsTable(ctx, mine, -1));
    return sb.toString();
  }

  private static String specEditor(PageContext ctx, Exercise x, int w, int h, int c) {
    Messages m = ctx.msg();
    StringBuilder presets = new StringBuilder("{");
    for (String name : Presets.NAMES) {
      if (presets.length() > 1) {
        presets.append(',');
      }
      presets.append('"').append(name).append("\":").append(Presets.json(name).orElse("{}"));
    }
    presets.append('}');
    StringBuilder sb = new StringBuilder();
    sb.append("<section class=\"card student-spec\" id=\"spec-editor\" aria-labelledby=\"spec-h\"")
        .append(" data-exercise=\"")
        .append(x.getId())
        .append("\" data-width=\"")
        .append(w)
        .append("\" data-height=\"")
        .append(h)
        .append("\" data-channels=\"")
        .append(c)
        .append("\" data-max-epochs=\"")
        .append(x.computeCaps().maxEpochs())
        .append("\"><h2 id=\"spec-h\">")
        .append(m.e("student.spec.title"))
        .append("</h2>");
    // Not executed (type is data, not script): the presets' JSON for the editor.
    sb.append("<script type=\"application/json\" id=\"vg-presets\">")
        .append(presets.toString().replace("</", "<\\/"))
        .append("</script>");
    sb.append("<div class=\"row\"><label for=\"preset\">")
        .append(m.e("student.spec.preset"))
        .append("</label><select id=\"preset\">");
    for (String name : Presets.NAMES) {
      sb.append("<option value=\"")
          .append(e(name))
          .append("\">")
          .append(e(name))
          .append("</option>");
    }
    sb.append("</select><button type=\"button\" class=\"secondary\" id=\"load-preset\">")
        .append(m.e("student.spec.loadPreset"))
        .append("</button></div>");
    sb.append("<div class=\"student-spec-grid\"><fieldset id=\"spec-form\"><legend>")
        .append(m.e("student.spec.form"))
        .append("</legend><h3>")
        .append(m.e("student.spec.layers"))
        .append("</h3><ol id=\"layers\" class=\"student-layers\"></ol>")
        .append("<div class=\"row\"><label for=\"new-layer\">")
        .append(m.e("student.spec.newLayer"))
        .append("</label><select id=\"new-layer\">");
    for (String t :
        List.of(
            "conv2d",
            "maxpool2d",
            "avgpool2d",
            "batchnorm",
            "dropout",
            "flatten",
            "globalavgpool",
            "dense",
            "residual")) {
      sb.append("<option>").append(t).append("</option>");
    }
    sb.append("</select><button type=\"button\" class=\"secondary\" id=\"add-layer\">")
        .append(m.e("student.spec.addLayer"))
        .append("</button></div><h3>")
        .append(m.e("student.spec.optimizer"))
        .append("</h3><div class=\"row\">")
        .append(
            "<label for=\"opt-type\">"
                + m.e("student.spec.optType")
                + " <select id=\"opt-type\" data-path=\"optimizer.type\"><option>adam</option>"
                + "<option>sgd</option></select></label>")
        .append(number("opt-lr", "optimizer.learningRate", m.e("student.spec.lr"), "0.0001"))
        .append("</div><h3>")
        .append(m.e("student.spec.training"))
        .append("</h3><div class=\"row\">")
        .append(number("tr-epochs", "training.epochs", m.e("student.spec.epochs"), "1"))
        .append(number("tr-batch", "training.batchSize", m.e("student.spec.batch"), "1"))
        .append("</div><h3>")
        .append(m.e("student.spec.augmentation"))
        .append("</h3><div class=\"row\">")
        .append(number("aug-rot", "augmentation.rotationRange", m.e("student.spec.rotation"), "1"))
        .append(
            number("aug-w", "augmentation.widthShiftRange", m.e("student.spec.widthShift"), "0.05"))
        .append(
            number(
                "aug-h", "augmentation.heightShiftRange", m.e("student.spec.heightShift"), "0.05"))
        .append(
            "<label for=\"aug-flip\"><input type=\"checkbox\" id=\"aug-flip\""
                + " data-path=\"augmentation.horizontalFlip\"> "
                + m.e("student.spec.flip")
                + "</label>")
        .append("</div></fieldset>");
    sb.append("<div><label for=\"spec-json\">")
        .append(m.e("student.spec.json"))
        .append(" <span class=\"hint\">")
        .append(m.e("student.spec.jsonHint"))
        .append("</span></label><textarea id=\"spec-json\" rows=\"18\" spellcheck=\"false\">")
        .append("</textarea></div></div>");
    sb.append("<div id=\"spec-check\" class=\"student-check\" aria-live=\"polite\"></div>")
        .append("<button type=\"button\" id=\"submit-spec\">")
        .append(m.e("student.spec.submit"))
        .append("</button><div id=\"spec-error\" hidden></div></section>\n");
    return sb.toString();
  }

  private static String number(String id, String path, String label, String step) {
    return "<label for=\""
        + id
        + "\">"
        + label
        + " <input type=\"number\" id=\""
        + id
        + "\" data-path=\""
        + path
        + "\" step=\""
        + step
        + "\" min=\"0\" size=\"6\"></label>";
  }

  private static String fileForm(
      Messages m, Exercise x, String id, String kind, String accept, String title, String hint) {
    return "<section class=\"card student-file\" data-exercise=\""
        + x.getId()
        + "\" data-kind=\""
        + kind
        + "\" aria-labelledby=\""
        + id
        + "-h\"><h2 id=\""
        + id
        + "-h\">"
        + title
        + "</h2><label for=\""
        + id
        + "-file\">"
        + m.e("student.file.choose")
        + " <span class=\"hint\">"
        + hint
        + "</span></label><input type=\"file\" id=\""
        + id
        + "-file\" accept=\""
        + e(accept)
        + "\"><div><button type=\"button\" data-action=\"submit-upload\" disabled>"
        + m.e("student.file.submit")
        + "</button></div><div class=\"student-file-error\" hidden></div></section>\n";
  }

  static Optional<JsonObject> parseObject(String json) {
    if (json == null) {
      return Optional.empty();
    }
    try (JsonReader r = Json.createReader(new StringReader(json))) {
      JsonValue v = r.readValue();
      return v instanceof JsonObject o ? Optional.of(o) : Optional.empty();
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }
}
