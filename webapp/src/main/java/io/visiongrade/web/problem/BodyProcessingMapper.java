package io.visiongrade.web.problem;

import jakarta.json.bind.JsonbException;
import jakarta.json.stream.JsonParsingException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * A request body that cannot be read as the endpoint's JSON (malformed JSON, a string where a
 * number belongs, an unknown enum value): 400 with the parser's reason, not a 500.
 */
@Provider
public class BodyProcessingMapper implements ExceptionMapper<ProcessingException> {

  @Override
  public Response toResponse(ProcessingException e) {
    return Problem.response(400, "Unreadable request body", reason(e)).build();
  }

  static String reason(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof io.visiongrade.lms.domain.DomainException.Invalid) {
        return t.getMessage();
      }
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof JsonParsingException || t instanceof JsonbException) {
        String m = t.getMessage();
        return "The body is not valid JSON for this endpoint"
            + (m == null ? "." : ": " + (m.length() > 300 ? m.substring(0, 300) + "…" : m));
      }
    }
    return "The body could not be read for this endpoint.";
  }
}
