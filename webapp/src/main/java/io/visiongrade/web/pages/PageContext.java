package io.visiongrade.web.pages;

import io.visiongrade.lms.infrastructure.lti.LaunchSession;
import io.visiongrade.web.Page;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * What every page needs: the caller's launch session (absent on pages outside a launch), the token
 * that the page carries in its links and API calls (no cookies: the pages live in LMS iframes,
 * where third-party cookies are blocked), the context path and the messages in the caller's
 * language.
 *
 * @param session the launch session, or null
 * @param token the session token, or null
 * @param base the context path ending in '/', e.g. "/"
 * @param msg the caller's messages
 */
public record PageContext(LaunchSession session, String token, String base, Messages msg) {

  public PageContext {
    base = base == null || base.isEmpty() ? "/" : base.endsWith("/") ? base : base + "/";
  }

  /** The context of a launched page. */
  public static PageContext of(LaunchSession session, String token, String contextPath) {
    return new PageContext(session, token, contextPath, Messages.forLocale(session.locale()));
  }

  public Optional<LaunchSession> launch() {
    return Optional.ofNullable(session);
  }

  public boolean teacher() {
    return session != null && session.isTeacher();
  }

  /**
   * An escaped link to an app path ("app/home", "app/exercises/3?tab=x") that carries the session
   * token, ready for an {@code href} attribute.
   */
  public String href(String path) {
    String url = base + (path.startsWith("/") ? path.substring(1) : path);
    if (token != null && !token.isEmpty()) {
      url +=
          (url.contains("?") ? "&" : "?")
              + "session="
              + URLEncoder.encode(token, StandardCharsets.UTF_8);
    }
    return Page.e(url);
  }

  /** An escaped link to a static asset ("app.css"). */
  public String asset(String name) {
    return Page.e(base + "static/" + name);
  }
}
