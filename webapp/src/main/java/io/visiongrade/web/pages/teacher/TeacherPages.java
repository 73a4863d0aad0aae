package io.visiongrade.web.pages.teacher;

import static io.visiongrade.web.Page.e;

import io.visiongrade.lms.infrastructure.lti.LaunchSession;
import io.visiongrade.web.pages.Layout;
import io.visiongrade.web.pages.Messages;
import io.visiongrade.web.pages.PageContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** What the teacher pages share: the teacher check, responses, and small HTML pieces. */
final class TeacherPages {

  static final MediaType HTML = MediaType.TEXT_HTML_TYPE.withCharset("utf-8");

  private static final DateTimeFormatter SHOWN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private TeacherPages() {}

  /** A page (200, not cached: it carries the session and the current state). */
  static Response ok(PageContext ctx, String title, String nav, String body, List<String> js) {
    return Response.ok(Layout.page(ctx, title, nav, body, js), HTML)
        .header("Cache-Control", "no-store")
        .build();
  }

  /** The 403 page a student (or any non-teacher) gets on a teacher page. */
  static Response forbidden(PageContext ctx) {
    Messages m = ctx.msg();
    String body =
        "<h1>"
            + m.e("teacher.forbidden.title")
            + "</h1>\n<p class=\"error\" role=\"alert\" id=\"forbidden\">"
            + m.e("teacher.forbidden.text")
            + "</p>\n<p><a href=\""
            + ctx.href("app/home")
            + "\">"
            + m.e("nav.home")
            + "</a></p>";
    return Response.status(403)
        .type(HTML)
        .header("Cache-Control", "no-store")
        .entity(Layout.page(ctx, m.get("teacher.forbidden.title"), null, body))
        .build();
  }

  /** Whether the caller may see the teacher pages. */
  static boolean isTeacher(LaunchSession s) {
    return s.isTeacher();
  }

  /** 303 to an app path of the same session (Post/Redirect/Get), with an optional notice. */
  static Response seeOther(PageContext ctx, String path, String notice) {
    String url = ctx.base() + path;
    StringBuilder q = new StringBuilder();
    if (ctx.token() != null) {
      q.append("session=").append(URLEncoder.encode(ctx.token(), StandardCharsets.UTF_8));
    }
    if (notice != null) {
      q.append(q.length() == 0 ? "" : "&")
          .append("done=")
          .append(URLEncoder.encode(notice, StandardCharsets.UTF_8));
    }
    String sep = url.contains("?") ? "&" : "?";
    return Response.seeOther(URI.create(q.length() == 0 ? url : url + sep + q)).build();
  }

  /** The notice of a redirect after an action ("saved", "promoted"), as a status line. */
  static String notice(Messages m, String done) {
    if (done == null || !done.matches("[a-z]{1,20}") || !m.has("teacher.done." + done)) {
      return "";
    }
    return "<p class=\"alert-ok\" role=\"status\" id=\"notice\">"
        + m.e("teacher.done." + done)
        + "</p>\n";
  }

  /**
   * Message patterns for a page's script, as {@code data-msg-<name>} attributes ({0} placeholders
   * left in for the script to fill).
   */
  static String scriptMessages(Messages m, String prefix, String... names) {
    StringBuilder sb = new StringBuilder();
    for (String n : names) {
      sb.append(" data-msg-")
          .append(n.replaceAll("[^A-Za-z0-9]+", "-").toLowerCase(Locale.ROOT))
          .append("=\"")
          .append(e(m.get(prefix + n)))
          .append('"');
    }
    return sb.toString();
  }

  /** A hidden form field. */
  static String hidden(String name, String value) {
    return "<input type=\"hidden\" name=\"" + e(name) + "\" value=\"" + e(value) + "\">";
  }

  /** The session's hidden field (forms post the token: no cookies). */
  static String sessionField(PageContext ctx) {
    return ctx.token() == null ? "" : hidden("session", ctx.token());
  }

  /** An instant as people read it, or the "none" text. */
  static String when(Messages m, Instant t) {
    return t == null ? m.e("common.none") : e(SHOWN.format(t));
  }

  /** A share in [0, 1] as a percentage ("87.5 %"), or "–". */
  static String percent(Double v) {
    if (v == null || !Double.isFinite(v)) {
      return "–";
    }
    return String.format(Locale.ROOT, "%.1f %%", v * 100);
  }

  /** A number without a useless ".0". */
  static String number(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.valueOf(v);
  }

  /** The token of the first non-blank of the two (query parameter or form field). */
  static String token(String a, String b) {
    return a != null && !a.isBlank() ? a : b;
  }
}
