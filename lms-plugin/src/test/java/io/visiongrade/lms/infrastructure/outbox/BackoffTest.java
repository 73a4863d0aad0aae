package io.visiongrade.lms.infrastructure.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BackoffTest {

  final Backoff backoff = new Backoff(Duration.ofSeconds(2), Duration.ofHours(1), new Random(7));

  @Test
  void theCeilingDoublesFromTheBaseUpToTheCap() {
    assertEquals(Duration.ofSeconds(2), backoff.ceiling(1));
    assertEquals(Duration.ofSeconds(4), backoff.ceiling(2));
    assertEquals(Duration.ofSeconds(8), backoff.ceiling(3));
    assertEquals(Duration.ofSeconds(2048), backoff.ceiling(11));
    assertEquals(Duration.ofHours(1), backoff.ceiling(12));
    assertEquals(Duration.ofHours(1), backoff.ceiling(10_000), "no overflow");
    assertEquals(Duration.ofSeconds(2), backoff.ceiling(0));
  }

  @Test
  void fullJitterStaysWithinTheCeilingAndSpreads() {
    for (int attempts = 1; attempts <= 20; attempts++) {
      Set<Long> seen = new HashSet<>();
      for (int i = 0; i < 200; i++) {
        Duration d = backoff.delay(attempts);
        assertTrue(!d.isNegative() && d.compareTo(backoff.ceiling(attempts)) <= 0, d.toString());
        seen.add(d.toMillis());
      }
      assertTrue(seen.size() > 100, "jitter spreads the retries: " + seen.size());
    }
    double mean =
        java.util.stream.IntStream.range(0, 2000)
            .mapToLong(i -> backoff.delay(30).toMillis())
            .average()
            .orElseThrow();
    assertTrue(Math.abs(mean - 1_800_000) < 120_000, "uniform over [0, cap]: mean " + mean);
  }

  @Test
  void aLaterRetryAfterWinsAnEarlierOneDoesNot() {
    Instant now = Instant.parse("2026-11-28T10:00:00Z");
    assertEquals(
        now.plusSeconds(120), backoff.nextAttempt(now, 1, Optional.of(now.plusSeconds(120))));
    Instant next = backoff.nextAttempt(now, 12, Optional.of(now.plusSeconds(1)));
    assertTrue(!next.isBefore(now) && !next.isAfter(now.plusSeconds(3600)), next.toString());
    Instant plain = backoff.nextAttempt(now, 1, Optional.empty());
    assertTrue(!plain.isBefore(now) && !plain.isAfter(now.plusSeconds(2)), plain.toString());
  }

  @Test
  void refusesAnUpsideDownConfiguration() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new Backoff(Duration.ofSeconds(5), Duration.ofSeconds(1), new Random()));
    assertThrows(
        IllegalArgumentException.class,
        () -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), new Random()));
  }
}
