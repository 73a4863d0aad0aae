package io.visiongrade.lms.infrastructure.config;

import java.time.Duration;
import java.util.Objects;

/**
 * How the score outbox sender runs.
 *
 * @param enabled {@code visiongrade.outbox.enabled} (true): whether this server sends scores at all
 * @param poll {@code visiongrade.outbox.poll-ms} (1000): pause between two passes
 * @param batchSize {@code visiongrade.outbox.batch-size} (50): rows claimed per pass
 * @param backoffBase {@code visiongrade.outbox.backoff-base-ms} (2000): back-off after the first
 *     failure (upper bound of the jitter)
 * @param backoffCap {@code visiongrade.outbox.backoff-cap-ms} (3600000): the longest back-off
 * @param lease {@code visiongrade.outbox.lease-ms} (120000): how long a claimed row is kept from
 *     other senders; longer than the longest send
 */
public record OutboxSettings(
    boolean enabled,
    Duration poll,
    int batchSize,
    Duration backoffBase,
    Duration backoffCap,
    Duration lease) {

  public OutboxSettings {
    positive("visiongrade.outbox.poll-ms", poll);
    positive("visiongrade.outbox.backoff-base-ms", backoffBase);
    positive("visiongrade.outbox.backoff-cap-ms", backoffCap);
    positive("visiongrade.outbox.lease-ms", lease);
    if (batchSize < 1) {
      throw new IllegalArgumentException(
          "visiongrade.outbox.batch-size must be at least 1, got " + batchSize);
    }
    if (backoffCap.compareTo(backoffBase) < 0) {
      throw new IllegalArgumentException(
          "visiongrade.outbox.backoff-cap-ms ("
              + backoffCap.toMillis()
              + ") must not be below visiongrade.outbox.backoff-base-ms ("
              + backoffBase.toMillis()
              + ")");
    }
  }

  private static void positive(String key, Duration d) {
    Objects.requireNonNull(d, key);
    if (d.isZero() || d.isNegative()) {
      throw new IllegalArgumentException(key + " must be positive, got " + d.toMillis());
    }
  }
}
