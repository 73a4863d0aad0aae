package io.visiongrade.lms.infrastructure.config;

import java.time.Duration;
import java.util.Objects;

/**
 * How this server runs jobs (docs/jobs.md).
 *
 * @param enabled {@code visiongrade.jobs.enabled} (true): whether this server runs jobs at all
 *     (jobs are still queued when it does not)
 * @param nodeId {@code visiongrade.jobs.node-id} (the server's {@code jboss.node.name}, else the
 *     host name): names this server in job leases; must be stable across restarts and unique among
 *     servers sharing a database
 * @param trainingConcurrency {@code visiongrade.jobs.training-concurrency} (1): training jobs run
 *     at once on this server
 * @param fastConcurrency {@code visiongrade.jobs.fast-concurrency} (2): fast-lane jobs run at once
 * @param poll {@code visiongrade.jobs.poll-ms} (1000): pause between two passes (recovery,
 *     heartbeats, time limits, dispatch); a submit or a finished job starts a pass at once
 * @param lease {@code visiongrade.jobs.lease-ms} (60000): how long a running job is held without a
 *     heartbeat; a server that dies leaves its jobs queued again this long after its last one
 * @param heartbeat {@code visiongrade.jobs.heartbeat-ms} (10000): how often a running job's lease
 *     is extended (and a cancel from another server seen); below the lease
 * @param maxInfraRetries {@code visiongrade.jobs.max-infra-retries} (3): failures of ours retried
 *     before a job fails
 * @param backoffBase {@code visiongrade.jobs.backoff-base-ms} (5000): wait after the first failure
 *     of ours (upper bound of the jitter)
 * @param backoffCap {@code visiongrade.jobs.backoff-cap-ms} (300000): the longest wait
 * @param trainingTimeout {@code visiongrade.jobs.training-timeout-s} (3600): time limit of a
 *     training job
 * @param fastTimeout {@code visiongrade.jobs.fast-timeout-s} (120): time limit of a fast job
 * @param progressWrite {@code visiongrade.jobs.progress-write-ms} (2000): the least time between
 *     two progress writes to a job's row
 * @param shutdownGrace {@code visiongrade.jobs.shutdown-grace-ms} (10000): how long a stopping
 *     server waits for its running jobs to stop and go back to the queue
 */
public record JobSettings(
    boolean enabled,
    String nodeId,
    int trainingConcurrency,
    int fastConcurrency,
    Duration poll,
    Duration lease,
    Duration heartbeat,
    int maxInfraRetries,
    Duration backoffBase,
    Duration backoffCap,
    Duration trainingTimeout,
    Duration fastTimeout,
    Duration progressWrite,
    Duration shutdownGrace) {

  public JobSettings {
    if (nodeId == null || nodeId.isBlank() || nodeId.length() > 255) {
      throw new IllegalArgumentException(
          "visiongrade.jobs.node-id must have 1 to 255 characters, got " + nodeId);
    }
    atLeast("visiongrade.jobs.training-concurrency", trainingConcurrency, 1);
    atLeast("visiongrade.jobs.fast-concurrency", fastConcurrency, 1);
    atLeast("visiongrade.jobs.max-infra-retries", maxInfraRetries, 0);
    positive("visiongrade.jobs.poll-ms", poll);
    positive("visiongrade.jobs.lease-ms", lease);
    positive("visiongrade.jobs.heartbeat-ms", heartbeat);
    positive("visiongrade.jobs.backoff-base-ms", backoffBase);
    positive("visiongrade.jobs.backoff-cap-ms", backoffCap);
    positive("visiongrade.jobs.training-timeout-s", trainingTimeout);
    positive("visiongrade.jobs.fast-timeout-s", fastTimeout);
    positive("visiongrade.jobs.progress-write-ms", progressWrite);
    positive("visiongrade.jobs.shutdown-grace-ms", shutdownGrace);
    if (heartbeat.compareTo(lease) >= 0) {
      throw new IllegalArgumentException(
          "visiongrade.jobs.heartbeat-ms ("
              + heartbeat.toMillis()
              + ") must be below visiongrade.jobs.lease-ms ("
              + lease.toMillis()
              + ")");
    }
    if (backoffCap.compareTo(backoffBase) < 0) {
      throw new IllegalArgumentException(
          "visiongrade.jobs.backoff-cap-ms ("
              + backoffCap.toMillis()
              + ") must not be below visiongrade.jobs.backoff-base-ms ("
              + backoffBase.toMillis()
              + ")");
    }
  }

  /** The defaults, on the given node. */
  public static JobSettings defaults(String nodeId) {
    return new JobSettings(
        true,
        nodeId,
        1,
        2,
        Duration.ofSeconds(1),
        Duration.ofMinutes(1),
        Duration.ofSeconds(10),
        3,
        Duration.ofSeconds(5),
        Duration.ofMinutes(5),
        Duration.ofHours(1),
        Duration.ofMinutes(2),
        Duration.ofSeconds(2),
        Duration.ofSeconds(10));
  }

  private static void atLeast(String key, int value, int min) {
    if (value < min) {
      throw new IllegalArgumentException(key + " must be at least " + min + ", got " + value);
    }
  }

  private static void positive(String key, Duration d) {
    Objects.requireNonNull(d, key);
    if (d.isZero() || d.isNegative()) {
      throw new IllegalArgumentException(key + " must be positive, got " + d.toMillis() + " ms");
    }
  }
}
