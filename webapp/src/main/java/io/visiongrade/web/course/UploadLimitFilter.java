package io.visiongrade.web.course;

import io.visiongrade.lms.application.DatasetLibrary;
import io.visiongrade.lms.domain.DomainException;
import io.visiongrade.web.app.Sessions;
import io.visiongrade.web.problem.DomainExceptionMapper;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;

/**
 * Runs before a dataset upload's body is read: the caller must be a teacher of a course (else 401
 * or 403), and a declared {@code Content-Length} above {@code visiongrade.dataset.max-upload-bytes}
 * (plus a little for multipart headers) is refused with 413 at once. The body is then counted again
 * while it streams to a temporary file, for uploads without a length or with a false one.
 */
@Provider
@UploadLimit
@Priority(Priorities.AUTHORIZATION)
public class UploadLimitFilter implements ContainerRequestFilter {

  /** Room for multipart boundaries, part headers and the small form fields. */
  static final long MULTIPART_OVERHEAD = 64 * 1024;

  @Inject Sessions sessions;
  @Inject DatasetLibrary library;

  @Override
  public void filter(ContainerRequestContext request) {
    String token = request.getUriInfo().getQueryParameters().getFirst("session");
    String auth = request.getHeaderString(HttpHeaders.AUTHORIZATION);
    if ((token == null || token.isBlank()) && auth != null && auth.startsWith("Bearer ")) {
      token = auth.substring("Bearer ".length()).strip();
    }
    try {
      library.checkCanUpload(sessions.require(token, null));
      long max = library.limits().maxUploadBytes();
      MediaType type = request.getMediaType();
      boolean multipart = type != null && type.isCompatible(MediaType.MULTIPART_FORM_DATA_TYPE);
      long allowed = max + (multipart ? MULTIPART_OVERHEAD : 0);
      long declared = request.getLength();
      if (declared > allowed) {
        throw new DomainException.TooLarge(
            "The upload is "
                + declared
                + " bytes, more than the limit of "
                + max
                + " bytes (visiongrade.dataset.max-upload-bytes)",
            max);
      }
    } catch (DomainException e) {
      request.abortWith(new DomainExceptionMapper().toResponse(e));
    }
  }
}
