package io.visiongrade.lms.lti.launch;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import io.visiongrade.lms.lti.LtiErrorCode;
import io.visiongrade.lms.lti.LtiValidationException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Platform public key sets, fetched over HTTP with a timeout and cached (Security Framework 6.3).
 * When a token names a key id that the cached set lacks, the set is fetched again once, but no more
 * often than {@code minRefreshInterval} per URL, so that forged kids cannot make us hammer a
 * platform. When a refresh fails and a cached set exists, the cached set is used.
 */
public final class JwksCache {

  private static final System.Logger LOG = System.getLogger(JwksCache.class.getName());
  private static final int MAX_BYTES = 512 * 1024;

  private final HttpClient http;
  private final Duration timeout;
  private final Duration maxAge;
  private final Duration minRefreshInterval;
  private final Clock clock;
  private final Map<URI, Entry> entries = new ConcurrentHashMap<>();

  /**
   * @param timeout per request
   * @param maxAge how long a fetched set is used before it is fetched again
   * @param minRefreshInterval the least time between two fetches of one URL
   */
  public JwksCache(
      HttpClient http,
      Duration timeout,
      Duration maxAge,
      Duration minRefreshInterval,
      Clock clock) {
    this.http = Objects.requireNonNull(http, "http");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.maxAge = Objects.requireNonNull(maxAge, "maxAge");
    this.minRefreshInterval = Objects.requireNonNull(minRefreshInterval, "minRefreshInterval");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Timeout 5 s, sets kept 1 hour, refreshed at most once a minute. */
  public static JwksCache withDefaults(HttpClient http, Clock clock) {
    return new JwksCache(
        http, Duration.ofSeconds(5), Duration.ofHours(1), Duration.ofMinutes(1), clock);
  }

  /**
   * The key with this id in the key set at {@code jwksUrl}, fetching the set when it is not cached,
   * is too old, or lacks the kid (rate-limited).
   *
   * @throws LtiValidationException {@link LtiErrorCode#KEY_SET_UNREACHABLE} when no key set could
   *     be obtained at all
   */
  public Optional<JWK> findKey(URI jwksUrl, String kid) throws LtiValidationException {
    Entry entry = entries.computeIfAbsent(jwksUrl, u -> new Entry());
    synchronized (entry) {
      Instant now = clock.instant();
      boolean stale = entry.fetchedAt.plus(maxAge).isBefore(now);
      if (entry.keys == null || (stale && canRefresh(entry, now))) {
        fetchInto(entry, jwksUrl, now);
      }
      JWK key = entry.keys.getKeyByKeyId(kid);
      if (key == null && canRefresh(entry, now)) {
        fetchInto(entry, jwksUrl, now);
        key = entry.keys.getKeyByKeyId(kid);
      }
      return Optional.ofNullable(key);
    }
  }

  private boolean canRefresh(Entry entry, Instant now) {
    return !entry.lastAttempt.plus(minRefreshInterval).isAfter(now);
  }

  private void fetchInto(Entry entry, URI jwksUrl, Instant now) throws LtiValidationException {
    entry.lastAttempt = now;
    try {
      entry.keys = fetch(jwksUrl);
      entry.fetchedAt = now;
    } catch (LtiValidationException e) {
      if (entry.keys == null) {
        throw e;
      }
      LOG.log(
          System.Logger.Level.WARNING,
          "Using the cached key set of {0}: refreshing it failed: {1}",
          jwksUrl,
          e.getMessage());
    }
  }

  private JWKSet fetch(URI jwksUrl) throws LtiValidationException {
    HttpRequest request =
        HttpRequest.newBuilder(jwksUrl)
            .timeout(timeout)
            .header("Accept", "application/json, application/jwk-set+json")
            .GET()
            .build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw unreachable(jwksUrl, e.getClass().getSimpleName(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unreachable(jwksUrl, "interrupted", e);
    }
    if (response.statusCode() != 200) {
      throw unreachable(jwksUrl, "HTTP " + response.statusCode(), null);
    }
    String body = response.body();
    if (body == null || body.length() > MAX_BYTES) {
      throw unreachable(jwksUrl, "response empty or too large", null);
    }
    try {
      return JWKSet.parse(body);
    } catch (ParseException e) {
      throw unreachable(jwksUrl, "not a JSON Web Key Set", e);
    }
  }

  private static LtiValidationException unreachable(URI url, String why, Throwable cause) {
    return new LtiValidationException(
        LtiErrorCode.KEY_SET_UNREACHABLE,
        "The platform's public key set at " + url + " could not be loaded (" + why + ").",
        cause);
  }

  private static final class Entry {
    JWKSet keys;
    Instant fetchedAt = Instant.EPOCH;
    Instant lastAttempt = Instant.EPOCH;
  }
}
