package io.visiongrade.web.pages.teacher;

import static io.visiongrade.web.Page.e;

import io.visiongrade.engine.spec.Presets;
import io.visiongrade.lms.application.CourseModels;
import io.visiongrade.lms.application.DatasetLibrary;
import io.visiongrade.lms.domain.DomainException;
import io.visiongrade.lms.domain.coursemodel.CourseModel;
import io.visiongrade.lms.domain.dataset.Dataset;
import io.visiongrade.lms.infrastructure.lti.LaunchSession;
import io.visiongrade.web.app.Sessions;
import io.visiongrade.web.pages.Charts;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The course model: train a version (dataset, preset or spec) with live progress ({@code
 * api/course/models/{id}/events}, in {@code teacher-models.js}), the versions with their state and
 * test scores, a side-by-side comparison of chosen versions (metrics, per-class figures, confusion
 * matrices, curves) and promotion. Training and promotion are plain forms posting here.
 */
@Path("app/teach/models")
@Produces(MediaType.TEXT_HTML + ";charset=utf-8")
public class ModelsPage {

  static final String NAV = "app/teach/models";

  /** Versions compared when none are chosen. */
  static final int DEFAULT_COMPARED = 3;

  @Inject Sessions sessions;
  @Inject CourseModels models;
  @Inject DatasetLibrary datasets;

  @GET
  @Operation(hidden = true)
  public Response show(
      @QueryParam("session") String token,
      @QueryParam("done") String done,
      @QueryParam("compare") List<Long> compare,
      @Context HttpHeaders headers,
      @Context HttpServletRequest request) {
    LaunchSession s = sessions.require(token, headers);
    PageContext ctx = PageContext.of(s, token, request.getContextPath());
    if (!TeacherPages.isTeacher(s)) {
      return TeacherPages.forbidden(ctx);
    }
    return page(ctx, done, compare, null, Map.of(), 200);
  }

  @POST
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Operation(hidden = true)
  public Response train(
      @QueryParam("session") String queryToken,
      @FormParam("session") String formToken,
      @FormParam("datasetId") String datasetId,
      @FormParam("preset") String preset,
      @FormParam("spec") String spec,
      @Context HttpHeaders headers,
      @Context HttpServletRequest request) {
    String token = TeacherPages.token(queryToken, formToken);
    LaunchSession s = sessions.require(token, headers);
    PageContext ctx = PageContext.of(s, token, request.getContextPath());
    if (!TeacherPages.isTeacher(s)) {
      return TeacherPages.forbidden(ctx);
    }
    Map<String, String> typed = new HashMap<>();
    typed.put("datasetId", datasetId == null ? "" : datasetId);
    typed.put("preset", preset == null ? "" : preset);
    typed.put("spec", spec == null ? "" : spec);
    try {
      long ds;
      try {
        ds = Long.parseLong(datasetId == null ? "" : datasetId.strip());
      } catch (NumberFormatException ex) {
        throw new DomainException.Invalid(ctx.msg().get("teacher.md.chooseDataset"));
      }
      String what = spec != null && !spec.isBlank() ? spec : blankToNull(preset);
      models.train(s, ds, what);
      return TeacherPages.seeOther(ctx, "app/teach/models", "training");
    } catch (DomainException.Invalid | DomainException.NotFound ex) {
      return page(ctx, null, List.of(), ex.getMessage(), typed, 200);
    }
  }

  @POST
  @Path("{id}/promote")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Operation(hidden = true)
  public Response promote(
      @PathParam("id") long id,
      @QueryParam("session") String queryToken,
      @FormParam("session") String formToken,
      @Context HttpHeaders headers,
      @Context HttpServletRequest request) {
    String token = TeacherPages.token(queryToken, formToken);
    LaunchSession s = sessions.require(token, headers);
    PageContext ctx = PageContext.of(s, token, request.getContextPath());
    if (!TeacherPages.isTeacher(s)) {
      return TeacherPages.forbidden(ctx);
    }
    try {
      models.promote(s, id);
    } catch (DomainException.Conflict ex) {
      return page(ctx, null, List.of(), ex.getMessage(), Map.of(), 200);
    }
    return TeacherPages.seeOther(ctx, "app/teach/models", "promoted");
  }

  private Response page(
      PageContext ctx,
      String done,
      List<Long> compare,
      String error,
      Map<String, String> typed,
      int status) {
    Messages m = ctx.msg();
    LaunchSession s = ctx.session();
    List<CourseModel> all = models.list(s);
    List<Dataset> sets = datasets.list(s);
    Map<Long, Dataset> byId = new HashMap<>();
    sets.forEach(d -> byId.put(d.requireId(), d));
    StringBuilder b = new StringBuilder();
    b.append("<h1>").append(m.e("teacher.md.title")).append("</h1>\n");
    b.append("<p class=\"lead\">").append(m.e("teacher.md.lead")).append("</p>\n");
    b.append(TeacherPages.notice(m, done));
    all.stream()
        .filter(CourseModel::promoted)
        .findFirst()
        .ifPresentOrElse(
            p ->
                b.append("<p id=\"promoted\" class=\"alert-ok\">")
                    .append(m.e("teacher.md.promoted", p.version(), testAccuracy(p)))
                    .append("</p>\n"),
            () ->
                b.append("<p id=\"promoted\" class=\"alert-warn\">")
                    .append(m.e("teacher.md.nonePromoted"))
                    .append("</p>\n"));
    trainForm(ctx, b, sets, error, typed);
    versions(ctx, b, all, byId);
    comparison(ctx, b, all, compare);
    String html =
        io.visiongrade.web.pages.Layout.page(
            ctx, m.get("teacher.md.title"), NAV, b.toString(), List.of("teacher-models.js"));
    return Response.status(status)
        .type(TeacherPages.HTML)
        .header("Cache-Control", "no-store")
        .entity(html)
        .build();
  }

  private void trainForm(
      PageContext ctx,
      StringBuilder b,
      List<Dataset> sets,
      String error,
      Map<String, String> typed) {
    Messages m = ctx.msg();
    b.append("<form method=\"post\" class=\"card\" id=\"train\" action=\"")
        .append(ctx.href("app/teach/models"))
        .append("\"><h2>")
        .append(m.e("teacher.md.train"))
        .append("</h2>")
        .append(TeacherPages.sessionField(ctx));
    if (error != null) {
      b.append("<p class=\"error\" role=\"alert\" id=\"train-error\">")
          .append(e(error))
          .append("</p>");
    }
    if (sets.isEmpty()) {
      b.append("<p>")
          .append(
              m.html(
                  "teacher.ex.noDatasets",
                  "<a href=\""
                      + ctx.href("app/teach/datasets")
                      + "\">"
                      + m.e("nav.datasets")
                      + "</a>"))
          .append("</p></form>\n");
      return;
    }
    b.append("<div class=\"grid narrow\"><div class=\"field\"><label for=\"md-dataset\">")
        .append(m.e("teacher.md.dataset"))
        .append("</label><select id=\"md-dataset\" name=\"datasetId\" required>");
    for (Dataset d : sets) {
      b.append("<option value=\"")
          .append(d.requireId())
          .append('"')
          .append(String.valueOf(d.requireId()).equals(typed.get("datasetId")) ? " selected" : "")
          .append('>')
          .append(e(d.name()))
          .append(" v")
          .append(d.version())
          .append(" · ")
          .append(m.e("teacher.ex.datasetSummary", d.imageCount(), d.classes().size()))
          .append("</option>");
    }
    b.append("</select></div><div class=\"field\"><label for=\"md-preset\">")
        .append(m.e("teacher.md.preset"))
        .append(" <span class=\"hint\">")
        .append(m.e("teacher.md.preset.hint"))
        .append("</span></label><select id=\"md-preset\" name=\"preset\">");
    for (String p : Presets.NAMES) {
      b.append("<option value=\"")
          .append(e(p))
          .append('"')
          .append(p.equals(typed.get("preset")) ? " selected" : "")
          .append('>')
          .append(e(p))
          .append("</option>");
    }
    b.append("</select></div></div><details")
        .append(typed.getOrDefault("spec", "").isBlank() ? "" : " open")
        .append("><summary>")
        .append(m.e("teacher.md.spec"))
        .append("</summary><label for=\"md-spec\">")
        .append(m.e("teacher.md.spec.label"))
        .append(" <span class=\"hint\">")
        .append(m.e("teacher.md.spec.hint"))
        .append(
            "</span></label><textarea id=\"md-spec\" name=\"spec\" rows=\"8\" spellcheck=\"false\">")
        .append(e(typed.getOrDefault("spec", "")))
        .append(
            "</textarea></details><div class=\"row\"><button type=\"submit\" id=\"train-button\">")
        .append(m.e("teacher.md.start"))
        .append("</button></div></form>\n");
  }

  private void versions(
      PageContext ctx, StringBuilder b, List<CourseModel> all, Map<Long, Dataset> byId) {
    Messages m = ctx.msg();
    b.append("<h2>").append(m.e("teacher.md.versions")).append("</h2>\n");
    if (all.isEmpty()) {
      b.append("<p id=\"no-models\">").append(m.e("teacher.md.none")).append("</p>\n");
      return;
    }
    b.append("<form method=\"get\" id=\"compare-form\" action=\"")
        .append(e(ctx.base() + "app/teach/models"))
        .append("\">")
        .append(TeacherPages.sessionField(ctx))
        .append("<div class=\"table-wrap\"><table id=\"versions\"")
        .append(
            TeacherPages.scriptMessages(
                m, "teacher.md.", "queuePosition", "phase", "epochBatch", "eta", "finished"))
        .append("><thead><tr><th scope=\"col\">")
        .append(m.e("teacher.md.compare"))
        .append("</th><th scope=\"col\">")
        .append(m.e("teacher.md.version"))
        .append("</th><th scope=\"col\">")
        .append(m.e("teacher.md.state"))
        .append("</th><th scope=\"col\">")
        .append(m.e("teacher.md.dataset"))
        .append("</th><th scope=\"col\" class=\"num\">")
        .append(m.e("teacher.md.testAccuracy"))
        .append("</th><th scope=\"col\" class=\"num\">")
        .append(m.e("teacher.md.testF1"))
        .append("</th><th scope=\"col\">")
        .append(m.e("teacher.md.when"))
        .append("</th></tr></thead><tbody>");
    for (CourseModel v : all) {
      long id = v.requireId();
      JsonObject metrics = metrics(v);
      JsonObject test = metrics == null ? null : metrics.getJsonObject("test");
      Dataset d = byId.get(v.datasetId());
      b.append("<tr id=\"model-")
          .append(id)
          .append("\" data-model=\"")
          .append(id)
          .append("\" data-state=\"")
          .append(v.state().name())
          .append("\"><td>");
      if (v.state() == CourseModel.State.READY) {
        b.append("<input type=\"checkbox\" name=\"compare\" value=\"")
            .append(id)
            .append("\" id=\"cmp-")
            .append(id)
            .append("\" aria-label=\"")
            .append(m.e("teacher.md.compareOne", v.version()))
            .append("\">");
      }
      b.append("</td><th scope=\"row\">v")
          .append(v.version())
          .append("</th><td class=\"state\">")
          .append(stateBadge(m, v));
      if (v.state() == CourseModel.State.TRAINING) {
        b.append("<div class=\"training\" data-events=\"api/course/models/")
            .append(id)
            .append("/events\"><progress max=\"100\" aria-label=\"")
            .append(m.e("teacher.md.progress", v.version()))
            .append("\"></progress><span class=\"progress-text\" role=\"status\"")
            .append(" aria-live=\"polite\">")
            .append(m.e("teacher.md.queued"))
            .append("</span></div>");
      }
      if (v.state() == CourseModel.State.FAILED) {
        b.append("<p class=\"hint\">").append(e(v.failureMessage().orElse(""))).append("</p>");
      }
      b.append("</td><td>")
          .append(d == null ? "#" + v.datasetId() : e(d.name()) + " v" + d.version())
          .append("</td><td class=\"num\">")
          .append(TeacherPages.percent(number(test, "accuracy")))
          .append("</td><td class=\"num\">")
          .append(TeacherPages.percent(number(test, "macroF1")))
          .append("</td><td>")
          .append(TeacherPages.when(m, v.finishedAt() != null ? v.finishedAt() : v.createdAt()))
          .append("</td></tr>");
    }
    b.append("</tbody></table></div><div class=\"row\"><button type=\"submit\" class=\"secondary\"")
        .append(" id=\"compare-button\">")
        .append(m.e("teacher.md.compareButton"))
        .append("</button></div></form>\n");
  }

  private static String stateBadge(Messages m, CourseModel v) {
    String cls =
        switch (v.state()) {
          case READY -> "ok";
          case FAILED -> "bad";
          case TRAINING -> "warn";
        };
    String badge =
        "<span class=\"badge "
            + cls
            + "\">"
            + m.e("teacher.md.state." + v.state().name())
            + "</span>";
    if (v.promoted()) {
      badge +=
          " <span class=\"badge ok promoted-badge\">" + m.e("teacher.md.isPromoted") + "</span>";
    }
    return badge;
  }

  private void comparison(
      PageContext ctx, StringBuilder b, List<CourseModel> all, List<Long> compare) {
    Messages m = ctx.msg();
    List<CourseModel> ready =
        all.stream().filter(v -> v.state() == CourseModel.State.READY).toList();
    if (ready.isEmpty()) {
      return;
    }
    Set<Long> chosen = new LinkedHashSet<>(compare == null ? List.of() : compare);
    List<CourseModel> shown = new ArrayList<>();
    for (CourseModel v : ready) {
      if (chosen.isEmpty() ? shown.size() < DEFAULT_COMPARED : chosen.contains(v.requireId())) {
        shown.add(v);
      }
    }
    b.append("<h2 id=\"comparison-title\">")
        .append(m.e("teacher.md.comparison"))
        .append("</h2>\n<div class=\"compare\" id=\"comparison\">");
    for (CourseModel v : shown) {
      column(ctx, b, v);
    }
    b.append("</div>\n");
  }

  private void column(PageContext ctx, StringBuilder b, CourseModel v) {
    Messages m = ctx.msg();
    long id = v.requireId();
    JsonObject metrics = metrics(v);
    JsonObject val = metrics == null ? null : metrics.getJsonObject("validation");
    JsonObject test = metrics == null ? null : metrics.getJsonObject("test");
    b.append("<section class=\"card version\" id=\"version-")
        .append(id)
        .append("\" aria-labelledby=\"version-")
        .append(id)
        .append("-title\"><h3 id=\"version-")
        .append(id)
        .append("-title\">v")
        .append(v.version())
        .append(' ')
        .append(stateBadge(m, v))
        .append("</h3><dl class=\"metrics\">")
        .append(dd(m, "teacher.md.valAccuracy", TeacherPages.percent(number(val, "accuracy"))))
        .append(dd(m, "teacher.md.valF1", TeacherPages.percent(number(val, "macroF1"))))
        .append(dd(m, "teacher.md.testAccuracy", TeacherPages.percent(number(test, "accuracy"))))
        .append(dd(m, "teacher.md.testF1", TeacherPages.percent(number(test, "macroF1"))));
    if (metrics != null) {
      JsonArray epochs = metrics.getJsonArray("epochs");
      b.append(dd(m, "teacher.md.epochs", epochs == null ? "–" : String.valueOf(epochs.size())));
      if (metrics.containsKey("stopReason") && !metrics.isNull("stopReason")) {
        b.append(dd(m, "teacher.md.stop", e(metrics.getString("stopReason"))));
      }
      if (metrics.get("parameters") instanceof JsonNumber p) {
        b.append(dd(m, "teacher.md.parameters", String.format("%,d", p.longValue())));
      }
    }
    b.append("</dl>");
    if (!v.promoted()) {
      b.append("<form method=\"post\" class=\"promote\" action=\"")
          .append(ctx.href("app/teach/models/" + id + "/promote"))
          .append("\">")
          .append(TeacherPages.sessionField(ctx))
          .append("<button type=\"submit\" id=\"promote-")
          .append(id)
          .append("\">")
          .append(m.e("teacher.md.promote", v.version()))
          .append("</button></form>");
    }
    JsonObject shown = test != null ? test : val;
    if (shown != null) {
      b.append("<h4>").append(m.e("teacher.md.perClass")).append("</h4>");
      perClass(m, b, shown);
      List<String> classes = strings(shown.getJsonArray("classes"));
      long[][] matrix = matrix(shown.getJsonArray("confusion"));
      if (!classes.isEmpty() && matrix.length == classes.size()) {
        b.append("<figure>")
            .append(Charts.confusionMatrix(m, classes, matrix))
            .append("<figcaption>")
            .append(m.e(test != null ? "teacher.md.confusionTest" : "teacher.md.confusionVal"))
            .append("</figcaption></figure>");
      }
    }
    if (metrics != null && metrics.getJsonArray("epochs") != null) {
      List<Double> trainAcc = new ArrayList<>();
      List<Double> valAcc = new ArrayList<>();
      for (JsonValue ep : metrics.getJsonArray("epochs")) {
        JsonObject o = ep.asJsonObject();
        trainAcc.add(number(o, "trainAccuracy"));
        valAcc.add(number(o, "validationAccuracy"));
      }
      b.append("<figure>")
          .append(
              Charts.lines(
                  m,
                  m.get("teacher.md.curves", v.version()),
                  m.get("teacher.md.accuracy"),
                  List.of(
                      new Charts.Series(
                          m.get("teacher.md.series.train"), Charts.PALETTE.get(0), trainAcc),
                      new Charts.Series(
                          m.get("teacher.md.series.validation"), Charts.PALETTE.get(1), valAcc))))
          .append("</figure>");
    }
    b.append("</section>");
  }

  private static void perClass(Messages m, StringBuilder b, JsonObject eval) {
    JsonArray rows = eval.getJsonArray("perClass");
    if (rows == null) {
      return;
    }
    b.append("<div class=\"table-wrap\"><table class=\"per-class\"><thead><tr><th scope=\"col\">")
        .append(m.e("teacher.ds.class"))
        .append("</th><th scope=\"col\" class=\"num\">")
        .append(m.e("teacher.md.precision"))
        .append("</th><th scope=\"col\" class=\"num\">")
        .append(m.e("teacher.md.recall"))
        .append("</th><th scope=\"col\" class=\"num\">F1</th><th scope=\"col\" class=\"num\">")
        .append(m.e("teacher.md.support"))
        .append("</th></tr></thead><tbody>");
    for (JsonValue r : rows) {
      JsonObject o = r.asJsonObject();
      b.append("<tr><th scope=\"row\">")
          .append(e(o.getString("class", "")))
          .append("</th><td class=\"num\">")
          .append(TeacherPages.percent(number(o, "precision")))
          .append("</td><td class=\"num\">")
          .append(TeacherPages.percent(number(o, "recall")))
          .append("</td><td class=\"num\">")
          .append(TeacherPages.percent(number(o, "f1")))
          .append("</td><td class=\"num\">")
          .append(o.get("support") instanceof JsonNumber n ? n.longValue() : 0)
          .append("</td></tr>");
    }
    b.append("</tbody></table></div>");
  }

  private static String dd(Messages m, String key, String safeValue) {
    return "<div><dt>" + m.e(key) + "</dt><dd>" + safeValue + "</dd></div>";
  }

  static JsonObject metrics(CourseModel v) {
    return v.metrics()
        .map(
            s -> {
              try (JsonReader r = Json.createReader(new StringReader(s))) {
                return r.readObject();
              } catch (JsonParsingException ex) {
                return null;
              }
            })
        .orElse(null);
  }

  static Double number(JsonObject o, String key) {
    if (o == null) {
      return null;
    }
    return o.get(key) instanceof JsonNumber n ? n.doubleValue() : null;
  }

  private static String testAccuracy(CourseModel v) {
    JsonObject m = metrics(v);
    return TeacherPages.percent(number(m == null ? null : m.getJsonObject("test"), "accuracy"));
  }

  private static List<String> strings(JsonArray a) {
    List<String> out = new ArrayList<>();
    if (a != null) {
      for (JsonValue v : a) {
        out.add(v.getValueType() == JsonValue.ValueType.STRING ? a.getString(out.size()) : "?");
      }
    }
    return out;
  }

  private static long[][] matrix(JsonArray a) {
    if (a == null) {
      return new long[0][];
    }
    long[][] out = new long[a.size()][];
    for (int i = 0; i < a.size(); i++) {
      JsonArray row = a.getJsonArray(i);
      out[i] = new long[row.size()];
      for (int j = 0; j < row.size(); j++) {
        out[i][j] = row.getJsonNumber(j).longValue();
      }
    }
    return out;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
