package io.visiongrade.lms.lti.launch;

import io.visiongrade.lms.lti.LtiClaims;
import io.visiongrade.lms.lti.registration.RegistrationKey;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A launch that passed every check of the {@link LaunchValidator}: who the user is, what they may
 * do, where they came from, and which LTI services the platform offers for this context.
 *
 * @param platform the registration the launch came through
 * @param deploymentId the deployment, known to that registration
 * @param messageType resource link or deep linking request
 * @param targetLinkUri where the platform wants the user to land (the signed value; prefer it over
 *     the unsigned login parameter)
 * @param userId the platform's stable user id ({@code sub}); empty only for anonymous deep linking
 * @param roles the raw role URIs, as sent
 * @param role what the user may do here
 * @param custom custom parameters, values as strings
 */
public record LtiLaunch(
    RegistrationKey platform,
    String deploymentId,
    LtiMessageType messageType,
    URI targetLinkUri,
    Optional<String> userId,
    Optional<String> name,
    Optional<String> givenName,
    Optional<String> familyName,
    Optional<String> email,
    List<String> roles,
    LtiRole role,
    Optional<LtiContext> context,
    Optional<LtiResourceLink> resourceLink,
    Map<String, String> custom,
    Optional<AgsEndpoint> ags,
    Optional<NrpsEndpoint> nrps,
    Optional<DeepLinkingSettings> deepLinking,
    Optional<String> locale,
    Optional<LaunchPresentation> presentation) {

  public LtiLaunch {
    roles = List.copyOf(roles);
    custom = Map.copyOf(custom);
  }

  /** The exercise a placed resource link points at, from its {@code exercise_id} custom value. */
  public Optional<String> exerciseId() {
    return Optional.ofNullable(custom.get(LtiClaims.CUSTOM_EXERCISE_ID));
  }

  /** A name to show: the full name, else given and family names, else the email, else empty. */
  public Optional<String> displayName() {
    if (name.isPresent()) {
      return name;
    }
    String joined = (givenName.orElse("") + " " + familyName.orElse("")).trim();
    if (!joined.isEmpty()) {
      return Optional.of(joined);
    }
    return email;
  }
}
