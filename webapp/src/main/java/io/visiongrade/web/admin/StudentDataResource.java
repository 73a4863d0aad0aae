package io.visiongrade.web.admin;

import io.visiongrade.lms.application.StudentPrivacy;
import io.visiongrade.lms.domain.DomainException;
import io.visiongrade.lms.infrastructure.lti.JdbcPlatformRegistrations;
import io.visiongrade.lms.lti.registration.PlatformRegistration;
import io.visiongrade.web.course.PrivacyResource;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The administrator deletes one student's data in one course, on request (PRIVACY.md): the platform
 * registration, the LMS course (context id) and the student's LTI user id (sub) are query
 * parameters, so that ids with any characters work.
 */
@Path("api/admin/student-data")
@Produces(MediaType.APPLICATION_JSON)
@AdminOnly
@Tag(name = "admin")
@SecurityRequirement(name = "adminToken")
public class StudentDataResource {

  @Inject JdbcPlatformRegistrations registrations;
  @Inject StudentPrivacy privacy;

  @DELETE
  @Operation(
      summary = "Delete one student's data in a course of a platform",
      description =
          "platform: the registration id (GET /api/admin/platforms); context: the LMS course's"
              + " context id; sub: the student's LTI user id. Deletes what the teachers' DELETE"
              + " /api/course/students/{sub}/data deletes; 404 for a course no one launched into;"
              + " 409 while a job of the student runs.")
  public PrivacyResource.DeletedJson delete(
      @QueryParam("platform") Long platform,
      @QueryParam("context") String context,
      @QueryParam("sub") String sub) {
    if (platform == null) {
      throw new DomainException.Invalid(
          "platform is missing: give the platform registration's id (GET /api/admin/platforms)");
    }
    PlatformRegistration r =
        registrations
            .get(platform)
            .orElseThrow(() -> new DomainException.NotFound("Platform registration", platform))
            .registration();
    return PrivacyResource.DeletedJson.of(
        privacy.deleteStudent(r.issuer(), r.clientId(), context, sub));
  }
}
