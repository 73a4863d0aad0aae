package io.visiongrade.web.problem;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.stream.Collectors;

/** Bean Validation failures on request input as 400 problems naming each field. */
@Provider
public class ConstraintViolationMapper implements ExceptionMapper<ConstraintViolationException> {

  @Override
  public Response toResponse(ConstraintViolationException e) {
    String detail =
        e.getConstraintViolations().stream()
            .map(ConstraintViolationMapper::describe)
            .sorted()
            .collect(Collectors.joining("; "));
    return Problem.response(400, "Invalid request", detail).build();
  }

  private static String describe(ConstraintViolation<?> v) {
    String path = v.getPropertyPath().toString();
    int dot = path.lastIndexOf('.');
    String field = dot >= 0 ? path.substring(dot + 1) : path;
    return field + ": " + v.getMessage() + " (got " + v.getInvalidValue() + ")";
  }
}
