package io.visiongrade.lms.lti.registration;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Registrations held in memory: for tests, the demo LMS and single-node development. */
public final class InMemoryPlatformRegistrations implements PlatformRegistrations {

  private final Map<RegistrationKey, PlatformRegistration> byKey = new ConcurrentHashMap<>();

  /** Adds or replaces a registration. */
  public InMemoryPlatformRegistrations save(PlatformRegistration registration) {
    byKey.put(registration.key(), registration);
    return this;
  }

  @Override
  public Optional<PlatformRegistration> find(String issuer, String clientId) {
    if (issuer == null || clientId == null) {
      return Optional.empty();
    }
    return Optional.ofNullable(byKey.get(new RegistrationKey(issuer, clientId)));
  }

  @Override
  public List<PlatformRegistration> findByIssuer(String issuer) {
    return byKey.values().stream().filter(r -> r.issuer().equals(issuer)).toList();
  }
}
