package io.visiongrade.web.problem;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.jboss.logging.Logger;

/**
 * Anything else is a bug or an infrastructure fault: logged with its stack trace, answered with a
 * 500 problem that gives the request id and no internals.
 */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Exception> {

  private static final Logger LOG = Logger.getLogger(UnexpectedExceptionMapper.class);

  @Override
  public Response toResponse(Exception e) {
    LOG.error("Unexpected failure", e);
    return Problem.response(
            500,
            "Internal error",
            "The server failed to handle this request. Quote the request id when reporting it.")
        .build();
  }
}
