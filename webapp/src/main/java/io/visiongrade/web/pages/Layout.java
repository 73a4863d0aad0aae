package io.visiongrade.web.pages;

import static io.visiongrade.web.Page.e;

import java.util.List;

/**
 * The frame of every launched page: language, style sheet, the page's scripts (external files only:
 * the pages' Content-Security-Policy forbids inline script), a skip link, the course's navigation
 * by role and the main content. The session token and context path travel in {@code <meta>} tags
 * for {@code static/app.js}.
 */
public final class Layout {

  /** A navigation entry: its message key and app path. */
  public record NavItem(String key, String path) {}

  /** What teachers see in the navigation bar. */
  public static final List<NavItem> TEACHER_NAV =
      List.of(
          new NavItem("nav.home", "app/home"),
          new NavItem("nav.datasets", "app/teach/datasets"),
          new NavItem("nav.models", "app/teach/models"),
          new NavItem("nav.reviews", "app/teach/reviews"),
          new NavItem("nav.gradebook", "app/teach/gradebook"));

  /** What students see in the navigation bar. */
  public static final List<NavItem> STUDENT_NAV = List.of(new NavItem("nav.home", "app/home"));

  private Layout() {}

  /**
   * A complete page.
   *
   * @param ctx the caller
   * @param title the page title (plain text; escaped here)
   * @param current the path of the navigation entry to mark current, or null
   * @param body the main content (already safe HTML)
   * @param scripts static script names loaded after {@code app.js} ("canvas.js")
   */
  public static String page(
      PageContext ctx, String title, String current, String body, List<String> scripts) {
    Messages m = ctx.msg();
    StringBuilder sb = new StringBuilder(body.length() + 2048);
    sb.append("<!DOCTYPE html>\n<html lang=\"")
        .append(e(m.language()))
        .append("\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>")
        .append(e(title))
        .append(" · VisionGrade</title>\n")
        .append("<meta name=\"vg-base\" content=\"")
        .append(e(ctx.base()))
        .append("\">\n");
    if (ctx.token() != null) {
      sb.append("<meta name=\"vg-session\" content=\"").append(e(ctx.token())).append("\">\n");
    }
    sb.append("<link rel=\"icon\" href=\"").append(ctx.asset("icon.svg")).append("\">\n");
    sb.append("<link rel=\"stylesheet\" href=\"").append(ctx.asset("app.css")).append("\">\n");
    sb.append("<script src=\"").append(ctx.asset("app.js")).append("\" defer></script>\n");
    for (String s : scripts) {
      sb.append("<script src=\"").append(ctx.asset(s)).append("\" defer></script>\n");
    }
    sb.append("</head>\n<body>\n<a class=\"skip\" href=\"#main\">")
        .append(m.e("nav.skip"))
        .append("</a>\n");
    if (ctx.session() != null) {
      sb.append("<header class=\"top\"><nav aria-label=\"")
          .append(m.e("nav.label"))
          .append("\"><ul>");
      for (NavItem item : ctx.teacher() ? TEACHER_NAV : STUDENT_NAV) {
        sb.append("<li><a href=\"").append(ctx.href(item.path())).append('"');
        if (item.path().equals(current)) {
          sb.append(" aria-current=\"page\"");
        }
        sb.append('>').append(m.e(item.key())).append("</a></li>");
      }
      sb.append("</ul></nav><span class=\"who\">")
          .append(e(ctx.session().displayName().orElse(m.get("nav.anonymous"))))
          .append("</span></header>\n");
    }
    sb.append("<main id=\"main\" tabindex=\"-1\">\n")
        .append(body)
        .append("\n</main>\n<div id=\"vg-toast\" role=\"status\" aria-live=\"polite\"></div>\n")
        .append("</body>\n</html>\n");
    return sb.toString();
  }

  /** A page without extra scripts. */
  public static String page(PageContext ctx, String title, String current, String body) {
    return page(ctx, title, current, body, List.of());
  }
}
