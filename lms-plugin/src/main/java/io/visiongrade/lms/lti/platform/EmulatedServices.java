package io.visiongrade.lms.lti.platform;

import com.nimbusds.jose.util.JSONArrayUtils;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import io.visiongrade.lms.lti.LtiScopes;
import io.visiongrade.lms.lti.support.JsonObject;
import io.visiongrade.lms.lti.support.Randoms;
import io.visiongrade.lms.lti.support.Urls;
import java.net.URI;
import java.text.ParseException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The emulated platform's service endpoints: OAuth2 token (client credentials with a JWT client
 * assertion), AGS line items and scores, and NRPS memberships, per course under {@code
 * contexts/<context id>/}. {@link #handle} routes a request under the platform's base URL; headers
 * are matched case-insensitively. A line item, and the scores posted to it, belong to one course.
 */
public final class EmulatedServices {

  static final Set<String> SUPPORTED_SCOPES = LtiScopes.ALL;
  private static final String LINE_ITEM_TYPE = "application/vnd.ims.lis.v2.lineitem+json";
  private static final String CONTAINER_TYPE = "application/vnd.ims.lis.v2.lineitemcontainer+json";
  private static final String MEMBERSHIP_TYPE =
      "application/vnd.ims.lti-nrps.v2.membershipcontainer+json";

  private final PlatformEmulator platform;
  private final Map<String, Grant> tokens = new ConcurrentHashMap<>();
  private final Map<String, Instant> usedJtis = new ConcurrentHashMap<>();
  private final Map<String, StoredLineItem> lineItems = new ConcurrentHashMap<>();
  private final Map<String, List<Map<String, Object>>> scores = new ConcurrentHashMap<>();
  private final Deque<PlatformResponse> scoreFailures = new ArrayDeque<>();
  private final AtomicInteger lineItemCounter = new AtomicInteger();

  EmulatedServices(PlatformEmulator platform) {
    this.platform = platform;
  }

  // --- Token endpoint --------------------------------------------------------------------------

  /** The token endpoint, given the decoded form body. */
  public PlatformResponse token(Map<String, String> form) {
    if (!"client_credentials".equals(form.get("grant_type"))) {
      return PlatformResponse.error(400, "unsupported_grant_type", "Only client_credentials.");
    }
    if (!"urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
        .equals(form.get("client_assertion_type"))) {
      return PlatformResponse.error(400, "invalid_request", "A JWT client assertion is required.");
    }
    String assertion = form.get("client_assertion");
    if (assertion == null) {
      return PlatformResponse.error(400, "invalid_request", "No client_assertion.");
    }
    JWTClaimsSet claims;
    try {
      claims = platform.verifyToolJwt(assertion);
      platform.requireFresh(claims, platform.clock().instant());
    } catch (PlatformRequestException e) {
      // Our own failure (the tool's key set did not load) is a 5xx the tool retries, not a refusal.
      return e.status() >= 500
          ? PlatformResponse.error(503, "temporarily_unavailable", e.getMessage())
          : PlatformResponse.error(401, "invalid_client", e.getMessage());
    }
    String tokenUrl = platform.tokenUrl().toString();
    if (!platform.clientId().equals(claims.getIssuer())
        || !platform.clientId().equals(claims.getSubject())
        || claims.getAudience() == null
        || !claims.getAudience().contains(tokenUrl)) {
      return PlatformResponse.error(
          401, "invalid_client", "iss and sub must be the client_id and aud the token URL.");
    }
    String jti = claims.getJWTID();
    Instant now = platform.clock().instant();
    usedJtis.values().removeIf(until -> until.isBefore(now));
    if (jti == null || usedJtis.putIfAbsent(jti, claims.getExpirationTime().toInstant()) != null) {
      return PlatformResponse.error(
          401, "invalid_client", "The assertion's jti is missing or used.");
    }
    Set<String> requested =
        new LinkedHashSet<>(Arrays.asList(form.getOrDefault("scope", "").trim().split("\\s+")));
    requested.retainAll(SUPPORTED_SCOPES);
    if (requested.isEmpty()) {
      return PlatformResponse.error(400, "invalid_scope", "None of the scopes is supported.");
    }
    String value = Randoms.token();
    tokens.put(value, new Grant(requested, now.plusSeconds(3600)));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("access_token", value);
    body.put("token_type", "Bearer");
    body.put("expires_in", 3600);
    body.put("scope", String.join(" ", requested));
    return PlatformResponse.json(200, "application/json", JSONObjectUtils.toJSONString(body));
  }

  // --- AGS / NRPS routing ----------------------------------------------------------------------

  /**
   * Handles a service request under the platform's base URL.
   *
   * @param headers request headers (names in any case, first value)
   */
  public PlatformResponse handle(String method, URI uri, Map<String, String> headers, String body) {
    String basePath = URI.create(platform.issuer() + "/").getPath();
    String path = uri.getPath();
    String prefix = basePath + "contexts/";
    int slash = path.startsWith(prefix) ? path.indexOf('/', prefix.length()) : -1;
    String contextId = slash < 0 ? null : path.substring(prefix.length(), slash);
    if (contextId == null || platform.course(contextId).isEmpty()) {
      return PlatformResponse.error(404, "not_found", "No such service.");
    }
    String[] rest = path.substring(slash + 1).split("/");
    Map<String, String> query = Urls.parseForm(uri.getRawQuery());
    String auth = header(headers, "Authorization");
    if (rest.length == 1 && rest[0].equals("memberships") && method.equals("GET")) {
      return authorized(auth, LtiScopes.NRPS_CONTEXT_MEMBERSHIP_READ_ONLY, null)
          ? memberships(contextId, query)
          : unauthorized();
    }
    if (rest.length == 1 && rest[0].equals("lineitems")) {
      if (method.equals("GET")) {
        return authorized(auth, LtiScopes.AGS_LINE_ITEM, LtiScopes.AGS_LINE_ITEM_READ_ONLY)
            ? listLineItems(contextId, query)
            : unauthorized();
      }
      if (method.equals("POST")) {
        if (!authorized(auth, LtiScopes.AGS_LINE_ITEM, null)) {
          return unauthorized();
        }
        return postLineItem(contextId, header(headers, "Content-Type"), body);
      }
    }
    if (rest.length >= 3 && rest[0].equals("lineitems") && rest[2].equals("lineitem")) {
      StoredLineItem item = lineItems.get(rest[1]);
      if (item == null || !item.contextId().equals(contextId)) {
        return PlatformResponse.error(404, "not_found", "No line item " + rest[1] + ".");
      }
      if (rest.length == 3 && method.equals("GET")) {
        return authorized(auth, LtiScopes.AGS_LINE_ITEM, LtiScopes.AGS_LINE_ITEM_READ_ONLY)
            ? PlatformResponse.json(200, LINE_ITEM_TYPE, JSONObjectUtils.toJSONString(item.json()))
            : unauthorized();
      }
      if (rest.length == 4 && rest[3].equals("scores") && method.equals("POST")) {
        if (!authorized(auth, LtiScopes.AGS_SCORE, null)) {
          return unauthorized();
        }
        return postScore(item, header(headers, "Content-Type"), body);
      }
    }
    return PlatformResponse.error(405, "not_supported", method + " " + path + " is not supported.");
  }

  /** Makes the next score posts answer with these responses, in order (for retry tests). */
  public synchronized void failNextScores(PlatformResponse... responses) {
    scoreFailures.addAll(Arrays.asList(responses));
  }

  /** The scores posted to a line item (its URL), oldest first. */
  public List<Map<String, Object>> scores(URI lineItemUrl) {
    StoredLineItem item =
        lineItems.values().stream()
            .filter(li -> li.url().equals(lineItemUrl))
            .findFirst()
            .orElse(null);
    return item == null ? List.of() : List.copyOf(scores.getOrDefault(item.id(), List.of()));
  }

  /** The line items of every course. */
  public List<Map<String, Object>> lineItems() {
    return lineItems.values().stream().map(StoredLineItem::json).toList();
  }

  /** The line items of one course. */
  public List<Map<String, Object>> lineItems(String contextId) {
    return lineItems.values().stream()
        .filter(li -> li.contextId().equals(contextId))
        .map(StoredLineItem::json)
        .toList();
  }

  URI createLineItem(
      String contextId,
      double scoreMaximum,
      String label,
      String resourceId,
      String resourceLinkId,
      String tag) {
    String id = Integer.toString(lineItemCounter.incrementAndGet());
    URI url = URI.create(platform.lineItemsUrl(contextId) + "/" + id + "/lineitem?type_id=1");
    lineItems.put(
        id,
        new StoredLineItem(
            id, contextId, url, scoreMaximum, label, resourceId, resourceLinkId, tag));
    scores.put(id, new CopyOnWriteArrayList<>());
    return url;
  }

  private PlatformResponse listLineItems(String contextId, Map<String, String> query) {
    List<Object> out = new ArrayList<>();
    for (StoredLineItem li : lineItems.values()) {
      if (!li.contextId().equals(contextId)) {
        continue;
      }
      if (query.containsKey("resource_link_id")
          && !query.get("resource_link_id").equals(li.resourceLinkId())) {
        continue;
      }
      if (query.containsKey("resource_id") && !query.get("resource_id").equals(li.resourceId())) {
        continue;
      }
      out.add(li.json());
    }
    return PlatformResponse.json(200, CONTAINER_TYPE, JSONArrayUtils.toJSONString(out));
  }

  private PlatformResponse postLineItem(String contextId, String contentType, String body) {
    if (contentType == null || !contentType.startsWith(LINE_ITEM_TYPE)) {
      return PlatformResponse.error(415, "unsupported_media_type", "Expected " + LINE_ITEM_TYPE);
    }
    try {
      JsonObject json = JsonObject.parse(body);
      double max =
          json.number("scoreMaximum")
              .filter(v -> v > 0)
              .orElseThrow(() -> new ParseException("scoreMaximum must be > 0", 0));
      String label =
          json.string("label")
              .filter(s -> !s.isBlank())
              .orElseThrow(() -> new ParseException("label is required", 0));
      URI url =
          createLineItem(
              contextId,
              max,
              label,
              json.text("resourceId").orElse(null),
              json.text("resourceLinkId").orElse(null),
              json.string("tag").orElse(null));
      StoredLineItem item =
          lineItems.values().stream().filter(li -> li.url().equals(url)).findFirst().orElseThrow();
      return PlatformResponse.json(201, LINE_ITEM_TYPE, JSONObjectUtils.toJSONString(item.json()));
    } catch (ParseException | JsonObject.JsonTypeException e) {
      return PlatformResponse.error(400, "invalid_request", "Bad line item: " + e.getMessage());
    }
  }

  private PlatformResponse postScore(StoredLineItem item, String contentType, String body) {
    synchronized (this) {
      if (!scoreFailures.isEmpty()) {
        return scoreFailures.poll();
      }
    }
    if (contentType == null || !contentType.startsWith("application/vnd.ims.lis.v1.score+json")) {
      return PlatformResponse.error(
          415, "unsupported_media_type", "Expected the score media type.");
    }
    try {
      JsonObject json = JsonObject.parse(body);
      String userId =
          json.text("userId").orElseThrow(() -> new ParseException("userId required", 0));
      if (!platform.isMember(userId, item.contextId())) {
        return PlatformResponse.error(
            400, "invalid_request", "User " + userId + " is not in the course.");
      }
      String timestamp =
          json.string("timestamp").orElseThrow(() -> new ParseException("timestamp required", 0));
      OffsetDateTime.parse(timestamp);
      json.string("activityProgress")
          .orElseThrow(() -> new ParseException("activityProgress required", 0));
      json.string("gradingProgress")
          .orElseThrow(() -> new ParseException("gradingProgress required", 0));
      if (json.has("scoreGiven") && !json.has("scoreMaximum")) {
        throw new ParseException("scoreGiven needs scoreMaximum", 0);
      }
      scores.get(item.id()).add(new LinkedHashMap<>(json.asMap()));
      return PlatformResponse.noContent();
    } catch (ParseException | JsonObject.JsonTypeException | DateTimeParseException e) {
      return PlatformResponse.error(400, "invalid_request", "Bad score: " + e.getMessage());
    }
  }

  private PlatformResponse memberships(String contextId, Map<String, String> query) {
    EmulatedCourse course = platform.course(contextId).orElseThrow();
    List<EmulatedUser> all = platform.users(contextId);
    int limit = parseOr(query.get("limit"), all.size());
    int page = parseOr(query.get("page"), 1);
    int from = Math.min(all.size(), (page - 1) * Math.max(1, limit));
    int to = Math.min(all.size(), from + Math.max(1, limit));
    List<Object> members = new ArrayList<>();
    for (EmulatedUser u : all.subList(from, to)) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("status", "Active");
      m.put("user_id", u.id());
      m.put("name", u.name());
      m.put("given_name", u.givenName());
      m.put("family_name", u.familyName());
      m.put("email", u.email());
      m.put("roles", u.roles());
      members.add(m);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", platform.membershipsUrl(contextId).toString());
    body.put("context", Map.of("id", course.id(), "title", course.title()));
    body.put("members", members);
    PlatformResponse response =
        PlatformResponse.json(200, MEMBERSHIP_TYPE, JSONObjectUtils.toJSONString(body));
    if (to < all.size()) {
      URI next =
          Urls.withQuery(
              platform.membershipsUrl(contextId),
              Map.of("limit", Integer.toString(limit), "page", Integer.toString(page + 1)));
      response = response.withHeader("Link", "<" + next + ">; rel=\"next\"");
    }
    return response;
  }

  private boolean authorized(String authorization, String scope, String alternative) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return false;
    }
    Grant grant = tokens.get(authorization.substring(7).trim());
    if (grant == null || !platform.clock().instant().isBefore(grant.expiresAt())) {
      return false;
    }
    return grant.scopes().contains(scope)
        || (alternative != null && grant.scopes().contains(alternative));
  }

  /** Forgets every issued token, as if they had been revoked (for 401 handling tests). */
  public void revokeTokens() {
    tokens.clear();
  }

  private static PlatformResponse unauthorized() {
    return PlatformResponse.error(
            401, "invalid_token", "A valid bearer token with the scope is required.")
        .withHeader("WWW-Authenticate", "Bearer");
  }

  private static String header(Map<String, String> headers, String name) {
    for (Map.Entry<String, String> e : headers.entrySet()) {
      if (e.getKey() != null
          && e.getKey().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
        return e.getValue();
      }
    }
    return null;
  }

  private static int parseOr(String s, int fallback) {
    try {
      return s == null ? fallback : Math.max(1, Integer.parseInt(s));
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  private record Grant(Set<String> scopes, Instant expiresAt) {}

  private record StoredLineItem(
      String id,
      String contextId,
      URI url,
      double scoreMaximum,
      String label,
      String resourceId,
      String resourceLinkId,
      String tag) {
    Map<String, Object> json() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", url.toString());
      m.put("scoreMaximum", scoreMaximum);
      m.put("label", label);
      if (resourceId != null) {
        m.put("resourceId", resourceId);
      }
      if (resourceLinkId != null) {
        m.put("resourceLinkId", resourceLinkId);
      }
      if (tag != null) {
        m.put("tag", tag);
      }
      return m;
    }
  }
}
