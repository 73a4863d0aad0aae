package io.visiongrade.lms.lti.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.util.JSONObjectUtils;
import io.visiongrade.lms.lti.LtiClaims;
import io.visiongrade.lms.lti.LtiErrorCode;
import io.visiongrade.lms.lti.LtiServiceException;
import io.visiongrade.lms.lti.LtiValidationException;
import io.visiongrade.lms.lti.ToolConfiguration;
import io.visiongrade.lms.lti.services.PlatformHttp;
import io.visiongrade.lms.lti.support.JsonObject;
import io.visiongrade.lms.lti.testing.LoopbackServer;
import io.visiongrade.lms.lti.testing.MutableClock;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DynamicRegistrationTest {

  static final ToolConfiguration TOOL =
      ToolConfiguration.under("VisionGrade", URI.create("https://grade.example.org/vg/"));

  LoopbackServer server = LoopbackServer.start();
  DynamicRegistration registration;
  Map<String, Object> configuration;
  AtomicReference<LoopbackServer.Response> registrationAnswer = new AtomicReference<>();
  AtomicReference<LoopbackServer.Request> registrationRequest = new AtomicReference<>();
  AtomicReference<LoopbackServer.Request> configurationRequest = new AtomicReference<>();

  @BeforeEach
  void setUp() {
    String issuer = server.url("/moodle").toString();
    configuration = new LinkedHashMap<>();
    configuration.put("issuer", issuer);
    configuration.put("authorization_endpoint", issuer + "/mod/lti/auth.php");
    configuration.put("token_endpoint", issuer + "/mod/lti/token.php");
    configuration.put("jwks_uri", issuer + "/mod/lti/certs.php");
    configuration.put("registration_endpoint", issuer + "/mod/lti/openid-registration.php");
    configuration.put(
        "scopes_supported",
        List.of(
            "openid",
            "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem",
            "https://purl.imsglobal.org/spec/lti-ags/scope/score",
            "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly"));
    configuration.put("token_endpoint_auth_methods_supported", List.of("private_key_jwt"));
    configuration.put("id_token_signing_alg_values_supported", List.of("RS256"));
    configuration.put(
        LtiClaims.PLATFORM_CONFIGURATION,
        Map.of("product_family_code", "moodle", "version", "4.5"));
    server.route(
        "/moodle/mod/lti/openid-configuration.php",
        r -> {
          configurationRequest.set(r);
          return LoopbackServer.Response.json(200, JSONObjectUtils.toJSONString(configuration));
        });
    server.route(
        "/moodle/mod/lti/openid-registration.php",
        r -> {
          registrationRequest.set(r);
          return registrationAnswer.get();
        });
    registrationAnswer.set(
        LoopbackServer.Response.json(
            200,
            "{\"client_id\":\"dyn-client-1\",\""
                + LtiClaims.TOOL_CONFIGURATION
                + "\":{\"deployment_id\":\"7\"}}"));
    registration =
        new DynamicRegistration(
            new PlatformHttp(
                LoopbackServer.client(), Duration.ofSeconds(2), MutableClock.atSystemTime()),
            TOOL);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  URI configUrl() {
    return server.url("/moodle/mod/lti/openid-configuration.php");
  }

  @Test
  void registersAndReturnsTheRegistration() throws Exception {
    PlatformRegistration r = registration.register(configUrl(), Optional.of("reg-token-1"));

    assertEquals(server.url("/moodle").toString(), r.issuer());
    assertEquals("dyn-client-1", r.clientId());
    assertEquals(Set.of("7"), r.deploymentIds());
    assertEquals(
        URI.create(configuration.get("authorization_endpoint").toString()), r.authLoginUrl());
    assertEquals(URI.create(configuration.get("token_endpoint").toString()), r.tokenUrl());
    assertEquals(URI.create(configuration.get("jwks_uri").toString()), r.jwksUrl());
    assertTrue(r.name().startsWith("moodle"));

    assertEquals("Bearer reg-token-1", configurationRequest.get().header("Authorization"));
    LoopbackServer.Request post = registrationRequest.get();
    assertEquals("POST", post.method());
    assertEquals("Bearer reg-token-1", post.header("Authorization"));
    assertTrue(post.header("Content-Type").startsWith("application/json"));

    JsonObject body = JsonObject.parse(post.body());
    assertEquals(Optional.of("web"), body.string("application_type"));
    assertEquals(Optional.of(List.of("id_token")), body.strings("response_types"));
    assertEquals(
        Optional.of(List.of("implicit", "client_credentials")), body.strings("grant_types"));
    assertEquals(
        Optional.of("https://grade.example.org/vg/lti/login"), body.string("initiate_login_uri"));
    assertEquals(
        Optional.of(List.of("https://grade.example.org/vg/lti/launch")),
        body.strings("redirect_uris"));
    assertEquals(Optional.of("https://grade.example.org/vg/lti/jwks"), body.string("jwks_uri"));
    assertEquals(Optional.of("private_key_jwt"), body.string("token_endpoint_auth_method"));
    String scope = body.string("scope").orElseThrow();
    assertTrue(scope.contains("https://purl.imsglobal.org/spec/lti-ags/scope/score"));
    assertTrue(scope.contains("contextmembership.readonly"));
    assertFalse(scope.contains("result.readonly"), "only scopes the platform supports");

    JsonObject lti = body.object(LtiClaims.TOOL_CONFIGURATION).orElseThrow();
    assertEquals(Optional.of("grade.example.org"), lti.string("domain"));
    assertEquals(
        Optional.of("https://grade.example.org/vg/lti/launch"), lti.string("target_link_uri"));
    assertTrue(lti.strings("claims").orElseThrow().containsAll(List.of("sub", "email", "name")));
    List<JsonObject> messages = lti.objects("messages").orElseThrow();
    assertEquals(Optional.of("LtiResourceLinkRequest"), messages.get(0).string("type"));
    assertEquals(Optional.of("LtiDeepLinkingRequest"), messages.get(1).string("type"));
    assertEquals(
        Optional.of("https://grade.example.org/vg/lti/deep-link"),
        messages.get(1).string("target_link_uri"));
  }

  @Test
  void refusesAnIssuerThatDoesNotMatchTheConfigurationUrl() {
    configuration.put("issuer", "https://evil.example");
    assertConfigurationInvalid();
    configuration.put("issuer", server.url("/moodle-other").toString());
    assertConfigurationInvalid();
  }

  @Test
  void refusesMissingEndpointsAndUnsupportedSecurity() {
    configuration.remove("registration_endpoint");
    assertConfigurationInvalid();
    setUp();
    configuration.put("id_token_signing_alg_values_supported", List.of("HS256"));
    assertConfigurationInvalid();
    setUp();
    configuration.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic"));
    assertConfigurationInvalid();
  }

  @Test
  void reportsARefusedRegistration() {
    registrationAnswer.set(
        LoopbackServer.Response.json(
            400, "{\"error\":\"invalid_client_metadata\",\"error_description\":\"bad redirect\"}"));
    LtiServiceException e =
        assertThrows(
            LtiServiceException.class, () -> registration.register(configUrl(), Optional.empty()));
    assertEquals(LtiErrorCode.PLATFORM_REJECTED, e.code());
    assertTrue(e.getMessage().contains("bad redirect"));
    assertEquals(null, registrationRequest.get().header("Authorization"));
  }

  @Test
  void checksTheIssuerPrefixOnAPathBoundary() {
    URI url = URI.create("https://lms.example/moodle/mod/lti/openid-configuration.php");
    assertTrue(DynamicRegistration.isPrefix("https://lms.example/moodle", url));
    assertTrue(DynamicRegistration.isPrefix("https://lms.example/moodle/", url));
    assertTrue(DynamicRegistration.isPrefix("https://lms.example", url));
    assertFalse(DynamicRegistration.isPrefix("https://lms.example/moo", url));
    assertFalse(DynamicRegistration.isPrefix("https://lms.ex", url));
    assertFalse(DynamicRegistration.isPrefix("http://lms.example", url));
  }

  @Test
  void theClosingPageAsksThePlatformToClose() {
    assertTrue(DynamicRegistration.closeWindowHtml().contains("org.imsglobal.lti.close"));
  }

  private void assertConfigurationInvalid() {
    LtiValidationException e =
        assertThrows(
            LtiValidationException.class,
            () -> registration.register(configUrl(), Optional.empty()));
    assertEquals(LtiErrorCode.PLATFORM_CONFIGURATION_INVALID, e.code());
    assertEquals(400, e.httpStatus());
  }
}
