package io.visiongrade.web.lti;

import io.visiongrade.lms.lti.LtiException;
import io.visiongrade.web.Page;
import io.visiongrade.web.problem.Problem;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.jboss.logging.Logger;

/**
 * A rejected LTI message or a failed platform call: a page that says in plain words what failed
 * (browsers land here from the LMS), or a problem document for API clients, and one log line with
 * the reason. Messages never contain tokens.
 */
@Provider
public class LtiExceptionMapper implements ExceptionMapper<LtiException> {

  private static final Logger LOG = Logger.getLogger(LtiExceptionMapper.class);

  @Context HttpHeaders headers;

  @Override
  public Response toResponse(LtiException e) {
    int status = e.httpStatus();
    LOG.infof("LTI request rejected (%d %s): %s", status, e.code(), e.getMessage());
    // Browsers come here from the LMS: a page, unless the client asks for JSON and not HTML.
    boolean json =
        headers != null
            && headers.getAcceptableMediaTypes().stream()
                .anyMatch(t -> !t.isWildcardType() && t.getSubtype().endsWith("json"))
            && headers.getAcceptableMediaTypes().stream()
                .noneMatch(t -> !t.isWildcardType() && t.isCompatible(MediaType.TEXT_HTML_TYPE));
    boolean html = !json;
    if (html) {
      return Response.status(status)
          .type(MediaType.TEXT_HTML_TYPE.withCharset("utf-8"))
          .entity(
              Page.error(
                  "The LMS launch failed",
                  e.getMessage()
                      + " ("
                      + e.code()
                      + "). Try again from the course page; if it"
                      + " keeps failing, give this message to your LMS administrator."))
          .build();
    }
    return Problem.response(status, "LTI: " + e.code(), e.getMessage()).build();
  }
}
