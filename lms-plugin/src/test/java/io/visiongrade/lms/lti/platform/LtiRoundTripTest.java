package io.visiongrade.lms.lti.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.visiongrade.lms.lti.LtiErrorCode;
import io.visiongrade.lms.lti.LtiServiceException;
import io.visiongrade.lms.lti.ToolConfiguration;
import io.visiongrade.lms.lti.deeplinking.DeepLinkingResponse;
import io.visiongrade.lms.lti.deeplinking.DeepLinkingResponseBuilder;
import io.visiongrade.lms.lti.deeplinking.ResourceLinkItem;
import io.visiongrade.lms.lti.keys.InMemoryToolKeyStore;
import io.visiongrade.lms.lti.keys.ToolKeyManager;
import io.visiongrade.lms.lti.launch.InMemoryNonceStore;
import io.visiongrade.lms.lti.launch.InMemoryStateStore;
import io.visiongrade.lms.lti.launch.JwksCache;
import io.visiongrade.lms.lti.launch.LaunchRequest;
import io.visiongrade.lms.lti.launch.LaunchValidator;
import io.visiongrade.lms.lti.launch.LoginInitiation;
import io.visiongrade.lms.lti.launch.LoginRedirect;
import io.visiongrade.lms.lti.launch.LoginRequest;
import io.visiongrade.lms.lti.launch.LtiLaunch;
import io.visiongrade.lms.lti.launch.LtiMessageType;
import io.visiongrade.lms.lti.launch.LtiRole;
import io.visiongrade.lms.lti.registration.InMemoryPlatformRegistrations;
import io.visiongrade.lms.lti.registration.PlatformRegistration;
import io.visiongrade.lms.lti.services.AgsClient;
import io.visiongrade.lms.lti.services.DeliveryResult;
import io.visiongrade.lms.lti.services.LineItem;
import io.visiongrade.lms.lti.services.Member;
import io.visiongrade.lms.lti.services.Membership;
import io.visiongrade.lms.lti.services.NrpsClient;
import io.visiongrade.lms.lti.services.PlatformHttp;
import io.visiongrade.lms.lti.services.PlatformTokenClient;
import io.visiongrade.lms.lti.services.Score;
import io.visiongrade.lms.lti.support.Urls;
import io.visiongrade.lms.lti.testing.LoopbackServer;
import io.visiongrade.lms.lti.testing.MutableClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LtiRoundTripTest {

  LoopbackServer server;
  HttpClient client = LoopbackServer.client();
  MutableClock clock = MutableClock.atSystemTime();
  ToolConfiguration tool;
  ToolKeyManager keys;
  PlatformEmulator lms;
  PlatformRegistration registration;
  LoginInitiation login;
  LaunchValidator validator;
  PlatformHttp http;
  PlatformTokenClient tokens;
  AgsClient ags;
  NrpsClient nrps;

  @BeforeEach
  void start() {
    server = LoopbackServer.start();
    tool = ToolConfiguration.under("VisionGrade", server.url("/tool/"));
    keys = new ToolKeyManager(new InMemoryToolKeyStore(), clock, Duration.ofDays(1));
    server.route("/tool/lti/jwks", r -> LoopbackServer.Response.json(200, keys.publicJwks()));
    lms =
        new PlatformEmulator(
            server.url("/platform"),
            "vg-client",
            "dep-1",
            tool,
            ToolKeySource.http(client, tool.jwksUrl()),
            clock,
            3);
    server.route(
        "/platform/",
        r -> glue(lms.handle(r.method(), r.uri(), firstValues(r.headers()), r.body())));

    registration = lms.registration();
    InMemoryPlatformRegistrations registrations =
        new InMemoryPlatformRegistrations().save(registration);
    InMemoryStateStore states = new InMemoryStateStore(clock);
    login = new LoginInitiation(tool, registrations, states, clock);
    validator =
        new LaunchValidator(
            registrations,
            JwksCache.withDefaults(client, clock),
            states,
            new InMemoryNonceStore(clock),
            clock);
    http = new PlatformHttp(client, Duration.ofSeconds(5), clock);
    tokens = new PlatformTokenClient(http, keys);
    ags = new AgsClient(http, tokens);
    nrps = new NrpsClient(http, tokens);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  static LoopbackServer.Response glue(PlatformResponse r) {
    return new LoopbackServer.Response(r.status(), r.headers(), r.body());
  }

  static Map<String, String> firstValues(Map<String, List<String>> headers) {
    Map<String, String> out = new LinkedHashMap<>();
    headers.forEach((k, v) -> out.put(k, v.isEmpty() ? "" : v.get(0)));
    return out;
  }

  /** Browser steps: tool login initiation, platform authorization, launch post to the tool. */
  LtiLaunch launch(URI toolLoginUrl) throws Exception {
    LoginRequest request = LoginRequest.fromParameters(Urls.parseForm(toolLoginUrl.getRawQuery()));
    LoginRedirect redirect = login.initiate(request);
    assertTrue(redirect.redirectUrl().toString().startsWith(lms.authorizationUrl() + "?"));
    AuthResponse auth = lms.authorize(Urls.parseForm(redirect.redirectUrl().getRawQuery()));
    assertEquals(tool.launchUrl(), auth.redirectUri());
    return validator.validate(new LaunchRequest(auth.idToken(), auth.state(), redirect.state()));
  }

  ResourceLinkPlacement placeExerciseByDeepLinking() throws Exception {
    LtiLaunch deepLink = launch(lms.startDeepLinking("teacher-1"));
    assertEquals(LtiMessageType.DEEP_LINKING, deepLink.messageType());
    assertEquals(LtiRole.TEACHER, deepLink.role());

    DeepLinkingResponse response =
        new DeepLinkingResponseBuilder(keys, clock)
            .build(
                deepLink,
                List.of(
                    ResourceLinkItem.forExercise(
                        "Circles or squares?", tool.launchUrl(), "ex-7", 10)),
                Optional.of("Exercise added"));
    assertTrue(response.autoSubmitHtml().contains(lms.deepLinkReturnUrl().toString()));
    List<ResourceLinkPlacement> placed = lms.acceptDeepLinkingResponse(response.jwt());
    assertEquals(1, placed.size());
    return placed.get(0);
  }

  @Test
  void deepLinkingThenStudentLaunchThenScore() throws Exception {
    ResourceLinkPlacement placement = placeExerciseByDeepLinking();
    assertEquals(Map.of("exercise_id", "ex-7"), placement.custom());
    URI lineItem = placement.lineItem().orElseThrow();
    assertEquals("ex-7", lms.services().lineItems().get(0).get("resourceId"));

    LtiLaunch student = launch(lms.startLaunch("student-2", placement.id()));
    assertEquals(LtiRole.STUDENT, student.role());
    assertEquals(Optional.of("student-2"), student.userId());
    assertEquals(Optional.of("ex-7"), student.exerciseId());
    assertEquals(Optional.of(lineItem), student.ags().orElseThrow().lineItem());
    assertEquals(Optional.of(placement.id()), student.resourceLink().map(r -> r.id()));

    Instant gradedAt = clock.instant();
    DeliveryResult result =
        ags.publishScore(
            registration, lineItem, Score.graded("student-2", 8.5, 10, "Accuracy 0.85", gradedAt));
    assertEquals(new DeliveryResult.Delivered(204), result);

    List<Map<String, Object>> scores = lms.services().scores(lineItem);
    assertEquals(1, scores.size());
    Map<String, Object> score = scores.get(0);
    assertEquals("student-2", score.get("userId"));
    assertEquals(8.5, ((Number) score.get("scoreGiven")).doubleValue());
    assertEquals(10.0, ((Number) score.get("scoreMaximum")).doubleValue());
    assertEquals("Completed", score.get("activityProgress"));
    assertEquals("FullyGraded", score.get("gradingProgress"));
    assertEquals(
        DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'+00:00'")
            .withZone(ZoneOffset.UTC)
            .format(gradedAt),
        score.get("timestamp"));
  }

  @Test
  void aSecondCourseKeepsItsLinksMembersAndScoresApart() throws Exception {
    EmulatedCourse b = lms.addCourse(new EmulatedCourse("course-2", "Course B", "B"), "b-", 2);
    assertEquals(List.of("course-1", "course-2"), lms.courses().stream().map(c -> c.id()).toList());
    assertEquals(
        List.of("b-teacher-1", "b-student-1", "b-student-2"),
        lms.users(b.id()).stream().map(EmulatedUser::id).toList());
    assertThrows(
        IllegalArgumentException.class,
        () -> lms.addCourse(new EmulatedCourse("course-3", "C", "C"), "b-", 1));

    LtiLaunch deepLink = launch(lms.startDeepLinking("b-teacher-1"));
    assertEquals("course-2", deepLink.context().orElseThrow().id());
    assertEquals(LtiRole.TEACHER, deepLink.role());
    String jwt =
        new DeepLinkingResponseBuilder(keys, clock)
            .build(
                deepLink,
                List.of(ResourceLinkItem.forExercise("B's", tool.launchUrl(), "ex-b", 10)),
                Optional.empty())
            .jwt();
    ResourceLinkPlacement placed = lms.acceptDeepLinkingResponse(jwt).get(0);
    assertEquals("course-2", placed.contextId());
    assertEquals(List.of(placed), lms.placements("course-2"));
    assertTrue(lms.placements("course-1").isEmpty());
    URI lineItem = placed.lineItem().orElseThrow();
    assertTrue(lineItem.getPath().contains("/contexts/course-2/lineitems/"), lineItem.toString());

    LtiLaunch student = launch(lms.startLaunch("b-student-2", placed.id()));
    assertEquals("course-2", student.context().orElseThrow().id());
    assertEquals(
        Optional.of(lms.membershipsUrl("course-2")),
        student.nrps().map(n -> n.contextMembershipsUrl()));
    PlatformRequestException outsider =
        assertThrows(
            PlatformRequestException.class, () -> lms.startLaunch("student-1", placed.id()));
    assertEquals(400, outsider.status());

    Membership members = nrps.members(registration, lms.membershipsUrl("course-2"));
    assertEquals(
        List.of("b-teacher-1", "b-student-1", "b-student-2"),
        members.members().stream().map(Member::userId).toList());
    assertEquals(4, nrps.members(registration, lms.membershipsUrl()).members().size());

    assertTrue(
        ags.publishScore(
                registration, lineItem, Score.graded("b-student-1", 7, 10, null, clock.instant()))
            .delivered());
    assertFalse(
        ags.publishScore(
                registration, lineItem, Score.graded("student-1", 7, 10, null, clock.instant()))
            .delivered());
    assertEquals(1, lms.services().scores(lineItem).size());
    assertEquals(1, lms.services().lineItems("course-2").size());
    assertTrue(lms.services().lineItems("course-1").isEmpty());
  }

  @Test
  void theBrowserStepsWorkOverHttp() throws Exception {
    URI loginUrl = lms.startDeepLinking("teacher-1");
    LoginRedirect redirect =
        login.initiate(LoginRequest.fromParameters(Urls.parseForm(loginUrl.getRawQuery())));
    HttpResponse<String> authPage =
        client.send(
            HttpRequest.newBuilder(redirect.redirectUrl()).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, authPage.statusCode());
    assertTrue(authPage.body().contains("action=\"" + tool.launchUrl() + "\""), authPage.body());
    LtiLaunch deepLink =
        validator.validate(
            new LaunchRequest(
                formField(authPage.body(), "id_token"),
                formField(authPage.body(), "state"),
                redirect.state()));

    String jwt =
        new DeepLinkingResponseBuilder(keys, clock)
            .build(
                deepLink,
                List.of(ResourceLinkItem.forExercise("Over <HTTP>", tool.launchUrl(), "ex-h", 5)),
                Optional.empty())
            .jwt();
    HttpResponse<String> returned =
        client.send(
            HttpRequest.newBuilder(lms.deepLinkReturnUrl())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(Urls.form(Map.of("JWT", jwt))))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, returned.statusCode());
    assertTrue(returned.body().contains("Over &lt;HTTP&gt;"), returned.body());
    assertEquals(1, lms.placements().size());

    HttpResponse<String> badAuth =
        client.send(
            HttpRequest.newBuilder(lms.authorizationUrl()).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(400, badAuth.statusCode());
  }

  static String formField(String html, String name) {
    Matcher m = Pattern.compile("name=\"" + name + "\" value=\"([^\"]*)\"").matcher(html);
    assertTrue(m.find(), name + " in " + html);
    return m.group(1);
  }

  @Test
  void aReplayedLaunchIsRefusedEndToEnd() throws Exception {
    ResourceLinkPlacement placement = lms.placeResourceLink("Manual", Map.of("exercise_id", "e"));
    URI loginUrl = lms.startLaunch("student-1", placement.id());
    LoginRedirect redirect =
        login.initiate(LoginRequest.fromParameters(Urls.parseForm(loginUrl.getRawQuery())));
    AuthResponse auth = lms.authorize(Urls.parseForm(redirect.redirectUrl().getRawQuery()));
    validator.validate(new LaunchRequest(auth.idToken(), auth.state(), redirect.state()));
    var e =
        assertThrows(
            io.visiongrade.lms.lti.LtiValidationException.class,
            () ->
                validator.validate(
                    new LaunchRequest(auth.idToken(), auth.state(), redirect.state())));
    assertEquals(LtiErrorCode.NONCE_REPLAYED, e.code());
  }

  @Test
  void findsOrCreatesTheLineItem() throws Exception {
    LineItem wanted = LineItem.toCreate(20, "Shapes", "ex-9", "rl-9");
    LineItem created = ags.findOrCreateLineItem(registration, lms.lineItemsUrl(), wanted);
    assertTrue(created.id().isPresent());
    assertEquals(Optional.of("ex-9"), created.resourceId());
    LineItem found = ags.findOrCreateLineItem(registration, lms.lineItemsUrl(), wanted);
    assertEquals(created, found);
    assertEquals(1, lms.services().lineItems().size());
    assertEquals(
        1,
        server.requests().stream()
            .filter(r -> r.method().equals("POST") && r.uri().getPath().endsWith("/lineitems"))
            .count());
  }

  @Test
  void cachesTheAccessTokenAndRenewsItAfterA401() throws Exception {
    URI lineItem = placeExerciseByDeepLinking().lineItem().orElseThrow();
    Score score = Score.graded("student-1", 1, 10, null, clock.instant());
    assertTrue(ags.publishScore(registration, lineItem, score).delivered());
    assertTrue(ags.publishScore(registration, lineItem, score).delivered());
    assertEquals(1, server.count("/platform/token"));

    lms.services().revokeTokens();
    assertTrue(ags.publishScore(registration, lineItem, score).delivered());
    assertEquals(2, server.count("/platform/token"));
    assertEquals(3, lms.services().scores(lineItem).size());
  }

  @Test
  void mapsPlatformFailuresForTheOutbox() throws Exception {
    URI lineItem = placeExerciseByDeepLinking().lineItem().orElseThrow();
    Score score = Score.graded("student-1", 1, 10, null, clock.instant());
    String longBody =
        "{\"error\":\"invalid_request\",\"error_description\":\"" + "x".repeat(2000) + "\"}";
    lms.services()
        .failNextScores(
            PlatformResponse.error(429, "slow_down", "Too many").withHeader("Retry-After", "120"),
            PlatformResponse.error(429, "slow_down", "Too many")
                .withHeader("Retry-After", "Wed, 21 Oct 2026 07:28:00 GMT"),
            PlatformResponse.error(503, "unavailable", "Maintenance"),
            PlatformResponse.error(500, "boom", "Internal error"),
            PlatformResponse.json(400, "application/json", longBody),
            PlatformResponse.error(404, "not_found", "No such line item"));

    var r1 = assertInstanceOf(DeliveryResult.RetryLater.class, publish(lineItem, score));
    assertEquals(Optional.of(clock.instant().plusSeconds(120)), r1.notBefore());
    assertEquals(429, r1.status());
    var r2 = assertInstanceOf(DeliveryResult.RetryLater.class, publish(lineItem, score));
    assertEquals(Optional.of(Instant.parse("2026-10-21T07:28:00Z")), r2.notBefore());
    var r3 = assertInstanceOf(DeliveryResult.RetryLater.class, publish(lineItem, score));
    assertEquals(503, r3.status());
    var r4 = assertInstanceOf(DeliveryResult.RetryLater.class, publish(lineItem, score));
    assertEquals(Optional.empty(), r4.notBefore());
    var r5 = assertInstanceOf(DeliveryResult.Rejected.class, publish(lineItem, score));
    assertEquals(400, r5.status());
    assertTrue(r5.reason().contains("xxxx"), r5.reason());
    assertTrue(r5.reason().length() < 500, "reason is truncated: " + r5.reason().length());
    var r6 = assertInstanceOf(DeliveryResult.Rejected.class, publish(lineItem, score));
    assertTrue(r6.reason().contains("No such line item"), r6.reason());
    assertTrue(publish(lineItem, score).delivered());
  }

  private DeliveryResult publish(URI lineItem, Score score) {
    return ags.publishScore(registration, lineItem, score);
  }

  @Test
  void anUnreachablePlatformIsRetryable() throws Exception {
    URI closed;
    try (LoopbackServer gone = LoopbackServer.start()) {
      closed = gone.url("/token");
    }
    PlatformRegistration offline =
        new PlatformRegistration(
            registration.issuer(),
            registration.clientId(),
            registration.deploymentIds(),
            registration.authLoginUrl(),
            closed,
            registration.jwksUrl(),
            "offline");
    DeliveryResult result =
        ags.publishScore(
            offline,
            URI.create(closed.resolve("/li/1").toString()),
            Score.graded("student-1", 1, 2, null, clock.instant()));
    var retry = assertInstanceOf(DeliveryResult.RetryLater.class, result);
    assertEquals(0, retry.status());
  }

  @Test
  void theTokenEndpointRefusesAnUnknownClient() {
    PlatformRegistration wrongClient =
        new PlatformRegistration(
            registration.issuer(),
            "not-our-client",
            registration.deploymentIds(),
            registration.authLoginUrl(),
            registration.tokenUrl(),
            registration.jwksUrl(),
            "wrong");
    LtiServiceException e =
        assertThrows(
            LtiServiceException.class,
            () ->
                tokens.token(
                    wrongClient, Set.of("https://purl.imsglobal.org/spec/lti-ags/scope/score")));
    assertEquals(LtiErrorCode.PLATFORM_REJECTED, e.code());
    assertFalse(e.retryable());
    assertEquals(401, e.platformStatus());
    assertTrue(e.getMessage().contains("client_id"), e.getMessage());
  }

  @Test
  void readsAllMembersAcrossPages() throws Exception {
    URI paged = URI.create(lms.membershipsUrl() + "?limit=3");
    Membership membership = nrps.members(registration, paged);
    assertEquals(4, membership.members().size());
    assertEquals(Optional.of(PlatformEmulator.CONTEXT_ID), membership.contextId());
    assertEquals(2, server.count("/platform/contexts/course-1/memberships"));
    Member teacher = membership.members().get(0);
    assertEquals("teacher-1", teacher.userId());
    assertEquals(Optional.of("grace.hopper@dev-lms.invalid"), teacher.email());
    assertEquals(Member.Status.ACTIVE, teacher.status());
    assertTrue(
        teacher.roles().contains("http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor"));
    assertEquals("student-3", membership.members().get(3).userId());
  }

  @Test
  void stopsAtThePageBound() throws Exception {
    NrpsClient bounded = new NrpsClient(http, tokens, 1);
    Membership membership =
        bounded.members(registration, URI.create(lms.membershipsUrl() + "?limit=3"));
    assertEquals(3, membership.members().size());
  }

  @Test
  void thePlatformRefusesABadAuthenticationRequest() throws Exception {
    URI loginUrl = lms.startDeepLinking("teacher-1");
    LoginRedirect redirect =
        login.initiate(LoginRequest.fromParameters(Urls.parseForm(loginUrl.getRawQuery())));
    Map<String, String> params =
        new LinkedHashMap<>(Urls.parseForm(redirect.redirectUrl().getRawQuery()));
    params.put("redirect_uri", "https://evil.example/steal");
    PlatformRequestException e =
        assertThrows(PlatformRequestException.class, () -> lms.authorize(params));
    assertEquals(400, e.status());
  }

  @Test
  void thePlatformRefusesATamperedDeepLinkingResponse() throws Exception {
    LtiLaunch deepLink = launch(lms.startDeepLinking("teacher-1"));
    String jwt =
        new DeepLinkingResponseBuilder(keys, clock)
            .build(
                deepLink,
                List.of(ResourceLinkItem.forExercise("X", tool.launchUrl(), "x", 1)),
                Optional.empty())
            .jwt();
    String[] parts = jwt.split("\\.");
    String tampered = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();
    PlatformRequestException e =
        assertThrows(PlatformRequestException.class, () -> lms.acceptDeepLinkingResponse(tampered));
    assertEquals(401, e.status());
    assertTrue(lms.placements().isEmpty());
  }
}
