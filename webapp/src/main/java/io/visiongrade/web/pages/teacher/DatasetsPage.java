package io.visiongrade.web.pages.teacher;

import static io.visiongrade.web.Page.e;

import io.visiongrade.lms.application.DatasetLibrary;
import io.visiongrade.lms.application.DatasetLibrary.ClassThumbnails;
import io.visiongrade.lms.application.DatasetLibrary.UploadOptions;
import io.visiongrade.lms.domain.DomainException;
import io.visiongrade.lms.domain.dataset.Dataset;
import io.visiongrade.lms.domain.dataset.DatasetClass;
import io.visiongrade.lms.domain.dataset.SplitFractions;
import io.visiongrade.lms.infrastructure.lti.LaunchSession;
import io.visiongrade.lms.infrastructure.storage.ContentStore;
import io.visiongrade.lms.infrastructure.storage.Upload;
import io.visiongrade.web.app.Sessions;
import io.visiongrade.web.course.UploadLimit;
import io.visiongrade.web.pages.Messages;
import io.visiongrade.web.pages.PageContext;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityPart;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The course's datasets: upload one (zip of class folders or of an IDX pair) with the split's seed
 * and sizes, and see each one's classes, counts, split and sample thumbnails (training and
 * validation images only, from {@code api/course/datasets/{id}/thumbnails/...}, which takes the
 * session as a query parameter since an {@code <img>} cannot send a bearer token). The upload form
 * posts here without JavaScript; {@code teacher-datasets.js} sends it to the REST API with a
 * progress bar instead.
 */
@Path("app/teach/datasets")
@Produces(MediaType.TEXT_HTML + ";charset=utf-8")
public class DatasetsPage {

  static final String NAV = "app/teach/datasets";

  /** Thumbnails shown per class. */
  static final int THUMBS = 6;

  @Inject Sessions sessions;
  @Inject DatasetLibrary library;
  @Inject ContentStore store;

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
    return TeacherPages.ok(
        ctx,
        ctx.msg().get("teacher.ds.title"),
        NAV,
        body(ctx, done, null, Map.of()),
        List.of("teacher-datasets.js"));
  }

  @POST
  @UploadLimit
  @Consumes(MediaType.MULTIPART_FORM_DATA)
  @Operation(hidden = true)
  public Response upload(
      @QueryParam("session") String token,
      @Context HttpHeaders headers,
      @Context HttpServletRequest request,
      List<EntityPart> parts) {
    LaunchSession s = sessions.require(token, headers);
    PageContext ctx = PageContext.of(s, token, request.getContextPath());
    if (!TeacherPages.isTeacher(s)) {
      return TeacherPages.forbidden(ctx);
    }
    Map<String, String> fields = new HashMap<>();
    Upload file = null;
    String fileName = null;
    try {
      for (EntityPart part : parts) {
        if (part.getName().equals("file")) {
          if (file != null) {
            throw new DomainException.Invalid("the form has two files");
          }
          fileName = part.getFileName().orElse(null);
          try (InputStream in = part.getContent()) {
            file = store.receive(in, library.limits().maxUploadBytes());
          }
        } else if (fields.size() < 20) {
          fields.put(part.getName(), part.getContent(String.class));
        }
      }
      if (file == null || file.size() == 0) {
        throw new DomainException.Invalid(ctx.msg().get("teacher.ds.noFile"));
      }
      UploadOptions options =
          new UploadOptions(
              whole(fields, "width"),
              whole(fields, "height"),
              whole(fields, "channels"),
              seed(fields),
              fractions(fields),
              fileName);
      library.upload(s, fields.get("name"), file, options);
      return TeacherPages.seeOther(ctx, "app/teach/datasets", "uploaded");
    } catch (DomainException.Invalid | DomainException.TooLarge ex) {
      return Response.ok()
          .type(TeacherPages.HTML)
          .header("Cache-Control", "no-store")
          .entity(
              io.visiongrade.web.pages.Layout.page(
                  ctx,
                  ctx.msg().get("teacher.ds.title"),
                  NAV,
                  body(ctx, null, ex.getMessage(), fields),
                  List.of("teacher-datasets.js")))
          .build();
    } catch (IOException ex) {
      throw new DomainException.Invalid("the form could not be read: " + ex.getMessage());
    } finally {
      if (file != null) {
        file.close();
      }
    }
  }

  private String body(PageContext ctx, String done, String error, Map<String, String> typed) {
    Messages m = ctx.msg();
    LaunchSession s = ctx.session();
    StringBuilder b = new StringBuilder();
    b.append("<h1>").append(m.e("teacher.ds.title")).append("</h1>\n");
    b.append("<p class=\"lead\">").append(m.e("teacher.ds.lead")).append("</p>\n");
    b.append(TeacherPages.notice(m, done));
    upload(ctx, b, error, typed);
    List<Dataset> all = library.list(s);
    b.append("<h2>").append(m.e("teacher.ds.list")).append("</h2>\n");
    if (all.isEmpty()) {
      b.append("<p id=\"no-datasets\">").append(m.e("teacher.ds.none")).append("</p>\n");
    }
    for (Dataset d : all) {
      dataset(ctx, b, d);
    }
    return b.toString();
  }

  private void upload(PageContext ctx, StringBuilder b, String error, Map<String, String> typed) {
    Messages m = ctx.msg();
    SplitFractions f = SplitFractions.DEFAULT;
    b.append("<form method=\"post\" enctype=\"multipart/form-data\" class=\"card\" id=\"upload\"")
        .append(" action=\"")
        .append(ctx.href("app/teach/datasets"))
        .append("\"")
        .append(TeacherPages.scriptMessages(m, "teacher.ds.", "uploading", "processing"))
        .append("><h2>")
        .append(m.e("teacher.ds.upload"))
        .append("</h2><p class=\"hint\">")
        .append(m.e("teacher.ds.upload.hint", library.limits().maxUploadBytes() / (1024 * 1024)))
        .append("</p>");
    if (error != null) {
      b.append("<p class=\"error\" role=\"alert\" id=\"upload-error\">")
          .append(e(error))
          .append("</p>");
    } else {
      b.append("<p id=\"upload-error\" hidden></p>");
    }
    b.append("<div class=\"grid narrow\">")
        .append(field("name", "teacher.ds.name", "text", "required maxlength=\"100\"", m, typed))
        .append("<div class=\"field\"><label for=\"ds-file\">")
        .append(m.e("teacher.ds.file"))
        .append("</label><input id=\"ds-file\" name=\"file\" type=\"file\" required")
        .append(" accept=\".zip,application/zip\"></div>")
        .append("</div><details><summary>")
        .append(m.e("teacher.ds.options"))
        .append("</summary><div class=\"grid narrow\">")
        .append(field("width", "teacher.ds.width", "number", "min=\"8\" max=\"1024\"", m, typed))
        .append(field("height", "teacher.ds.height", "number", "min=\"8\" max=\"1024\"", m, typed))
        .append(field("channels", "teacher.ds.channels", "number", "min=\"1\" max=\"3\"", m, typed))
        .append(field("seed", "teacher.ds.seed", "number", "", m, typed))
        .append(
            field(
                "trainFraction",
                "teacher.ds.train",
                "number",
                "min=\"0\" max=\"1\" step=\"any\" placeholder=\"" + f.train() + "\"",
                m,
                typed))
        .append(
            field(
                "validationFraction",
                "teacher.ds.validation",
                "number",
                "min=\"0\" max=\"1\" step=\"any\" placeholder=\"" + f.validation() + "\"",
                m,
                typed))
        .append(
            field(
                "testFraction",
                "teacher.ds.test",
                "number",
                "min=\"0\" max=\"1\" step=\"any\" placeholder=\"" + f.test() + "\"",
                m,
                typed))
        .append("</div></details>")
        .append("<div class=\"row\"><button type=\"submit\" id=\"upload-button\">")
        .append(m.e("teacher.ds.send"))
        .append("</button><progress id=\"upload-progress\" max=\"100\" value=\"0\" hidden")
        .append(" aria-label=\"")
        .append(m.e("teacher.ds.progress"))
        .append("\"></progress></div><p id=\"upload-status\" role=\"status\" aria-live=\"polite\">")
        .append("</p></form>\n");
  }

  private static String field(
      String name, String key, String type, String attrs, Messages m, Map<String, String> typed) {
    return "<div class=\"field\"><label for=\"ds-"
        + name
        + "\">"
        + m.e(key)
        + "</label><input id=\"ds-"
        + name
        + "\" name=\""
        + name
        + "\" type=\""
        + type
        + "\" value=\""
        + e(typed.getOrDefault(name, ""))
        + "\" "
        + attrs
        + "></div>";
  }

  private void dataset(PageContext ctx, StringBuilder b, Dataset d) {
    Messages m = ctx.msg();
    long id = d.requireId();
    SplitFractions f = d.fractions();
    int n = d.imageCount();
    b.append("<section class=\"card dataset\" id=\"dataset-")
        .append(id)
        .append("\" aria-labelledby=\"dataset-")
        .append(id)
        .append("-name\"><h3 id=\"dataset-")
        .append(id)
        .append("-name\">")
        .append(e(d.name()))
        .append(" <span class=\"badge\">v")
        .append(d.version())
        .append("</span></h3><p class=\"muted\">")
        .append(
            m.e(
                "teacher.ds.summary",
                n,
                d.classes().size(),
                d.width() + "×" + d.height(),
                m.get("teacher.ds.channels." + (d.channels() == 1 ? "gray" : "rgb")),
                String.format(Locale.ROOT, "%.1f", d.artifactSize() / 1024.0),
                d.format().name()))
        .append("</p><p class=\"split\">")
        .append(
            m.e(
                "teacher.ds.split",
                d.splitSeed(),
                TeacherPages.percent(f.train()),
                Math.round(n * f.train()),
                TeacherPages.percent(f.validation()),
                Math.round(n * f.validation()),
                TeacherPages.percent(f.test()),
                Math.round(n * f.test())))
        .append("</p>");
    List<ClassThumbnails> thumbs;
    try {
      thumbs = library.sampleThumbnails(ctx.session(), id, THUMBS);
    } catch (RuntimeException ex) {
      thumbs = List.of();
      b.append("<p class=\"alert-warn\">").append(m.e("teacher.ds.noThumbs")).append("</p>");
    }
    b.append(
            "<div class=\"table-wrap\"><table class=\"classes\"><caption class=\"visually-hidden\">")
        .append(m.e("teacher.ds.classes", d.name()))
        .append("</caption><thead><tr><th scope=\"col\">")
        .append(m.e("teacher.ds.class"))
        .append("</th><th scope=\"col\" class=\"num\">")
        .append(m.e("teacher.ds.count"))
        .append("</th><th scope=\"col\">")
        .append(m.e("teacher.ds.samples"))
        .append("</th></tr></thead><tbody>");
    for (int c = 0; c < d.classes().size(); c++) {
      DatasetClass cls = d.classes().get(c);
      b.append("<tr><th scope=\"row\">")
          .append(e(cls.name()))
          .append("</th><td class=\"num\">")
          .append(cls.imageCount())
          .append("</td><td><ul class=\"gallery thumbs\">");
      int have = c < thumbs.size() ? thumbs.get(c).pngs().size() : 0;
      for (int i = 0; i < have; i++) {
        b.append("<li><img class=\"thumb\" loading=\"lazy\" width=\"64\" height=\"64\" src=\"")
            .append(ctx.href("api/course/datasets/" + id + "/thumbnails/" + c + "/" + i + ".png"))
            .append("\" alt=\"")
            .append(m.e("teacher.ds.thumbAlt", cls.name(), i + 1))
            .append("\"></li>");
      }
      b.append("</ul></td></tr>");
    }
    b.append("</tbody></table></div><p class=\"hint\">")
        .append(m.e("teacher.ds.thumbsHint"))
        .append("</p></section>\n");
  }

  private static Integer whole(Map<String, String> f, String key) {
    String v = f.get(key);
    if (v == null || v.isBlank()) {
      return null;
    }
    try {
      return Integer.valueOf(v.strip());
    } catch (NumberFormatException ex) {
      throw new DomainException.Invalid(key + " must be a whole number, got \"" + v + "\"");
    }
  }

  private static Long seed(Map<String, String> f) {
    String v = f.get("seed");
    if (v == null || v.isBlank()) {
      return null;
    }
    try {
      return Long.valueOf(v.strip());
    } catch (NumberFormatException ex) {
      throw new DomainException.Invalid("seed must be a whole number, got \"" + v + "\"");
    }
  }

  private static SplitFractions fractions(Map<String, String> f) {
    String[] keys = {"trainFraction", "validationFraction", "testFraction"};
    double[] v = new double[3];
    int given = 0;
    for (int i = 0; i < 3; i++) {
      String s = f.get(keys[i]);
      if (s != null && !s.isBlank()) {
        try {
          v[i] = Double.parseDouble(s.strip());
        } catch (NumberFormatException ex) {
          throw new DomainException.Invalid(keys[i] + " must be a number, got \"" + s + "\"");
        }
        given++;
      }
    }
    if (given == 0) {
      return null;
    }
    if (given < 3) {
      throw new DomainException.Invalid(
          "give all three of trainFraction, validationFraction and testFraction, or none");
    }
    return new SplitFractions(v[0], v[1], v[2]);
  }
}
