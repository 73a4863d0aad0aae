package io.visiongrade.lms.lti.services;

import com.nimbusds.jwt.JWTClaimsSet;
import io.visiongrade.lms.lti.LtiErrorCode;
import io.visiongrade.lms.lti.LtiServiceException;
import io.visiongrade.lms.lti.keys.ToolKeyManager;
import io.visiongrade.lms.lti.registration.PlatformRegistration;
import io.visiongrade.lms.lti.registration.RegistrationKey;
import io.visiongrade.lms.lti.support.JsonObject;
import io.visiongrade.lms.lti.support.Randoms;
import io.visiongrade.lms.lti.support.Urls;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Obtains OAuth2 access tokens for LTI services with the client-credentials grant and a JWT client
 * assertion signed by the tool key (Security Framework 4.1 and 6.2; RFC 7523). Tokens are cached
 * per registration and scope set until shortly before they expire.
 */
public final class PlatformTokenClient {

  static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
  private static final Duration ASSERTION_LIFETIME = Duration.ofMinutes(5);
  private static final Duration EXPIRY_MARGIN = Duration.ofSeconds(60);

  private final PlatformHttp http;
  private final ToolKeyManager keys;
  private final Map<CacheKey, AccessToken> cache = new ConcurrentHashMap<>();

  public PlatformTokenClient(PlatformHttp http, ToolKeyManager keys) {
    this.http = Objects.requireNonNull(http, "http");
    this.keys = Objects.requireNonNull(keys, "keys");
  }

  /** A valid token for these scopes, from the cache or the platform's token endpoint. */
  public AccessToken token(PlatformRegistration registration, Set<String> scopes)
      throws LtiServiceException {
    CacheKey key = new CacheKey(registration.key(), new TreeSet<>(scopes));
    Instant now = http.clock().instant();
    AccessToken cached = cache.get(key);
    if (cached != null && now.isBefore(cached.expiresAt())) {
      return cached;
    }
    AccessToken fresh = request(registration, key.scopes(), now);
    cache.put(key, fresh);
    return fresh;
  }

  /** Forgets a cached token, e.g. after a service answered 401 with it. */
  public void invalidate(PlatformRegistration registration, Set<String> scopes) {
    cache.remove(new CacheKey(registration.key(), new TreeSet<>(scopes)));
  }

  private AccessToken request(PlatformRegistration registration, Set<String> scopes, Instant now)
      throws LtiServiceException {
    String assertion =
        keys.sign(
            new JWTClaimsSet.Builder()
                .issuer(registration.clientId())
                .subject(registration.clientId())
                .audience(registration.tokenUrl().toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ASSERTION_LIFETIME)))
                .jwtID(Randoms.token())
                .build());
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "client_credentials");
    form.put("client_assertion_type", ASSERTION_TYPE);
    form.put("client_assertion", assertion);
    form.put("scope", String.join(" ", scopes));
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(registration.tokenUrl())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Urls.form(form))),
            "requesting an access token from " + registration.tokenUrl());
    try {
      JsonObject json = JsonObject.parse(response.body());
      String value =
          json.string("access_token")
              .filter(s -> !s.isBlank())
              .orElseThrow(() -> malformed("no access_token"));
      String type = json.string("token_type").orElse("Bearer");
      if (!"bearer".equalsIgnoreCase(type)) {
        throw malformed("token_type " + type + " is not Bearer");
      }
      long expiresIn = json.number("expires_in").map(Double::longValue).orElse(3600L);
      Duration margin =
          expiresIn > 2 * EXPIRY_MARGIN.toSeconds()
              ? EXPIRY_MARGIN
              : Duration.ofSeconds(expiresIn / 2);
      Set<String> granted =
          json.string("scope")
              .map(s -> (Set<String>) new LinkedHashSet<>(List.of(s.trim().split("\\s+"))))
              .orElse(scopes);
      return new AccessToken(value, granted, now.plusSeconds(expiresIn).minus(margin));
    } catch (ParseException | JsonObject.JsonTypeException e) {
      throw malformed("the answer is not a valid token response");
    }
  }

  private static LtiServiceException malformed(String why) {
    return LtiServiceException.permanent(
        LtiErrorCode.PLATFORM_RESPONSE_MALFORMED,
        "The platform's token response is unusable: " + why + ".",
        200);
  }

  private record CacheKey(RegistrationKey registration, Set<String> scopes) {}
}
