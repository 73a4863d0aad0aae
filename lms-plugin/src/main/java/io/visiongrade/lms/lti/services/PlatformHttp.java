package io.visiongrade.lms.lti.services;

import io.visiongrade.lms.lti.LtiErrorCode;
import io.visiongrade.lms.lti.LtiServiceException;
import io.visiongrade.lms.lti.support.JsonObject;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;

/**
 * Sends requests to platforms with a timeout and turns every failure into one {@link
 * LtiServiceException}: connection errors, timeouts, 408, 429 and 5xx are retryable (with the
 * platform's Retry-After, in seconds or as an HTTP date, when given); other 4xx answers are
 * permanent and carry the platform's message, shortened.
 */
public final class PlatformHttp {

  static final int MAX_MESSAGE = 300;

  private final HttpClient http;
  private final Duration timeout;
  private final Clock clock;

  public PlatformHttp(HttpClient http, Duration timeout, Clock clock) {
    this.http = Objects.requireNonNull(http, "http");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  public Clock clock() {
    return clock;
  }

  /**
   * Sends a request and returns a 2xx response.
   *
   * @param what what the call does, in words, for messages ("posting the score")
   */
  public HttpResponse<String> send(HttpRequest.Builder request, String what)
      throws LtiServiceException {
    HttpResponse<String> response = exchange(request, what);
    if (response.statusCode() / 100 != 2) {
      throw classify(response.statusCode(), response, what);
    }
    return response;
  }

  /** Sends a request and returns whatever status came back; only transport failures throw. */
  public HttpResponse<String> exchange(HttpRequest.Builder request, String what)
      throws LtiServiceException {
    try {
      return http.send(request.timeout(timeout).build(), HttpResponse.BodyHandlers.ofString());
    } catch (HttpTimeoutException e) {
      throw new LtiServiceException(
          LtiErrorCode.PLATFORM_UNREACHABLE,
          "The platform did not answer in time while " + what + ".",
          true,
          0,
          null,
          e);
    } catch (IOException e) {
      throw new LtiServiceException(
          LtiErrorCode.PLATFORM_UNREACHABLE,
          "The platform could not be reached while "
              + what
              + " ("
              + e.getClass().getSimpleName()
              + ").",
          true,
          0,
          null,
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LtiServiceException(
          LtiErrorCode.PLATFORM_UNREACHABLE, "Interrupted while " + what + ".", true, 0, null, e);
    }
  }

  /** The exception for a non-2xx answer. */
  public LtiServiceException classify(int status, HttpResponse<String> response, String what) {
    String detail = platformMessage(response.body());
    String suffix = detail.isEmpty() ? "." : ": " + detail;
    if (status == 429 || status == 503 || status == 408) {
      Instant retryAt =
          response
              .headers()
              .firstValue("Retry-After")
              .flatMap(v -> retryAfter(v, clock.instant()))
              .orElse(null);
      return new LtiServiceException(
          LtiErrorCode.PLATFORM_BUSY,
          "The platform asked us to slow down (HTTP " + status + ") while " + what + suffix,
          true,
          status,
          retryAt,
          null);
    }
    if (status >= 500) {
      return new LtiServiceException(
          LtiErrorCode.PLATFORM_FAILED,
          "The platform failed (HTTP " + status + ") while " + what + suffix,
          true,
          status,
          null,
          null);
    }
    return LtiServiceException.permanent(
        LtiErrorCode.PLATFORM_REJECTED,
        "The platform refused (HTTP " + status + ") " + what + suffix,
        status);
  }

  /**
   * Reads a Retry-After value: delay seconds or an HTTP date (RFC 9110 section 10.2.3). Empty when
   * it is neither.
   */
  public static Optional<Instant> retryAfter(String value, Instant now) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    String v = value.trim();
    try {
      long seconds = Long.parseLong(v);
      return Optional.of(now.plusSeconds(Math.max(0, seconds)));
    } catch (NumberFormatException notSeconds) {
      try {
        return Optional.of(
            ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
      } catch (DateTimeParseException notDate) {
        return Optional.empty();
      }
    }
  }

  /** A short, printable message from an error body: a JSON error field or the text itself. */
  static String platformMessage(String body) {
    if (body == null || body.isBlank()) {
      return "";
    }
    String text = body.trim();
    try {
      JsonObject json = JsonObject.parse(text);
      for (String field : new String[] {"error_description", "message", "reason", "error"}) {
        Optional<String> v = json.has(field) ? safeText(json, field) : Optional.empty();
        if (v.isPresent() && !v.get().isBlank()) {
          text = v.get();
          break;
        }
      }
    } catch (ParseException | RuntimeException notJson) {
      // keep the raw text
    }
    text = text.replaceAll("[\\p{Cntrl}&&[^\n]]", " ").replace('\n', ' ');
    return text.length() > MAX_MESSAGE ? text.substring(0, MAX_MESSAGE) + "..." : text;
  }

  private static Optional<String> safeText(JsonObject json, String field) {
    try {
      return json.text(field);
    } catch (JsonObject.JsonTypeException e) {
      return json.object(field).flatMap(o -> o.text("message"));
    }
  }
}
