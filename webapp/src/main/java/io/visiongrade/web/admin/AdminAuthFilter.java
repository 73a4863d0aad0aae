package io.visiongrade.web.admin;

import io.visiongrade.lms.infrastructure.config.Settings;
import io.visiongrade.web.problem.Problem;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

/**
 * Lets a request through to an {@link AdminOnly} resource only with {@code Authorization: Bearer
 * <admin token>}.
 */
@Provider
@AdminOnly
@Priority(Priorities.AUTHENTICATION)
public class AdminAuthFilter implements ContainerRequestFilter {

  private static final String BEARER = "Bearer ";

  @Inject Settings settings;

  @Override
  public void filter(ContainerRequestContext request) {
    String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
    if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      request.abortWith(
          Problem.response(
                  401,
                  "Authentication required",
                  "This endpoint needs the administrator token: Authorization: Bearer <token>.")
              .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"visiongrade-admin\"")
              .build());
      return;
    }
    if (!settings.isAdminToken(header.substring(BEARER.length()).strip())) {
      request.abortWith(
          Problem.response(
                  401, "Invalid administrator token", "The bearer token is not the admin token.")
              .header(
                  HttpHeaders.WWW_AUTHENTICATE,
                  "Bearer realm=\"visiongrade-admin\", error=\"invalid_token\"")
              .build());
    }
  }
}
