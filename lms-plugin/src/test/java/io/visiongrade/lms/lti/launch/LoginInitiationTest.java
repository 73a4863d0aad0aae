package io.visiongrade.lms.lti.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.visiongrade.lms.lti.LtiErrorCode;
import io.visiongrade.lms.lti.LtiValidationException;
import io.visiongrade.lms.lti.ToolConfiguration;
import io.visiongrade.lms.lti.registration.InMemoryPlatformRegistrations;
import io.visiongrade.lms.lti.registration.PlatformRegistration;
import io.visiongrade.lms.lti.support.Urls;
import io.visiongrade.lms.lti.testing.MutableClock;
import java.net.URI;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LoginInitiationTest {

  static final ToolConfiguration TOOL =
      ToolConfiguration.under("VisionGrade", URI.create("https://tool.example.org/visiongrade"));
  static final String CANVAS = "https://canvas.instructure.com";

  MutableClock clock = MutableClock.atSystemTime();
  InMemoryPlatformRegistrations registrations;
  InMemoryStateStore states;
  LoginInitiation login;

  @BeforeEach
  void setUp() {
    registrations =
        new InMemoryPlatformRegistrations()
            .save(reg("https://moodle.example.edu", "moodle-client", "d1"))
            .save(reg(CANVAS, "1000001", "canvas-dep-a"))
            .save(reg(CANVAS, "1000002", "canvas-dep-b"));
    states = new InMemoryStateStore(clock);
    login = new LoginInitiation(TOOL, registrations, states, clock, Duration.ofMinutes(5));
  }

  static PlatformRegistration reg(String iss, String clientId, String deployment) {
    return new PlatformRegistration(
        iss,
        clientId,
        Set.of(deployment),
        URI.create(iss + "/auth?tenant=x"),
        URI.create(iss + "/token"),
        URI.create(iss + "/jwks"),
        null);
  }

  LoginRequest request(String iss, String clientId, String deployment) {
    return new LoginRequest(
        iss, "login-hint-9", TOOL.launchUrl().toString(), "message-hint-3", clientId, deployment);
  }

  @Test
  void buildsTheAuthenticationRequest() throws Exception {
    LoginRedirect redirect = login.initiate(request("https://moodle.example.edu", null, null));

    URI url = redirect.redirectUrl();
    assertTrue(
        url.toString().startsWith("https://moodle.example.edu/auth?tenant=x&"), url.toString());
    Map<String, String> q = Urls.parseForm(url.getRawQuery());
    assertEquals("openid", q.get("scope"));
    assertEquals("id_token", q.get("response_type"));
    assertEquals("form_post", q.get("response_mode"));
    assertEquals("none", q.get("prompt"));
    assertEquals("moodle-client", q.get("client_id"));
    assertEquals("https://tool.example.org/visiongrade/lti/launch", q.get("redirect_uri"));
    assertEquals("login-hint-9", q.get("login_hint"));
    assertEquals("message-hint-3", q.get("lti_message_hint"));
    assertEquals(redirect.state(), q.get("state"));
    assertTrue(Base64.getUrlDecoder().decode(q.get("state")).length >= 16, "128+ bits of state");
    assertTrue(Base64.getUrlDecoder().decode(q.get("nonce")).length >= 16, "128+ bits of nonce");
    assertNotEquals(q.get("state"), q.get("nonce"));
    assertEquals(clock.instant().plus(Duration.ofMinutes(5)), redirect.expiresAt());

    LoginState stored = states.consume(redirect.state(), clock.instant()).orElseThrow();
    assertEquals(q.get("nonce"), stored.nonce());
    assertEquals("moodle-client", stored.clientId());
  }

  @Test
  void everyLoginGetsFreshValues() throws Exception {
    LoginRedirect a = login.initiate(request("https://moodle.example.edu", null, null));
    LoginRedirect b = login.initiate(request("https://moodle.example.edu", null, null));
    assertNotEquals(a.state(), b.state());
    assertEquals(2, states.size());
  }

  @Test
  void picksTheRegistrationByClientIdWhenAnIssuerHasSeveral() throws Exception {
    LoginRedirect redirect = login.initiate(request(CANVAS, "1000002", null));
    assertEquals("1000002", Urls.parseForm(redirect.redirectUrl().getRawQuery()).get("client_id"));
  }

  @Test
  void picksTheRegistrationByDeploymentWhenClientIdIsAbsent() throws Exception {
    LoginRedirect redirect = login.initiate(request(CANVAS, null, "canvas-dep-a"));
    assertEquals("1000001", Urls.parseForm(redirect.redirectUrl().getRawQuery()).get("client_id"));
  }

  @Test
  void refusesAnAmbiguousIssuer() {
    assertCode(LtiErrorCode.REGISTRATION_AMBIGUOUS, request(CANVAS, null, null));
  }

  @Test
  void refusesUnknownPlatformsAndClients() {
    assertCode(LtiErrorCode.REGISTRATION_UNKNOWN, request("https://evil.example", null, null));
    assertCode(LtiErrorCode.REGISTRATION_UNKNOWN, request(CANVAS, "999", null));
  }

  @Test
  void refusesMissingParameters() {
    String target = TOOL.launchUrl().toString();
    assertCode(
        LtiErrorCode.LOGIN_PARAMETER_MISSING,
        new LoginRequest(null, "h", target, null, null, null));
    assertCode(
        LtiErrorCode.LOGIN_PARAMETER_MISSING,
        new LoginRequest(CANVAS, " ", target, null, null, null));
    assertCode(
        LtiErrorCode.LOGIN_PARAMETER_MISSING,
        new LoginRequest(CANVAS, "h", null, null, null, null));
    assertEquals(
        400,
        assertThrows(
                LtiValidationException.class,
                () -> login.initiate(LoginRequest.fromParameters(Map.of("iss", CANVAS))))
            .httpStatus());
  }

  @Test
  void refusesTargetsOutsideTheTool() {
    for (String target :
        new String[] {
          "https://evil.example/visiongrade/lti/launch",
          "https://tool.example.org/other-app/launch",
          "http://tool.example.org/visiongrade/lti/launch",
          "https://tool.example.org:8443/visiongrade/lti/launch",
          "/visiongrade/lti/launch",
          "not a url"
        }) {
      assertCode(
          LtiErrorCode.LOGIN_TARGET_NOT_OURS,
          new LoginRequest("https://moodle.example.edu", "h", target, null, null, null));
    }
  }

  @Test
  void readsStandardParameterNames() {
    LoginRequest r =
        LoginRequest.fromParameters(
            Map.of(
                "iss", CANVAS,
                "login_hint", "u1",
                "target_link_uri", "https://tool.example.org/visiongrade/lti/launch",
                "lti_message_hint", "m",
                "client_id", "1000001",
                "lti_deployment_id", "canvas-dep-a"));
    assertEquals(
        new LoginRequest(
            CANVAS,
            "u1",
            "https://tool.example.org/visiongrade/lti/launch",
            "m",
            "1000001",
            "canvas-dep-a"),
        r);
  }

  private void assertCode(LtiErrorCode code, LoginRequest request) {
    LtiValidationException e =
        assertThrows(LtiValidationException.class, () -> login.initiate(request));
    assertEquals(code, e.code(), e.getMessage());
    assertEquals(400, e.httpStatus());
  }
}
