package io.visiongrade.web.problem;

import io.visiongrade.lms.domain.DomainException;
import io.visiongrade.lms.infrastructure.storage.ContentStore;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** The domain's error family as problem details: each kind of failure has its status. */
@Provider
public class DomainExceptionMapper implements ExceptionMapper<DomainException> {

  @Override
  public Response toResponse(DomainException e) {
    if (e instanceof DomainException.NotFound) {
      return Problem.response(404, "Not found", e.getMessage()).build();
    }
    if (e instanceof DomainException.Conflict) {
      return Problem.response(409, "Conflict", e.getMessage()).build();
    }
    if (e instanceof DomainException.Forbidden) {
      return Problem.response(403, "Forbidden", e.getMessage()).build();
    }
    if (e instanceof DomainException.LimitExceeded limit) {
      Response.ResponseBuilder r = Problem.response(429, "Limit reached", e.getMessage());
      if (limit.retryAfterSeconds() > 0) {
        r.header(HttpHeaders.RETRY_AFTER, limit.retryAfterSeconds());
      }
      return r.build();
    }
    if (e instanceof DomainException.TooLarge) {
      return Problem.response(413, "Content too large", e.getMessage()).build();
    }
    if (e instanceof ContentStore.StorageFull) {
      return Problem.response(507, "Insufficient storage", e.getMessage()).build();
    }
    if (e instanceof DomainException.Unavailable) {
      return Problem.response(503, "Service unavailable", e.getMessage()).build();
    }
    return Problem.response(400, "Invalid request", e.getMessage()).build();
  }
}
