package io.visiongrade.web.infra;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.logging.MDC;

/**
 * Gives every request an id: the caller's {@code X-Request-Id} when it is a sane token, else a new
 * one. The id is in every log line written while the request runs (MDC {@code requestId}), in the
 * {@code X-Request-Id} response header, and in every problem document.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class RequestIdFilter extends HttpFilter {

  /** The MDC key (the log pattern prints it as {@code %X{requestId}}). */
  public static final String MDC_KEY = "requestId";

  /** The header that carries the id in and out. */
  public static final String HEADER = "X-Request-Id";

  private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{8,64}");

  @Override
  protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    String given = req.getHeader(HEADER);
    String id =
        given != null && SANE.matcher(given).matches() ? given : UUID.randomUUID().toString();
    MDC.put(MDC_KEY, id);
    res.setHeader(HEADER, id);
    try {
      chain.doFilter(req, res);
    } finally {
      MDC.remove(MDC_KEY);
    }
  }
}
