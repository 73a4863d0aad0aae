package io.visiongrade.lms.application;

import io.visiongrade.lms.domain.DomainException;
import io.visiongrade.lms.infrastructure.lti.JdbcPlatformRegistrations;
import io.visiongrade.lms.infrastructure.lti.LaunchSession;
import io.visiongrade.lms.lti.LtiServiceException;
import io.visiongrade.lms.lti.registration.PlatformRegistration;
import io.visiongrade.lms.lti.services.Membership;
import io.visiongrade.lms.lti.services.NrpsClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;

/** The course's roster from the LMS (Names and Role Provisioning Services), for teachers. */
@ApplicationScoped
public class CourseRoster {

  @Inject NrpsClient nrps;
  @Inject JdbcPlatformRegistrations registrations;

  /**
   * Every member of the caller's course, fetched from the LMS across all pages.
   *
   * @throws DomainException.Forbidden the caller is not a teacher
   * @throws DomainException.Invalid the LMS did not grant the roster service in this launch
   * @throws LtiServiceException the LMS failed or refused
   */
  public Membership members(LaunchSession session) throws LtiServiceException {
    if (!session.isTeacher()) {
      throw new DomainException.Forbidden("Only the course's teachers can see its roster");
    }
    URI url =
        session
            .nrpsMemberships()
            .orElseThrow(
                () ->
                    new DomainException.Invalid(
                        "The LMS did not offer its roster (Names and Role Provisioning Services)"
                            + " in this launch; enable that service for VisionGrade in the LMS."));
    PlatformRegistration registration =
        registrations
            .find(session.platform().issuer(), session.platform().clientId())
            .orElseThrow(
                () ->
                    new DomainException.NotFound(
                        "Platform registration", session.platform().toString()));
    return nrps.members(registration, url);
  }
}
