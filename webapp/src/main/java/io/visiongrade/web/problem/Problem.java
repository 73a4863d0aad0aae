package io.visiongrade.web.problem;

import io.visiongrade.web.infra.RequestIdFilter;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.MDC;

/**
 * An RFC 9457 problem document.
 *
 * @param type a URI naming the kind of problem ({@code about:blank} when the status says it all)
 * @param title a short summary of the kind of problem
 * @param status the HTTP status
 * @param detail what went wrong in this request, and what to do about it
 * @param requestId the id of this request in the server's log
 */
public record Problem(String type, String title, int status, String detail, String requestId) {

  /** The media type of problem documents. */
  public static final String MEDIA_TYPE = "application/problem+json";

  /** A problem for the current request. */
  public static Problem of(int status, String title, String detail) {
    Object id = MDC.get(RequestIdFilter.MDC_KEY);
    return new Problem("about:blank", title, status, detail, id == null ? null : id.toString());
  }

  /** A response builder carrying a problem for the current request. */
  public static Response.ResponseBuilder response(int status, String title, String detail) {
    return Response.status(status).type(MEDIA_TYPE).entity(of(status, title, detail));
  }
}
