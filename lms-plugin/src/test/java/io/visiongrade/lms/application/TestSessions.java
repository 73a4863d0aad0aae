package io.visiongrade.lms.application;

import io.visiongrade.lms.infrastructure.lti.LaunchSession;
import io.visiongrade.lms.lti.launch.LtiMessageType;
import io.visiongrade.lms.lti.launch.LtiRole;
import io.visiongrade.lms.lti.registration.RegistrationKey;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/** Launch sessions for use-case tests. */
public final class TestSessions {

  private TestSessions() {}

  public static LaunchSession teacher(String contextId) {
    return session(contextId, "teacher-1", LtiRole.TEACHER);
  }

  public static LaunchSession student(String contextId, String userId) {
    return session(contextId, userId, LtiRole.STUDENT);
  }

  public static LaunchSession session(String contextId, String userId, LtiRole role) {
    Instant now = Instant.parse("2026-11-28T12:00:00Z");
    return new LaunchSession(
        new RegistrationKey("https://lms.example", "client-1"),
        "deployment-1",
        LtiMessageType.RESOURCE_LINK,
        Optional.of(contextId),
        Optional.of("Course " + contextId),
        Optional.of(userId),
        Optional.of(userId),
        role,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Set.of(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        now,
        now.plusSeconds(3600));
  }
}
