package io.visiongrade.lms.infrastructure.lti;

import io.visiongrade.lms.lti.launch.DeepLinkingSettings;
import io.visiongrade.lms.lti.launch.LtiLaunch;
import io.visiongrade.lms.lti.launch.LtiMessageType;
import io.visiongrade.lms.lti.launch.LtiRole;
import io.visiongrade.lms.lti.registration.RegistrationKey;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who is calling, after a validated launch: the platform and course, the user and their role, and
 * the service endpoints the launch granted. Held server-side; the browser holds only a random
 * token.
 */
public record LaunchSession(
    RegistrationKey platform,
    String deploymentId,
    LtiMessageType messageType,
    Optional<String> contextId,
    Optional<String> contextTitle,
    Optional<String> userId,
    Optional<String> displayName,
    LtiRole role,
    Optional<String> resourceLinkId,
    Optional<String> exerciseRef,
    Optional<URI> agsLineItems,
    Optional<URI> agsLineItem,
    Set<String> agsScopes,
    Optional<URI> nrpsMemberships,
    Optional<DeepLinkingSettings> deepLinking,
    Optional<String> locale,
    Instant createdAt,
    Instant expiresAt) {

  public LaunchSession {
    agsScopes = Set.copyOf(agsScopes);
  }

  /** True for teachers (Instructor, TeachingAssistant, ContentDeveloper, Administrator). */
  public boolean isTeacher() {
    return role == LtiRole.TEACHER;
  }

  /**
   * The deep linking request this session answers, as the launch the response builder takes (only
   * the fields a deep linking response uses are filled).
   */
  public LtiLaunch deepLinkingRequest() {
    if (!isDeepLinking() || deepLinking.isEmpty()) {
      throw new IllegalStateException("Not a deep linking session");
    }
    return new LtiLaunch(
        platform,
        deploymentId,
        messageType,
        deepLinking.get().returnUrl(),
        userId,
        displayName,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        List.of(),
        role,
        Optional.empty(),
        Optional.empty(),
        Map.of(),
        Optional.empty(),
        Optional.empty(),
        deepLinking,
        locale,
        Optional.empty());
  }

  /** True for deep linking requests, whose session serves the exercise picker. */
  public boolean isDeepLinking() {
    return messageType == LtiMessageType.DEEP_LINKING;
  }
}
