package io.visiongrade.web.problem;

import io.visiongrade.lms.infrastructure.persistence.Jdbc;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.sql.SQLException;
import java.util.Locale;
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
    for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
      if (c instanceof SQLException sql
          && (sql.getSQLState() == null
              ? String.valueOf(sql.getMessage()).toLowerCase(Locale.ROOT).contains("connection")
              : sql.getSQLState().startsWith("08"))) {
        // JPA and the transaction manager wrap a lost database connection in their own exceptions.
        LOG.warnf("Database unreachable: %s", c.toString());
        return Problem.response(503, "Service unavailable", Jdbc.DatabaseUnavailable.UNREACHABLE)
            .build();
      }
    }
    LOG.error("Unexpected failure", e);
    return Problem.response(
            500,
            "Internal error",
            "The server failed to handle this request. Quote the request id when reporting it.")
        .build();
  }
}
