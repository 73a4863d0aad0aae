package io.visiongrade.web.problem;

import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * JSON binding failures that reach the application unwrapped: 400, like {@link
 * BodyProcessingMapper}.
 */
@Provider
public class JsonbExceptionMapper implements ExceptionMapper<JsonbException> {

  @Override
  public Response toResponse(JsonbException e) {
    return Problem.response(400, "Unreadable request body", BodyProcessingMapper.reason(e)).build();
  }
}
