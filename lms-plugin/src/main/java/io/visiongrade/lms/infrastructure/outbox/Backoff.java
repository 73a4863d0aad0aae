package io.visiongrade.lms.infrastructure.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Exponential back-off with full jitter: after attempt {@code n} the next one waits a uniformly
 * random time in {@code [0, min(cap, base * 2^(n-1))]}, so that many rows failing together do not
 * come back together. A platform's Retry-After wins when it is later.
 */
public final class Backoff {

  private final long baseMillis;
  private final long capMillis;
  private final RandomGenerator random;

  public Backoff(Duration base, Duration cap, RandomGenerator random) {
    this.baseMillis = Objects.requireNonNull(base, "base").toMillis();
    this.capMillis = Objects.requireNonNull(cap, "cap").toMillis();
    this.random = Objects.requireNonNull(random, "random");
    if (baseMillis <= 0 || capMillis < baseMillis) {
      throw new IllegalArgumentException(
          "Back-off needs 0 < base <= cap, got base " + base + " and cap " + cap);
    }
  }

  /** The longest wait after {@code attempts} attempts: {@code min(cap, base * 2^(attempts-1))}. */
  public Duration ceiling(int attempts) {
    long ceiling = baseMillis;
    for (int i = 1; i < attempts && ceiling < capMillis; i++) {
      ceiling *= 2;
    }
    return Duration.ofMillis(Math.min(ceiling, capMillis));
  }

  /** A random wait in {@code [0, ceiling(attempts)]}. */
  public Duration delay(int attempts) {
    return Duration.ofMillis(random.nextLong(ceiling(attempts).toMillis() + 1));
  }

  /** When to try again: after the jittered delay, or at the platform's Retry-After if later. */
  public Instant nextAttempt(Instant now, int attempts, Optional<Instant> retryAfter) {
    Instant backedOff = now.plus(delay(attempts));
    return retryAfter.filter(r -> r.isAfter(backedOff)).orElse(backedOff);
  }
}
