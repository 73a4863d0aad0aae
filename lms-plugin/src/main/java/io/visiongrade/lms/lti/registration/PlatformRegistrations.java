package io.visiongrade.lms.lti.registration;

import java.util.List;
import java.util.Optional;

/** Lookup of the platforms this tool trusts. The web module implements it over JPA. */
public interface PlatformRegistrations {

  /** The registration for an issuer and client_id, if there is one. */
  Optional<PlatformRegistration> find(String issuer, String clientId);

  /** All registrations of an issuer (several for hosted platforms sharing one issuer). */
  List<PlatformRegistration> findByIssuer(String issuer);
}
