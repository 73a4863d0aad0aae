package io.visiongrade.web.app;

import io.visiongrade.lms.infrastructure.lti.JdbcLaunchSessions;
import io.visiongrade.lms.infrastructure.lti.LaunchSession;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/** Resolves the caller's launch session from the request. */
@ApplicationScoped
public class Sessions {

  @Inject JdbcLaunchSessions sessions;

  /**
   * The session of the token in {@code Authorization: Bearer} or the {@code session} parameter.
   *
   * @throws NotAuthorizedException no token, or an unknown or expired one (401)
   */
  public LaunchSession require(String sessionParam, HttpHeaders headers) {
    String token = sessionParam;
    String auth = headers == null ? null : headers.getHeaderString(HttpHeaders.AUTHORIZATION);
    if ((token == null || token.isBlank()) && auth != null && auth.startsWith("Bearer ")) {
      token = auth.substring("Bearer ".length()).strip();
    }
    return sessions
        .find(token)
        .orElseThrow(
            () ->
                new NotAuthorizedException(
                    "Your session has ended or was never started: open VisionGrade again from"
                        + " your course page.",
                    Response.status(401).build()));
  }
}
