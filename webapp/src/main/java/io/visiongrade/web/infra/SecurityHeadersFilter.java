package io.visiongrade.web.infra;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Headers on every response: no Referer leaves our pages (their URLs can carry the launch session
 * token), browsers never guess content types, and only the registered platforms may frame us
 * ({@code frame-ancestors}, see {@link FrameAncestors}; never {@code X-Frame-Options: DENY}: the
 * pages run inside LMS iframes). The app's own pages ({@code GET /app/...}) also get a strict
 * script policy: scripts only from {@code /static}, no inline script, no {@code eval}.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class SecurityHeadersFilter extends HttpFilter {

  @Inject FrameAncestors frameAncestors;

  @Override
  protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    res.setHeader("Referrer-Policy", "no-referrer");
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Content-Security-Policy", policy(req, frameAncestors.sources()));
    chain.doFilter(req, res);
  }

  static String policy(HttpServletRequest req, String ancestors) {
    String path = req.getRequestURI().substring(req.getContextPath().length());
    if ("GET".equals(req.getMethod()) && path.startsWith("/app/")) {
      return "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline';"
          + " img-src 'self' data: blob:; connect-src 'self'; object-src 'none';"
          + " base-uri 'none'; frame-ancestors "
          + ancestors;
    }
    return "frame-ancestors " + ancestors;
  }
}
