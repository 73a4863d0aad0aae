package io.visiongrade.web.problem;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * JAX-RS's own errors (unknown path, wrong method, unsupported media type, unparsable parameter) as
 * problem details instead of the runtime's HTML pages.
 */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

  @Override
  public Response toResponse(WebApplicationException e) {
    Response original = e.getResponse();
    int status = original.getStatus();
    if (original.hasEntity()
        && Problem.MEDIA_TYPE.equals(String.valueOf(original.getMediaType()))) {
      return original;
    }
    String title = original.getStatusInfo().getReasonPhrase();
    String detail =
        switch (status) {
          case 404 -> "There is nothing at this address.";
          case 405 -> "This address does not take that HTTP method.";
          case 406 -> "This address cannot answer in the media type the request accepts.";
          case 415 -> "This address does not take a body of that media type.";
          default -> e.getMessage();
        };
    Response.ResponseBuilder r = Problem.response(status, title, detail);
    original
        .getHeaders()
        .forEach(
            (name, values) -> {
              if (!name.equalsIgnoreCase("Content-Type")) {
                values.forEach(v -> r.header(name, v));
              }
            });
    return r.build();
  }
}
