package io.visiongrade.lms.lti.platform;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.visiongrade.lms.lti.LtiClaims;
import io.visiongrade.lms.lti.LtiScopes;
import io.visiongrade.lms.lti.ToolConfiguration;
import io.visiongrade.lms.lti.registration.PlatformRegistration;
import io.visiongrade.lms.lti.support.Html;
import io.visiongrade.lms.lti.support.JsonObject;
import io.visiongrade.lms.lti.support.Randoms;
import io.visiongrade.lms.lti.support.Urls;
import java.io.IOException;
import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An LTI 1.3 platform with a course ({@value #CONTEXT_ID}) of a teacher and {@code students}
 * students, more courses on request ({@link #addCourse}), a registration of one tool, and the
 * browser-facing steps of a launch. Every user belongs to one course; a launch carries that course
 * as its context, and a resource link can only be launched by the members of the course it was
 * placed in. The service endpoints (token, AGS, NRPS) live in {@link #services()}, per course under
 * {@code contexts/<context id>/}.
 *
 * <p>Flow: {@link #startLaunch} or {@link #startDeepLinking} gives the URL of the tool's login
 * initiation; the tool redirects the browser to {@link #authorizationUrl()}; {@link #authorize}
 * answers with the signed id_token to post to the tool; a deep linking response comes back to
 * {@link #acceptDeepLinkingResponse}.
 */
public final class PlatformEmulator {

  public static final String CONTEXT_ID = "course-1";
  public static final String CONTEXT_TITLE = "Demo course: shapes and images";
  public static final String CONTEXT_LABEL = "DEMO-1";
  static final Duration TOKEN_LIFETIME = Duration.ofMinutes(5);

  private final URI base;
  private final String issuer;
  private final String clientId;
  private final String deploymentId;
  private final ToolConfiguration tool;
  private final ToolKeySource toolKeys;
  private final Clock clock;
  private final RSAKey signingKey;
  private final Map<String, EmulatedCourse> courses = new ConcurrentHashMap<>();
  private final Map<String, EmulatedUser> users = new ConcurrentHashMap<>();
  private final Map<String, String> courseOfUser = new ConcurrentHashMap<>();
  private final List<String> courseOrder = new CopyOnWriteArrayList<>();
  private final List<String> userOrder = new CopyOnWriteArrayList<>();
  private final Map<String, PendingMessage> pending = new ConcurrentHashMap<>();
  private final Map<String, DeepLinkingData> deepLinkingData = new ConcurrentHashMap<>();
  private final List<ResourceLinkPlacement> placements = new CopyOnWriteArrayList<>();
  private final AtomicInteger placementCounter = new AtomicInteger();
  private final EmulatedServices services;

  /**
   * @param baseUrl the platform's base URL; also its issuer (without a trailing slash)
   * @param clientId the client_id this platform gave the tool
   * @param deploymentId the one deployment of the tool
   * @param tool where the tool lives
   * @param toolKeys the tool's public key set
   * @param students how many students the first course ({@value #CONTEXT_ID}) has
   */
  public PlatformEmulator(
      URI baseUrl,
      String clientId,
      String deploymentId,
      ToolConfiguration tool,
      ToolKeySource toolKeys,
      Clock clock,
      int students) {
    String b = baseUrl.toString();
    this.issuer = b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
    this.base = URI.create(issuer + "/");
    this.clientId = Objects.requireNonNull(clientId, "clientId");
    this.deploymentId = Objects.requireNonNull(deploymentId, "deploymentId");
    this.tool = Objects.requireNonNull(tool, "tool");
    this.toolKeys = Objects.requireNonNull(toolKeys, "toolKeys");
    this.clock = Objects.requireNonNull(clock, "clock");
    try {
      this.signingKey =
          new RSAKeyGenerator(2048)
              .keyUse(KeyUse.SIGNATURE)
              .algorithm(JWSAlgorithm.RS256)
              .keyIDFromThumbprint(true)
              .generate();
    } catch (JOSEException e) {
      throw new IllegalStateException("Generating the platform key failed", e);
    }
    addCourse(new EmulatedCourse(CONTEXT_ID, CONTEXT_TITLE, CONTEXT_LABEL), "", students);
    this.services = new EmulatedServices(this);
  }

  /**
   * Adds a course with a teacher ({@code <userPrefix>teacher-1}) and {@code students} students
   * ({@code <userPrefix>student-1}, ...). The first course has the prefix "".
   *
   * @throws IllegalArgumentException the course or one of its user ids exists already
   */
  public synchronized EmulatedCourse addCourse(
      EmulatedCourse course, String userPrefix, int students) {
    Objects.requireNonNull(course, "course");
    if (courses.containsKey(course.id())) {
      throw new IllegalArgumentException("Course " + course.id() + " exists already");
    }
    List<EmulatedUser> members = new ArrayList<>();
    members.add(EmulatedUser.teacher());
    for (int i = 1; i <= students; i++) {
      members.add(EmulatedUser.student(i));
    }
    if (!userPrefix.isEmpty()) {
      members.replaceAll(u -> u.inCourse(userPrefix, course.label()));
    }
    for (EmulatedUser u : members) {
      if (users.containsKey(u.id())) {
        throw new IllegalArgumentException("User " + u.id() + " exists already");
      }
    }
    courses.put(course.id(), course);
    courseOrder.add(course.id());
    for (EmulatedUser u : members) {
      users.put(u.id(), u);
      courseOfUser.put(u.id(), course.id());
      userOrder.add(u.id());
    }
    return course;
  }

  // --- What the tool must be told about this platform ------------------------------------------

  public String issuer() {
    return issuer;
  }

  public String clientId() {
    return clientId;
  }

  public URI authorizationUrl() {
    return base.resolve("auth");
  }

  public URI tokenUrl() {
    return base.resolve("token");
  }

  public URI jwksUrl() {
    return base.resolve("jwks");
  }

  public URI deepLinkReturnUrl() {
    return base.resolve("deep-link-return");
  }

  /** The AGS line items of the first course ({@value #CONTEXT_ID}). */
  public URI lineItemsUrl() {
    return lineItemsUrl(CONTEXT_ID);
  }

  /** The AGS line items of a course. */
  public URI lineItemsUrl(String contextId) {
    return base.resolve("contexts/" + contextId + "/lineitems");
  }

  /** The NRPS memberships of the first course ({@value #CONTEXT_ID}). */
  public URI membershipsUrl() {
    return membershipsUrl(CONTEXT_ID);
  }

  /** The NRPS memberships of a course. */
  public URI membershipsUrl(String contextId) {
    return base.resolve("contexts/" + contextId + "/memberships");
  }

  /** The registration the tool stores for this platform. */
  public PlatformRegistration registration() {
    return new PlatformRegistration(
        issuer,
        clientId,
        Set.of(deploymentId),
        authorizationUrl(),
        tokenUrl(),
        jwksUrl(),
        "VisionGrade dev LMS");
  }

  /** The platform's public key set, served at {@link #jwksUrl()}. */
  public String publicJwks() {
    return new JWKSet(signingKey.toPublicJWK()).toString(true);
  }

  /** The courses, in the order they were added (the first is {@value #CONTEXT_ID}). */
  public List<EmulatedCourse> courses() {
    return courseOrder.stream().map(courses::get).toList();
  }

  /** A course by its context id. */
  public Optional<EmulatedCourse> course(String contextId) {
    return Optional.ofNullable(contextId).map(courses::get);
  }

  /** The course a user belongs to. */
  public EmulatedCourse courseOf(String userId) {
    return courses.get(courseOfUser.get(user(userId).id()));
  }

  /** Every user of every course, teacher first within each course. */
  public List<EmulatedUser> users() {
    return userOrder.stream().map(users::get).toList();
  }

  /** The members of one course, teacher first. */
  public List<EmulatedUser> users(String contextId) {
    return userOrder.stream()
        .filter(id -> contextId.equals(courseOfUser.get(id)))
        .map(users::get)
        .toList();
  }

  /**
   * Adds a learner to the first course ({@value #CONTEXT_ID}) with a name and e-mail of one's
   * choosing (demo and tests, e.g. to check that a person's name never reaches the tool's log).
   *
   * @param id the user id ({@code sub}): letters, digits, '.', '_' or '-', at most 64
   * @throws IllegalArgumentException a bad or taken id, a blank or too long name or e-mail
   */
  public synchronized EmulatedUser addStudent(String id, String name, String email) {
    if (id == null || !id.matches("[A-Za-z0-9._-]{1,64}")) {
      throw new IllegalArgumentException(
          "A user id is 1 to 64 letters, digits, '.', '_' or '-', got " + id);
    }
    if (users.containsKey(id)) {
      throw new IllegalArgumentException("User " + id + " exists already");
    }
    if (name == null || name.isBlank() || name.length() > 100) {
      throw new IllegalArgumentException("A name is 1 to 100 characters");
    }
    if (email == null || !email.matches("[^@\\s]{1,100}@[^@\\s]{1,100}")) {
      throw new IllegalArgumentException("Not an e-mail address: " + email);
    }
    String n = name.strip();
    int space = n.indexOf(' ');
    EmulatedUser u =
        new EmulatedUser(
            id,
            n,
            space < 0 ? n : n.substring(0, space),
            space < 0 ? "" : n.substring(space + 1),
            email,
            List.of(EmulatedUser.LEARNER, EmulatedUser.STUDENT));
    users.put(id, u);
    courseOfUser.put(id, CONTEXT_ID);
    userOrder.add(id);
    return u;
  }

  /** Every placed resource link, oldest first. */
  public List<ResourceLinkPlacement> placements() {
    return List.copyOf(placements);
  }

  /** The resource links placed in one course, oldest first. */
  public List<ResourceLinkPlacement> placements(String contextId) {
    return placements.stream().filter(p -> p.contextId().equals(contextId)).toList();
  }

  /**
   * Places a resource link by hand in the first course (as an LMS admin would, without deep
   * linking).
   */
  public ResourceLinkPlacement placeResourceLink(String title, Map<String, String> custom) {
    ResourceLinkPlacement p =
        new ResourceLinkPlacement(
            CONTEXT_ID, nextPlacementId(), title, Optional.empty(), custom, Optional.empty());
    placements.add(p);
    return p;
  }

  private String nextPlacementId() {
    return "rl-" + placementCounter.incrementAndGet();
  }

  /** The token, AGS and NRPS endpoints. */
  public EmulatedServices services() {
    return services;
  }

  // --- Launch steps ----------------------------------------------------------------------------

  /**
   * Starts a resource link launch: the URL of the tool's login initiation for this user.
   *
   * @throws PlatformRequestException unknown user or link, or a link of another course (400)
   */
  public URI startLaunch(String userId, String resourceLinkId) {
    EmulatedCourse course = courseOf(userId);
    ResourceLinkPlacement placement = placement(resourceLinkId);
    if (!placement.contextId().equals(course.id())) {
      throw new PlatformRequestException(
          400, "User " + userId + " is not in the course of resource link " + resourceLinkId + ".");
    }
    URI target = placement.url().orElse(tool.launchUrl());
    return loginInitiation(
        userId,
        target,
        new PendingMessage(LtiClaims.RESOURCE_LINK_REQUEST, userId, placement.id()));
  }

  /** Starts a deep linking request (the teacher adds an activity). */
  public URI startDeepLinking(String userId) {
    user(userId);
    return loginInitiation(
        userId,
        tool.deepLinkingUrl(),
        new PendingMessage(LtiClaims.DEEP_LINKING_REQUEST, userId, null));
  }

  private URI loginInitiation(String userId, URI target, PendingMessage message) {
    String hint = Randoms.token();
    pending.put(hint, message);
    Map<String, String> params = new LinkedHashMap<>();
    params.put("iss", issuer);
    params.put("login_hint", userId);
    params.put("target_link_uri", target.toString());
    params.put("lti_message_hint", hint);
    params.put("client_id", clientId);
    params.put("lti_deployment_id", deploymentId);
    return Urls.withQuery(tool.loginInitiationUrl(), params);
  }

  /**
   * The OIDC authorization endpoint: checks the tool's authentication request and signs the
   * id_token for the user and message that the login started.
   *
   * @param params the query parameters of the request to {@link #authorizationUrl()}
   * @throws PlatformRequestException the request is not a valid LTI authentication request
   */
  public AuthResponse authorize(Map<String, String> params) {
    expect(params, "scope", "openid");
    expect(params, "response_type", "id_token");
    expect(params, "response_mode", "form_post");
    expect(params, "prompt", "none");
    expect(params, "client_id", clientId);
    expect(params, "redirect_uri", tool.launchUrl().toString());
    String nonce = required(params, "nonce");
    String state = required(params, "state");
    String userId = required(params, "login_hint");
    PendingMessage message = pending.remove(required(params, "lti_message_hint"));
    if (message == null || !message.userId().equals(userId)) {
      throw new PlatformRequestException(400, "Unknown or used lti_message_hint for this user.");
    }
    EmulatedUser user = user(userId);
    EmulatedCourse course = courseOf(userId);
    Map<String, Object> claims = baseClaims(user, course, nonce, message.messageType());
    if (LtiClaims.RESOURCE_LINK_REQUEST.equals(message.messageType())) {
      resourceLinkClaims(claims, placement(message.resourceLinkId()));
    } else {
      deepLinkingClaims(claims, course);
    }
    return new AuthResponse(tool.launchUrl(), sign(claims), state);
  }

  private Map<String, Object> baseClaims(
      EmulatedUser user, EmulatedCourse course, String nonce, String messageType) {
    Instant now = clock.instant();
    Map<String, Object> c = new LinkedHashMap<>();
    c.put(LtiClaims.ISSUER, issuer);
    c.put(LtiClaims.AUDIENCE, clientId);
    c.put(LtiClaims.AUTHORIZED_PARTY, clientId);
    c.put(LtiClaims.SUBJECT, user.id());
    c.put(LtiClaims.ISSUED_AT, now.getEpochSecond());
    c.put(LtiClaims.EXPIRES_AT, now.plus(TOKEN_LIFETIME).getEpochSecond());
    c.put(LtiClaims.NONCE, nonce);
    c.put(LtiClaims.NAME, user.name());
    c.put(LtiClaims.GIVEN_NAME, user.givenName());
    c.put(LtiClaims.FAMILY_NAME, user.familyName());
    c.put(LtiClaims.EMAIL, user.email());
    c.put(LtiClaims.LOCALE, "en");
    c.put(LtiClaims.MESSAGE_TYPE, messageType);
    c.put(LtiClaims.VERSION, LtiClaims.LTI_VERSION);
    c.put(LtiClaims.DEPLOYMENT_ID, deploymentId);
    c.put(LtiClaims.ROLES, user.roles());
    c.put(
        LtiClaims.CONTEXT,
        Map.of(
            LtiClaims.ID,
            course.id(),
            LtiClaims.TITLE,
            course.title(),
            LtiClaims.LABEL,
            course.label(),
            LtiClaims.TYPE,
            List.of("http://purl.imsglobal.org/vocab/lis/v2/course#CourseOffering")));
    c.put(
        LtiClaims.TOOL_PLATFORM,
        Map.of(
            "guid",
            issuer,
            "name",
            "VisionGrade dev LMS",
            "product_family_code",
            "visiongrade-dev-lms"));
    c.put(
        LtiClaims.LAUNCH_PRESENTATION,
        Map.of(LtiClaims.DOCUMENT_TARGET, "iframe", LtiClaims.RETURN_URL, base.toString()));
    c.put(
        LtiClaims.NRPS_SERVICE,
        Map.of(
            LtiClaims.NRPS_CONTEXT_MEMBERSHIPS_URL,
            membershipsUrl(course.id()).toString(),
            LtiClaims.NRPS_SERVICE_VERSIONS,
            List.of("2.0")));
    return c;
  }

  private void resourceLinkClaims(Map<String, Object> c, ResourceLinkPlacement placement) {
    c.put(LtiClaims.TARGET_LINK_URI, placement.url().orElse(tool.launchUrl()).toString());
    c.put(
        LtiClaims.RESOURCE_LINK,
        Map.of(LtiClaims.ID, placement.id(), LtiClaims.TITLE, placement.title()));
    c.put(LtiClaims.CUSTOM, placement.custom());
    Map<String, Object> ags = new LinkedHashMap<>();
    ags.put(
        LtiClaims.AGS_SCOPE,
        List.of(
            LtiScopes.AGS_LINE_ITEM,
            LtiScopes.AGS_LINE_ITEM_READ_ONLY,
            LtiScopes.AGS_RESULT_READ_ONLY,
            LtiScopes.AGS_SCORE));
    ags.put(LtiClaims.AGS_LINE_ITEMS, lineItemsUrl(placement.contextId()).toString());
    placement.lineItem().ifPresent(u -> ags.put(LtiClaims.AGS_LINE_ITEM, u.toString()));
    c.put(LtiClaims.AGS_ENDPOINT, ags);
  }

  private void deepLinkingClaims(Map<String, Object> c, EmulatedCourse course) {
    String data = Randoms.token();
    deepLinkingData.put(
        data, new DeepLinkingData(course.id(), clock.instant().plus(Duration.ofHours(1))));
    c.put(LtiClaims.TARGET_LINK_URI, tool.deepLinkingUrl().toString());
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put(LtiClaims.DL_RETURN_URL, deepLinkReturnUrl().toString());
    settings.put(LtiClaims.DL_ACCEPT_TYPES, List.of(LtiClaims.ITEM_LTI_RESOURCE_LINK));
    settings.put(LtiClaims.DL_ACCEPT_PRESENTATION_TARGETS, List.of("iframe", "window"));
    settings.put(LtiClaims.DL_ACCEPT_MULTIPLE, true);
    settings.put(LtiClaims.DL_ACCEPT_LINE_ITEM, true);
    settings.put(LtiClaims.DL_AUTO_CREATE, true);
    settings.put(LtiClaims.DL_SETTINGS_DATA, data);
    c.put(LtiClaims.DEEP_LINKING_SETTINGS, settings);
  }

  /**
   * The deep linking return endpoint: verifies the tool's signed response and places its resource
   * links in the course the request came from, creating the line items they ask for.
   *
   * @param jwt the {@code JWT} form field
   * @return the placements made
   * @throws PlatformRequestException the response is not valid
   */
  public List<ResourceLinkPlacement> acceptDeepLinkingResponse(String jwt) {
    JWTClaimsSet claims = verifyToolJwt(jwt);
    Instant now = clock.instant();
    try {
      if (!clientId.equals(claims.getIssuer())) {
        throw new PlatformRequestException(400, "The response's iss is not the tool's client_id.");
      }
      if (claims.getAudience() == null || !claims.getAudience().contains(issuer)) {
        throw new PlatformRequestException(400, "The response's aud is not this platform.");
      }
      requireFresh(claims, now);
      if (!LtiClaims.DEEP_LINKING_RESPONSE.equals(claims.getStringClaim(LtiClaims.MESSAGE_TYPE))
          || !LtiClaims.LTI_VERSION.equals(claims.getStringClaim(LtiClaims.VERSION))
          || !deploymentId.equals(claims.getStringClaim(LtiClaims.DEPLOYMENT_ID))) {
        throw new PlatformRequestException(
            400, "The response's message_type, version or deployment_id is wrong.");
      }
      String data = claims.getStringClaim(LtiClaims.DL_DATA);
      DeepLinkingData request = data == null ? null : deepLinkingData.remove(data);
      if (request == null || now.isAfter(request.expiresAt())) {
        throw new PlatformRequestException(400, "The response does not echo a data value we sent.");
      }
      List<ResourceLinkPlacement> placed = new ArrayList<>();
      JsonObject all = new JsonObject(claims.toJSONObject());
      for (JsonObject item : all.objects(LtiClaims.DL_CONTENT_ITEMS).orElse(List.of())) {
        if (!LtiClaims.ITEM_LTI_RESOURCE_LINK.equals(item.string(LtiClaims.TYPE).orElse(null))) {
          continue;
        }
        String id = nextPlacementId();
        Optional<URI> lineItem =
            item.object(LtiClaims.ITEM_LINE_ITEM)
                .map(
                    li ->
                        services.createLineItem(
                            request.contextId(),
                            li.number(LtiClaims.LINE_ITEM_SCORE_MAXIMUM).orElse(100.0),
                            li.string(LtiClaims.LINE_ITEM_LABEL)
                                .orElse(item.string(LtiClaims.TITLE).orElse("")),
                            li.text(LtiClaims.LINE_ITEM_RESOURCE_ID).orElse(null),
                            id,
                            li.string(LtiClaims.LINE_ITEM_TAG).orElse(null)));
        ResourceLinkPlacement p =
            new ResourceLinkPlacement(
                request.contextId(),
                id,
                item.string(LtiClaims.TITLE).orElse("Untitled"),
                item.string(LtiClaims.ITEM_URL).map(URI::create),
                item.stringMap(LtiClaims.ITEM_CUSTOM).orElse(Map.of()),
                lineItem);
        placements.add(p);
        placed.add(p);
      }
      return placed;
    } catch (ParseException | JsonObject.JsonTypeException | IllegalArgumentException e) {
      throw new PlatformRequestException(
          400, "The deep linking response is malformed: " + e.getMessage());
    }
  }

  // --- One entry point for HTTP glue ------------------------------------------------------------

  /**
   * Routes any request under the platform's base URL: {@code GET jwks}, {@code GET|POST auth}
   * (answers with the page that posts the id_token to the tool), {@code POST token}, {@code POST
   * deep-link-return} (form field {@code JWT}) and the AGS / NRPS services under {@code contexts/}.
   * Glue code only copies method, URL, headers (first values) and body in, and the response out.
   *
   * @param uri the full request URL, with its query
   * @param body the request body (a form for auth, token and deep-link-return)
   */
  public PlatformResponse handle(String method, URI uri, Map<String, String> headers, String body) {
    String path = uri.getPath();
    String basePath = base.getPath();
    if (!path.startsWith(basePath)) {
      return PlatformResponse.error(404, "not_found", "Not a platform URL.");
    }
    String rest = path.substring(basePath.length());
    try {
      switch (rest) {
        case "jwks":
          return PlatformResponse.json(200, "application/json", publicJwks());
        case "auth":
          {
            Map<String, String> params =
                "POST".equals(method) ? Urls.parseForm(body) : Urls.parseForm(uri.getRawQuery());
            return html(200, authorize(params).autoSubmitHtml());
          }
        case "token":
          return "POST".equals(method)
              ? services.token(Urls.parseForm(body))
              : PlatformResponse.error(405, "invalid_request", "POST only.");
        case "deep-link-return":
          {
            String jwt = Urls.parseForm(body).get("JWT");
            if (jwt == null) {
              return html(400, "<p>No JWT form field.</p>");
            }
            StringBuilder page = new StringBuilder("<!DOCTYPE html>\n<p>Placed:</p><ul>");
            for (ResourceLinkPlacement p : acceptDeepLinkingResponse(jwt)) {
              page.append("<li>")
                  .append(Html.escape(p.title()))
                  .append(" (")
                  .append(Html.escape(p.id()))
                  .append(")</li>");
            }
            return html(200, page.append("</ul>\n").toString());
          }
        default:
          return services.handle(method, uri, headers, body);
      }
    } catch (PlatformRequestException e) {
      return html(e.status(), "<p>" + Html.escape(e.getMessage()) + "</p>");
    }
  }

  private static PlatformResponse html(int status, String page) {
    return PlatformResponse.json(status, "text/html; charset=utf-8", page);
  }

  // --- Helpers shared with the services ----------------------------------------------------------

  Clock clock() {
    return clock;
  }

  String deploymentId() {
    return deploymentId;
  }

  /** True when the user is a member of the course. */
  boolean isMember(String userId, String contextId) {
    return contextId.equals(courseOfUser.get(userId));
  }

  /** Verifies a JWT signed by the tool: RS256, kid present and in the tool's key set, signature. */
  JWTClaimsSet verifyToolJwt(String jwt) {
    try {
      SignedJWT signed = SignedJWT.parse(jwt);
      JWSHeader header = signed.getHeader();
      if (!JWSAlgorithm.RS256.equals(header.getAlgorithm()) || header.getKeyID() == null) {
        throw new PlatformRequestException(400, "The tool's JWT must be RS256 with a kid.");
      }
      JWK key;
      try {
        key = JWKSet.parse(toolKeys.load()).getKeyByKeyId(header.getKeyID());
      } catch (IOException e) {
        throw new PlatformRequestException(502, "The tool's key set could not be loaded.");
      }
      if (!(key instanceof RSAKey rsa) || !signed.verify(new RSASSAVerifier(rsa))) {
        throw new PlatformRequestException(401, "The tool's JWT signature does not verify.");
      }
      return signed.getJWTClaimsSet();
    } catch (ParseException | JOSEException e) {
      throw new PlatformRequestException(400, "The tool's JWT is malformed.");
    }
  }

  void requireFresh(JWTClaimsSet claims, Instant now) {
    Date exp = claims.getExpirationTime();
    Date iat = claims.getIssueTime();
    if (exp == null || !now.isBefore(exp.toInstant().plusSeconds(60))) {
      throw new PlatformRequestException(401, "The tool's JWT has expired.");
    }
    if (iat != null && iat.toInstant().isAfter(now.plusSeconds(60))) {
      throw new PlatformRequestException(401, "The tool's JWT is issued in the future.");
    }
  }

  private String sign(Map<String, Object> claims) {
    try {
      SignedJWT jwt =
          new SignedJWT(
              new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signingKey.getKeyID()).build(),
              JWTClaimsSet.parse(claims));
      jwt.sign(new RSASSASigner(signingKey));
      return jwt.serialize();
    } catch (JOSEException | ParseException e) {
      throw new IllegalStateException("Signing the id_token failed", e);
    }
  }

  private synchronized EmulatedUser user(String userId) {
    EmulatedUser user = users.get(userId);
    if (user == null) {
      throw new PlatformRequestException(400, "No user " + userId + " in any course.");
    }
    return user;
  }

  private ResourceLinkPlacement placement(String id) {
    return placements.stream()
        .filter(p -> p.id().equals(id))
        .findFirst()
        .orElseThrow(() -> new PlatformRequestException(404, "No resource link " + id + "."));
  }

  private static void expect(Map<String, String> params, String name, String value) {
    if (!value.equals(params.get(name))) {
      throw new PlatformRequestException(
          400, "The authentication request's " + name + " must be " + value + ".");
    }
  }

  private static String required(Map<String, String> params, String name) {
    String v = params.get(name);
    if (v == null || v.isBlank()) {
      throw new PlatformRequestException(400, "The authentication request has no " + name + ".");
    }
    return v;
  }

  private record PendingMessage(String messageType, String userId, String resourceLinkId) {}

  private record DeepLinkingData(String contextId, Instant expiresAt) {}
}
