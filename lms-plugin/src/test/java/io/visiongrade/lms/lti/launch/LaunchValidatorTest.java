package io.visiongrade.lms.lti.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import io.visiongrade.lms.lti.LtiErrorCode;
import io.visiongrade.lms.lti.LtiValidationException;
import io.visiongrade.lms.lti.ToolConfiguration;
import io.visiongrade.lms.lti.registration.InMemoryPlatformRegistrations;
import io.visiongrade.lms.lti.registration.PlatformRegistration;
import io.visiongrade.lms.lti.support.Urls;
import io.visiongrade.lms.lti.testing.LoopbackServer;
import io.visiongrade.lms.lti.testing.MutableClock;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class LaunchValidatorTest {

  static final String ISSUER = "https://platform.example.edu";
  static final String CLIENT_ID = "vg-client-1";
  static final ToolConfiguration TOOL =
      ToolConfiguration.under("VisionGrade", URI.create("https://tool.example.org/visiongrade/"));

  static RSAKey platformKey;
  static RSAKey otherKey;
  static LoopbackServer server;
  static final AtomicReference<String> servedJwks = new AtomicReference<>();

  MutableClock clock;
  InMemoryPlatformRegistrations registrations;
  InMemoryStateStore states;
  LoginInitiation login;
  LaunchValidator validator;

  @BeforeAll
  static void platform() throws Exception {
    platformKey = new RSAKeyGenerator(2048).keyID("platform-key-1").generate();
    otherKey = new RSAKeyGenerator(2048).keyID("platform-key-1").generate();
    server = LoopbackServer.start();
    server.route("/jwks", r -> LoopbackServer.Response.json(200, servedJwks.get()));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @BeforeEach
  void tool() {
    servedJwks.set(new JWKSet(platformKey.toPublicJWK()).toString());
    clock = MutableClock.atSystemTime();
    registrations = new InMemoryPlatformRegistrations().save(registration(server.url("/jwks")));
    states = new InMemoryStateStore(clock);
    login = new LoginInitiation(TOOL, registrations, states, clock);
    validator = validator(JwksCache.withDefaults(LoopbackServer.client(), clock));
  }

  LaunchValidator validator(JwksCache cache) {
    return new LaunchValidator(
        registrations, cache, states, new InMemoryNonceStore(clock), clock, Duration.ofSeconds(60));
  }

  static PlatformRegistration registration(URI jwks) {
    return new PlatformRegistration(
        ISSUER,
        CLIENT_ID,
        Set.of("deployment-1"),
        URI.create(ISSUER + "/auth"),
        URI.create(ISSUER + "/token"),
        jwks,
        "Example LMS");
  }

  /** A login, as the platform would start it; returns the state and the nonce it sent. */
  String[] startLogin() throws LtiValidationException {
    LoginRedirect redirect =
        login.initiate(
            new LoginRequest(
                ISSUER, "hint-1", TOOL.launchUrl().toString(), "msg-1", CLIENT_ID, null));
    Map<String, String> query = Urls.parseForm(redirect.redirectUrl().getRawQuery());
    return new String[] {redirect.state(), query.get("nonce")};
  }

  String signFixture(LaunchFixtures.Fixture fixture, String nonce) throws Exception {
    return LaunchFixtures.sign(
        fixture.signing(),
        LaunchFixtures.resolve(fixture.claims(), clock.instant(), nonce),
        platformKey,
        otherKey);
  }

  static Stream<LaunchFixtures.Fixture> validFixtures() {
    return LaunchFixtures.load("valid");
  }

  static Stream<LaunchFixtures.Fixture> invalidFixtures() {
    return LaunchFixtures.load("invalid");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validFixtures")
  void acceptsCertificationValidLaunch(LaunchFixtures.Fixture fixture) throws Exception {
    String[] stateAndNonce = startLogin();
    String token = signFixture(fixture, stateAndNonce[1]);

    LtiLaunch launch =
        validator.validate(new LaunchRequest(token, stateAndNonce[0], stateAndNonce[0]));

    Map<String, Object> expected = fixture.expected();
    assertEquals(LtiRole.valueOf((String) expected.get("role")), launch.role(), "role");
    assertEquals(Optional.ofNullable(expected.get("userId")), launch.userId(), "userId");
    assertEquals(Optional.ofNullable(expected.get("email")), launch.email(), "email");
    assertEquals(
        Optional.ofNullable(expected.get("displayName")), launch.displayName(), "displayName");
    assertEquals(
        Optional.ofNullable(expected.get("contextId")),
        launch.context().map(LtiContext::id),
        "contextId");
    assertEquals(
        Optional.ofNullable(expected.get("resourceLinkId")),
        launch.resourceLink().map(LtiResourceLink::id),
        "resourceLinkId");
    assertEquals(Optional.ofNullable(expected.get("exerciseId")), launch.exerciseId());
    assertEquals("deployment-1", launch.deploymentId());
    assertEquals(ISSUER, launch.platform().issuer());
    assertEquals(CLIENT_ID, launch.platform().clientId());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidFixtures")
  void rejectsCertificationInvalidLaunch(LaunchFixtures.Fixture fixture) throws Exception {
    String[] stateAndNonce = startLogin();
    String token = signFixture(fixture, stateAndNonce[1]);

    LtiValidationException e =
        assertThrows(
            LtiValidationException.class,
            () -> validator.validate(new LaunchRequest(token, stateAndNonce[0], stateAndNonce[0])));

    assertEquals(LtiErrorCode.valueOf(fixture.expectedError()), e.code(), e.getMessage());
    assertFalse(e.getMessage().contains(token), "the message must not contain the token");
    assertTrue(e.httpStatus() == 400 || e.httpStatus() == 401, "status " + e.httpStatus());
  }

  @Test
  void readsEveryClaimOfAFullLaunch() throws Exception {
    LaunchFixtures.Fixture fixture =
        LaunchFixtures.load("valid")
            .filter(f -> f.name().equals("instructor-launch"))
            .findFirst()
            .orElseThrow();
    String[] sn = startLogin();
    LtiLaunch launch =
        validator.validate(new LaunchRequest(signFixture(fixture, sn[1]), sn[0], sn[0]));

    assertEquals(LtiMessageType.RESOURCE_LINK, launch.messageType());
    assertEquals(
        URI.create("https://tool.example.org/visiongrade/lti/launch"), launch.targetLinkUri());
    assertEquals(Optional.of("Introduction to Computer Vision"), launch.context().get().title());
    assertEquals(Optional.of("Shapes: circles or squares?"), launch.resourceLink().get().title());
    AgsEndpoint ags = launch.ags().orElseThrow();
    assertEquals(
        Optional.of(
            URI.create(
                "https://platform.example.edu/api/contexts/course-cv101/lineitems/11?type_id=2")),
        ags.lineItem());
    assertTrue(ags.scopes().contains("https://purl.imsglobal.org/spec/lti-ags/scope/score"));
    assertEquals(
        URI.create("https://platform.example.edu/api/contexts/course-cv101/memberships"),
        launch.nrps().orElseThrow().contextMembershipsUrl());
    assertEquals(Optional.of("iframe"), launch.presentation().orElseThrow().documentTarget());
    assertEquals(Optional.of("en-GB"), launch.locale());
    assertEquals(Optional.of("Ada"), launch.givenName());
  }

  @Test
  void readsDeepLinkingSettings() throws Exception {
    LaunchFixtures.Fixture fixture =
        LaunchFixtures.load("valid")
            .filter(f -> f.name().equals("instructor-deep-linking-request"))
            .findFirst()
            .orElseThrow();
    String[] sn = startLogin();
    LtiLaunch launch =
        validator.validate(new LaunchRequest(signFixture(fixture, sn[1]), sn[0], sn[0]));

    assertEquals(LtiMessageType.DEEP_LINKING, launch.messageType());
    DeepLinkingSettings settings = launch.deepLinking().orElseThrow();
    assertEquals(
        URI.create("https://platform.example.edu/deep_links?course=cv101"), settings.returnUrl());
    assertTrue(settings.accepts("ltiResourceLink"));
    assertTrue(settings.acceptLineItem());
    assertFalse(settings.acceptMultiple());
    assertEquals(Optional.of("opaque-data-123"), settings.data());
  }

  @Test
  void rejectsNonceReplay() throws Exception {
    String[] first = startLogin();
    String token = validToken(first[1]);
    validator.validate(new LaunchRequest(token, first[0], first[0]));

    String[] second = startLogin();
    LtiValidationException e =
        assertThrows(
            LtiValidationException.class,
            () -> validator.validate(new LaunchRequest(token, second[0], second[0])));
    assertEquals(LtiErrorCode.NONCE_REPLAYED, e.code());
    assertEquals(401, e.httpStatus());
  }

  @Test
  void rejectsStateThatDoesNotMatchTheBrowser() throws Exception {
    String[] sn = startLogin();
    String token = validToken(sn[1]);
    LtiValidationException e =
        assertThrows(
            LtiValidationException.class,
            () -> validator.validate(new LaunchRequest(token, sn[0], "state-of-another-browser")));
    assertEquals(LtiErrorCode.STATE_MISMATCH, e.code());
  }

  @Test
  void rejectsMissingBrowserState() throws Exception {
    String[] sn = startLogin();
    LtiValidationException e =
        assertThrows(
            LtiValidationException.class,
            () -> validator.validate(new LaunchRequest(validToken(sn[1]), sn[0], null)));
    assertEquals(LtiErrorCode.STATE_MISMATCH, e.code());
  }

  @Test
  void rejectsStateTheToolNeverIssued() throws Exception {
    String[] sn = startLogin();
    LtiValidationException e =
        assertThrows(
            LtiValidationException.class,
            () -> validator.validate(new LaunchRequest(validToken(sn[1]), "forged", "forged")));
    assertEquals(LtiErrorCode.STATE_UNKNOWN, e.code());
  }

  @Test
  void rejectsExpiredState() throws Exception {
    String[] sn = startLogin();
    String token = validToken(sn[1]);
    clock.advance(LoginInitiation.DEFAULT_STATE_LIFETIME.plusSeconds(1));
    // Re-sign so that only the state is stale, not the token.
    String fresh = validToken(sn[1]);
    LtiValidationException e =
        assertThrows(
            LtiValidationException.class,
            () -> validator.validate(new LaunchRequest(fresh, sn[0], sn[0])));
    assertEquals(LtiErrorCode.STATE_UNKNOWN, e.code());
    assertNotNull(token);
  }

  @Test
  void rejectsNonceOfAnotherLogin() throws Exception {
    String[] sn = startLogin();
    String[] other = startLogin();
    LtiValidationException e =
        assertThrows(
            LtiValidationException.class,
            () -> validator.validate(new LaunchRequest(validToken(other[1]), sn[0], sn[0])));
    assertEquals(LtiErrorCode.NONCE_MISMATCH, e.code());
  }

  @Test
  void rejectsMissingIdTokenAndState() {
    assertEquals(
        LtiErrorCode.ID_TOKEN_MISSING,
        assertThrows(
                LtiValidationException.class,
                () -> validator.validate(new LaunchRequest(null, "s", "s")))
            .code());
    assertEquals(
        LtiErrorCode.STATE_MISSING,
        assertThrows(
                LtiValidationException.class,
                () -> validator.validate(new LaunchRequest("a.b.c", " ", "s")))
            .code());
  }

  @Test
  void reportsUnreachableKeySet() throws Exception {
    URI closed;
    try (LoopbackServer gone = LoopbackServer.start()) {
      closed = gone.url("/jwks");
    }
    registrations.save(registration(closed));
    String[] sn = startLogin();
    LtiValidationException e =
        assertThrows(
            LtiValidationException.class,
            () -> validator.validate(new LaunchRequest(validToken(sn[1]), sn[0], sn[0])));
    assertEquals(LtiErrorCode.KEY_SET_UNREACHABLE, e.code());
    assertEquals(503, e.httpStatus());
  }

  @Test
  void reportsKeySetAnsweringWithAnError() throws Exception {
    server.route("/broken-jwks", r -> LoopbackServer.Response.json(500, "{}"));
    registrations.save(registration(server.url("/broken-jwks")));
    String[] sn = startLogin();
    LtiValidationException e =
        assertThrows(
            LtiValidationException.class,
            () -> validator.validate(new LaunchRequest(validToken(sn[1]), sn[0], sn[0])));
    assertEquals(LtiErrorCode.KEY_SET_UNREACHABLE, e.code());
  }

  @Test
  void refreshesTheKeySetOnceWhenThePlatformRotatesItsKey() throws Exception {
    String[] first = startLogin();
    validator.validate(new LaunchRequest(validToken(first[1]), first[0], first[0]));
    long fetches = server.count("/jwks");

    RSAKey rotated = new RSAKeyGenerator(2048).keyID("platform-key-2").generate();
    servedJwks.set(
        new JWKSet(List.of(rotated.toPublicJWK(), platformKey.toPublicJWK())).toString());
    clock.advance(Duration.ofMinutes(2));

    String[] second = startLogin();
    String token = LaunchFixtures.rs256(claims(second[1]), rotated, rotated.getKeyID());
    LtiLaunch launch = validator.validate(new LaunchRequest(token, second[0], second[0]));
    assertEquals(Optional.of("user-teacher-7"), launch.userId());
    assertEquals(fetches + 1, server.count("/jwks"));
  }

  @Test
  void rateLimitsKeySetRefreshesForUnknownKeyIds() throws Exception {
    String[] first = startLogin();
    validator.validate(new LaunchRequest(validToken(first[1]), first[0], first[0]));
    long fetches = server.count("/jwks");
    for (int i = 0; i < 3; i++) {
      String[] sn = startLogin();
      String token = LaunchFixtures.rs256(claims(sn[1]), platformKey, "unknown-" + i);
      assertEquals(
          LtiErrorCode.KEY_ID_UNKNOWN,
          assertThrows(
                  LtiValidationException.class,
                  () -> validator.validate(new LaunchRequest(token, sn[0], sn[0])))
              .code());
    }
    assertEquals(fetches, server.count("/jwks"), "no refetch within the refresh interval");
  }

  @Test
  void rejectsKeyOfTheWrongTypeForTheAlgorithm() throws Exception {
    ECKey ec = new ECKeyGenerator(Curve.P_256).keyID("ec-key").generate();
    servedJwks.set(new JWKSet(List.of(platformKey.toPublicJWK(), ec.toPublicJWK())).toString());
    String[] sn = startLogin();
    String token = LaunchFixtures.rs256(claims(sn[1]), platformKey, "ec-key");
    LtiValidationException e =
        assertThrows(
            LtiValidationException.class,
            () -> validator.validate(new LaunchRequest(token, sn[0], sn[0])));
    assertEquals(LtiErrorCode.ALGORITHM_NOT_ALLOWED, e.code());
  }

  @Test
  void acceptsSmallClockSkewWithinLeeway() throws Exception {
    String[] sn = startLogin();
    Map<String, Object> c = baseClaims(sn[1]);
    c.put("iat", clock.instant().getEpochSecond() + 30);
    String token = LaunchFixtures.rs256(JWTClaimsSet.parse(c), platformKey, platformKey.getKeyID());
    assertNotNull(validator.validate(new LaunchRequest(token, sn[0], sn[0])));
  }

  private Map<String, Object> baseClaims(String nonce) {
    LaunchFixtures.Fixture fixture =
        LaunchFixtures.load("valid")
            .filter(f -> f.name().equals("instructor-launch"))
            .findFirst()
            .orElseThrow();
    return new java.util.HashMap<>(
        LaunchFixtures.resolve(fixture.claims(), clock.instant(), nonce));
  }

  private JWTClaimsSet claims(String nonce) throws java.text.ParseException {
    return JWTClaimsSet.parse(baseClaims(nonce));
  }

  private String validToken(String nonce) throws Exception {
    return LaunchFixtures.rs256(claims(nonce), platformKey, platformKey.getKeyID());
  }
}
