package io.visiongrade.lms.lti.services;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.visiongrade.lms.lti.LtiErrorCode;
import io.visiongrade.lms.lti.LtiServiceException;
import io.visiongrade.lms.lti.testing.LoopbackServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PlatformHttpTest {

  static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

  @Test
  void aSlowPlatformTimesOutAsRetryable() {
    try (LoopbackServer server = LoopbackServer.start()) {
      server.route(
          "/slow",
          r -> {
            try {
              Thread.sleep(1500);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            return LoopbackServer.Response.json(200, "{}");
          });
      PlatformHttp http =
          new PlatformHttp(LoopbackServer.client(), Duration.ofMillis(200), Clock.systemUTC());
      LtiServiceException e =
          assertThrows(
              LtiServiceException.class,
              () -> http.send(HttpRequest.newBuilder(server.url("/slow")).GET(), "testing"));
      assertEquals(LtiErrorCode.PLATFORM_UNREACHABLE, e.code());
      assertTrue(e.retryable());
      assertTrue(e.getMessage().contains("in time"), e.getMessage());
    }
  }

  @Test
  void readsRetryAfterAsSecondsOrHttpDate() {
    assertEquals(Optional.of(NOW.plusSeconds(30)), PlatformHttp.retryAfter("30", NOW));
    assertEquals(Optional.of(NOW), PlatformHttp.retryAfter("-5", NOW));
    assertEquals(
        Optional.of(Instant.parse("2026-11-28T12:05:00Z")),
        PlatformHttp.retryAfter("Sat, 28 Nov 2026 12:05:00 GMT", NOW));
    assertEquals(Optional.empty(), PlatformHttp.retryAfter("soon", NOW));
    assertEquals(Optional.empty(), PlatformHttp.retryAfter(null, NOW));
  }

  @Test
  void extractsAShortMessageFromErrorBodies() {
    assertEquals(
        "bad score",
        PlatformHttp.platformMessage("{\"error\":\"x\",\"error_description\":\"bad score\"}"));
    assertEquals("nested", PlatformHttp.platformMessage("{\"error\":{\"message\":\"nested\"}}"));
    assertEquals("plain text line two", PlatformHttp.platformMessage("plain text\nline two"));
    String longText = "y".repeat(1000);
    String shortened = PlatformHttp.platformMessage(longText);
    assertEquals(PlatformHttp.MAX_MESSAGE + 3, shortened.length());
    assertEquals("", PlatformHttp.platformMessage(null));
  }

  @Test
  void findsTheNextLink() {
    assertEquals(
        Optional.of(URI.create("https://lms.example/m?page=2")),
        LinkHeader.next(
            "<https://lms.example/m?page=1>; rel=\"prev\", <https://lms.example/m?page=2>; rel=\"next\""));
    assertEquals(
        Optional.of(URI.create("https://lms.example/m?p=3")),
        LinkHeader.next("<https://lms.example/m?p=3>; rel=next"));
    assertEquals(Optional.empty(), LinkHeader.next("<https://lms.example/m>; rel=\"last\""));
    assertEquals(Optional.empty(), LinkHeader.next(null));
    assertTrue(
        LinkHeader.sameOrigin(
            URI.create("https://a.example/x"), URI.create("https://a.example/y")));
    assertEquals(
        false,
        LinkHeader.sameOrigin(
            URI.create("https://a.example/x"), URI.create("https://b.example/x")));
  }

  @Test
  void scoresAreValidatedAndWrittenWithAnExplicitOffset() {
    Score s = Score.graded("u1", 7, 10, "ok", Instant.parse("2026-11-28T12:00:00.5Z"));
    assertEquals("2026-11-28T12:00:00.500+00:00", s.toJson().get("timestamp"));
    assertEquals(7.0, s.toJson().get("scoreGiven"));
    assertThrows(
        IllegalArgumentException.class, () -> Score.graded("u1", -1, 10, null, Instant.now()));
    assertThrows(
        IllegalArgumentException.class, () -> Score.graded(" ", 1, 10, null, Instant.now()));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new Score(
                "u1",
                Optional.of(1.0),
                Optional.empty(),
                Score.ActivityProgress.Completed,
                Score.GradingProgress.FullyGraded,
                Optional.empty(),
                Instant.now()));
  }
}
