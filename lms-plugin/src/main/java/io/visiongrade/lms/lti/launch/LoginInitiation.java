package io.visiongrade.lms.lti.launch;

import io.visiongrade.lms.lti.LtiErrorCode;
import io.visiongrade.lms.lti.LtiValidationException;
import io.visiongrade.lms.lti.ToolConfiguration;
import io.visiongrade.lms.lti.registration.PlatformRegistration;
import io.visiongrade.lms.lti.registration.PlatformRegistrations;
import io.visiongrade.lms.lti.support.Randoms;
import io.visiongrade.lms.lti.support.Urls;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Step 1 of the LTI launch: the platform's OIDC third-party login initiation. Finds the
 * registration, creates a fresh state and nonce, stores them, and builds the authentication request
 * that sends the browser to the platform (Security Framework 5.1.1.1 and 5.1.1.2; LTI Core 1.3
 * section 4.1).
 */
public final class LoginInitiation {

  /** How long a login may take between initiation and launch by default. */
  public static final Duration DEFAULT_STATE_LIFETIME = Duration.ofMinutes(10);

  private final ToolConfiguration tool;
  private final PlatformRegistrations registrations;
  private final StateStore states;
  private final Clock clock;
  private final Duration stateLifetime;

  public LoginInitiation(
      ToolConfiguration tool,
      PlatformRegistrations registrations,
      StateStore states,
      Clock clock,
      Duration stateLifetime) {
    this.tool = Objects.requireNonNull(tool, "tool");
    this.registrations = Objects.requireNonNull(registrations, "registrations");
    this.states = Objects.requireNonNull(states, "states");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.stateLifetime = Objects.requireNonNull(stateLifetime, "stateLifetime");
  }

  public LoginInitiation(
      ToolConfiguration tool, PlatformRegistrations registrations, StateStore states, Clock clock) {
    this(tool, registrations, states, clock, DEFAULT_STATE_LIFETIME);
  }

  /**
   * Handles one login initiation request.
   *
   * @throws LtiValidationException a required parameter is missing, the target is not this tool, or
   *     no single registration matches
   */
  public LoginRedirect initiate(LoginRequest request) throws LtiValidationException {
    // Security Framework 5.1.1.1: iss, login_hint and target_link_uri are required.
    require(request.issuer(), "iss");
    require(request.loginHint(), "login_hint");
    require(request.targetLinkUri(), "target_link_uri");
    URI target;
    try {
      target = new URI(request.targetLinkUri());
    } catch (java.net.URISyntaxException e) {
      throw new LtiValidationException(
          LtiErrorCode.LOGIN_TARGET_NOT_OURS, "The target_link_uri is not a valid URL.");
    }
    // The tool must only start logins for its own endpoints (no open redirect through us).
    if (!tool.isOwnUrl(target)) {
      throw new LtiValidationException(
          LtiErrorCode.LOGIN_TARGET_NOT_OURS,
          "The target_link_uri " + target + " is not an address of this tool.");
    }
    PlatformRegistration registration = findRegistration(request);

    // Security Framework 5.1.1.2: state and nonce, unguessable, bound to this login.
    Instant expiresAt = clock.instant().plus(stateLifetime);
    String state = Randoms.token();
    String nonce = Randoms.token();
    states.save(
        new LoginState(
            state, nonce, registration.issuer(), registration.clientId(), target, expiresAt));

    Map<String, String> params = new LinkedHashMap<>();
    params.put("scope", "openid");
    params.put("response_type", "id_token");
    params.put("response_mode", "form_post");
    params.put("prompt", "none");
    params.put("client_id", registration.clientId());
    params.put("redirect_uri", tool.launchUrl().toString());
    params.put("login_hint", request.loginHint());
    params.put("lti_message_hint", request.ltiMessageHint());
    params.put("state", state);
    params.put("nonce", nonce);
    return new LoginRedirect(Urls.withQuery(registration.authLoginUrl(), params), state, expiresAt);
  }

  private PlatformRegistration findRegistration(LoginRequest request)
      throws LtiValidationException {
    if (request.clientId() != null) {
      return registrations
          .find(request.issuer(), request.clientId())
          .orElseThrow(
              () ->
                  new LtiValidationException(
                      LtiErrorCode.REGISTRATION_UNKNOWN,
                      "This tool is not registered with platform "
                          + request.issuer()
                          + " as client "
                          + request.clientId()
                          + "."));
    }
    List<PlatformRegistration> candidates = registrations.findByIssuer(request.issuer());
    if (candidates.size() > 1 && request.deploymentId() != null) {
      candidates =
          candidates.stream().filter(r -> r.hasDeployment(request.deploymentId())).toList();
    }
    if (candidates.isEmpty()) {
      throw new LtiValidationException(
          LtiErrorCode.REGISTRATION_UNKNOWN,
          "This tool is not registered with platform " + request.issuer() + ".");
    }
    if (candidates.size() > 1) {
      throw new LtiValidationException(
          LtiErrorCode.REGISTRATION_AMBIGUOUS,
          "Platform "
              + request.issuer()
              + " has several registrations of this tool and sent no client_id.");
    }
    return candidates.get(0);
  }

  private static void require(String value, String name) throws LtiValidationException {
    if (value == null || value.isBlank()) {
      throw new LtiValidationException(
          LtiErrorCode.LOGIN_PARAMETER_MISSING, "The login request has no " + name + " parameter.");
    }
  }
}
