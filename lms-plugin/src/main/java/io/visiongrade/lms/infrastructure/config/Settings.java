package io.visiongrade.lms.infrastructure.config;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Every setting of the product, in one place. Each comes from MicroProfile Config, so a system
 * property ({@code -Dvisiongrade.data.dir=...}) or an environment variable ({@code
 * VISIONGRADE_DATA_DIR}) sets it; each has an embedded default.
 */
@ApplicationScoped
public class Settings {

  private static final Logger LOG = Logger.getLogger(Settings.class);
  private static final String ADMIN_TOKEN_FILE = "admin-token";

  @Inject
  @ConfigProperty(name = "visiongrade.data.dir")
  Optional<String> dataDirSetting;

  @Inject
  @ConfigProperty(name = "visiongrade.admin.token")
  Optional<String> adminTokenSetting;

  @Inject
  @ConfigProperty(name = "visiongrade.base.url", defaultValue = "http://localhost:8080/")
  String baseUrlSetting;

  @Inject
  @ConfigProperty(name = "visiongrade.demo", defaultValue = "false")
  boolean demo;

  @Inject
  @ConfigProperty(name = "visiongrade.demo.seed", defaultValue = "true")
  boolean demoSeed;

  @Inject
  @ConfigProperty(name = "visiongrade.lti.dynamic-registration", defaultValue = "true")
  boolean dynamicRegistration;

  @Inject
  @ConfigProperty(name = "visiongrade.outbox.enabled", defaultValue = "true")
  boolean outboxEnabled;

  @Inject
  @ConfigProperty(name = "visiongrade.outbox.poll-ms", defaultValue = "1000")
  long outboxPollMillis;

  @Inject
  @ConfigProperty(name = "visiongrade.outbox.batch-size", defaultValue = "50")
  int outboxBatchSize;

  @Inject
  @ConfigProperty(name = "visiongrade.outbox.backoff-base-ms", defaultValue = "2000")
  long outboxBackoffBaseMillis;

  @Inject
  @ConfigProperty(name = "visiongrade.outbox.backoff-cap-ms", defaultValue = "3600000")
  long outboxBackoffCapMillis;

  @Inject
  @ConfigProperty(name = "visiongrade.outbox.lease-ms", defaultValue = "120000")
  long outboxLeaseMillis;

  @Inject
  @ConfigProperty(name = "visiongrade.jobs.enabled", defaultValue = "true")
  boolean jobsEnabled;

  @Inject
  @ConfigProperty(name = "visiongrade.jobs.node-id")
  Optional<String> jobsNodeId;

  @Inject
  @ConfigProperty(name = "visiongrade.jobs.training-concurrency", defaultValue = "1")
  int jobsTrainingConcurrency;

  @Inject
  @ConfigProperty(name = "visiongrade.jobs.fast-concurrency", defaultValue = "2")
  int jobsFastConcurrency;

  @Inject
  @ConfigProperty(name = "visiongrade.jobs.poll-ms", defaultValue = "1000")
  long jobsPollMillis;

  @Inject
  @ConfigProperty(name = "visiongrade.jobs.lease-ms", defaultValue = "60000")
  long jobsLeaseMillis;

  @Inject
  @ConfigProperty(name = "visiongrade.jobs.heartbeat-ms", defaultValue = "10000")
  long jobsHeartbeatMillis;

  @Inject
  @ConfigProperty(name = "visiongrade.jobs.max-infra-retries", defaultValue = "3")
  int jobsMaxInfraRetries;

  @Inject
  @ConfigProperty(name = "visiongrade.jobs.backoff-base-ms", defaultValue = "5000")
  long jobsBackoffBaseMillis;

  @Inject
  @ConfigProperty(name = "visiongrade.jobs.backoff-cap-ms", defaultValue = "300000")
  long jobsBackoffCapMillis;

  @Inject
  @ConfigProperty(name = "visiongrade.jobs.training-timeout-s", defaultValue = "3600")
  long jobsTrainingTimeoutSeconds;

  @Inject
  @ConfigProperty(name = "visiongrade.jobs.fast-timeout-s", defaultValue = "120")
  long jobsFastTimeoutSeconds;

  @Inject
  @ConfigProperty(name = "visiongrade.jobs.progress-write-ms", defaultValue = "2000")
  long jobsProgressWriteMillis;

  @Inject
  @ConfigProperty(name = "visiongrade.jobs.shutdown-grace-ms", defaultValue = "10000")
  long jobsShutdownGraceMillis;

  @Inject
  @ConfigProperty(name = "visiongrade.dataset.max-upload-bytes", defaultValue = "209715200")
  long datasetMaxUploadBytes;

  @Inject
  @ConfigProperty(name = "visiongrade.dataset.max-inflated-bytes", defaultValue = "1073741824")
  long datasetMaxInflatedBytes;

  @Inject
  @ConfigProperty(name = "visiongrade.dataset.max-images", defaultValue = "50000")
  int datasetMaxImages;

  @Inject
  @ConfigProperty(name = "visiongrade.dataset.max-image-size", defaultValue = "64")
  int datasetMaxImageSize;

  @Inject
  @ConfigProperty(name = "visiongrade.dataset.max-pixels-per-image", defaultValue = "16777216")
  long datasetMaxPixelsPerImage;

  @Inject
  @ConfigProperty(name = "visiongrade.dataset.max-entries", defaultValue = "60000")
  int datasetMaxEntries;

  @Inject
  @ConfigProperty(name = "visiongrade.dataset.import-threads", defaultValue = "2")
  int datasetImportThreads;

  @Inject
  @ConfigProperty(name = "visiongrade.dataset.cache-max-bytes", defaultValue = "268435456")
  long datasetCacheMaxBytes;

  @Inject
  @ConfigProperty(name = "visiongrade.dataset.max-thumbnails-per-class", defaultValue = "16")
  int datasetMaxThumbnailsPerClass;

  private Path dataDir;
  private URI baseUrl;
  private byte[] adminTokenDigest;

  @PostConstruct
  void init() {
    dataDir =
        Path.of(
                dataDirSetting
                    .filter(s -> !s.isBlank())
                    .orElseGet(
                        () -> System.getProperty("jboss.server.data.dir", ".") + "/visiongrade"))
            .toAbsolutePath()
            .normalize();
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the data directory " + dataDir, e);
    }
    String base = baseUrlSetting.strip();
    baseUrl = URI.create(base.endsWith("/") ? base : base + "/");
    if (!baseUrl.isAbsolute() || baseUrl.getHost() == null) {
      throw new IllegalArgumentException(
          "visiongrade.base.url must be an absolute http(s) URL, got " + baseUrlSetting);
    }
    adminTokenDigest =
        sha256(adminTokenSetting.filter(s -> !s.isBlank()).orElseGet(this::tokenFile));
  }

  /** The directory holding the embedded database, uploads, trained models and keys. */
  public Path dataDir() {
    return dataDir;
  }

  /**
   * The public base URL of the application (ending in '/'), as LMSs and browsers reach it: every
   * LTI endpoint and link is built from it.
   */
  public URI baseUrl() {
    return baseUrl;
  }

  /**
   * Demo mode: the built-in LMS emulator at {@code /dev-lms/} and the demo course. Off unless
   * {@code visiongrade.demo=true}; never on for a base URL that is not on this machine.
   */
  public boolean demo() {
    return demo && isLoopback(baseUrl);
  }

  /**
   * Whether demo mode fills the emulated course at start-up (dataset, trained model, exercises);
   * {@code visiongrade.demo.seed=false} leaves it empty.
   */
  public boolean demoSeed() {
    return demo() && demoSeed;
  }

  /** True when the demo was asked for but refused because the base URL is public. */
  public boolean demoRefused() {
    return demo && !isLoopback(baseUrl);
  }

  /** Whether LMS administrators may register the tool through LTI Dynamic Registration. */
  public boolean dynamicRegistration() {
    return dynamicRegistration;
  }

  private static boolean isLoopback(URI url) {
    String host = url.getHost();
    return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]");
  }

  /** The directory for uploaded files and trained models (named by content hash). */
  public Path storageDir() {
    return dataDir.resolve("storage");
  }

  /** The score outbox sender's settings ({@code visiongrade.outbox.*}, see docs/outbox.md). */
  public OutboxSettings outbox() {
    return new OutboxSettings(
        outboxEnabled,
        Duration.ofMillis(outboxPollMillis),
        outboxBatchSize,
        Duration.ofMillis(outboxBackoffBaseMillis),
        Duration.ofMillis(outboxBackoffCapMillis),
        Duration.ofMillis(outboxLeaseMillis));
  }

  /** How this server runs jobs ({@code visiongrade.jobs.*}, see docs/jobs.md). */
  public JobSettings jobs() {
    return new JobSettings(
        jobsEnabled,
        jobsNodeId.filter(s -> !s.isBlank()).orElseGet(Settings::defaultNodeId),
        jobsTrainingConcurrency,
        jobsFastConcurrency,
        Duration.ofMillis(jobsPollMillis),
        Duration.ofMillis(jobsLeaseMillis),
        Duration.ofMillis(jobsHeartbeatMillis),
        jobsMaxInfraRetries,
        Duration.ofMillis(jobsBackoffBaseMillis),
        Duration.ofMillis(jobsBackoffCapMillis),
        Duration.ofSeconds(jobsTrainingTimeoutSeconds),
        Duration.ofSeconds(jobsFastTimeoutSeconds),
        Duration.ofMillis(jobsProgressWriteMillis),
        Duration.ofMillis(jobsShutdownGraceMillis));
  }

  /** The server's node name, else the host name: stable across restarts of the same server. */
  static String defaultNodeId() {
    String node = System.getProperty("jboss.node.name");
    if (node != null && !node.isBlank()) {
      return node;
    }
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException e) {
      return "localhost";
    }
  }

  /** Dataset upload limits and defaults ({@code visiongrade.dataset.*}, see DatasetSettings). */
  public DatasetSettings dataset() {
    return new DatasetSettings(
        datasetMaxUploadBytes,
        datasetMaxInflatedBytes,
        datasetMaxImages,
        datasetMaxImageSize,
        datasetMaxPixelsPerImage,
        datasetMaxEntries,
        datasetImportThreads,
        datasetCacheMaxBytes,
        datasetMaxThumbnailsPerClass);
  }

  /** True when {@code candidate} is the administrator's bearer token (constant-time compare). */
  public boolean isAdminToken(String candidate) {
    return candidate != null && MessageDigest.isEqual(adminTokenDigest, sha256(candidate));
  }

  /**
   * Without {@code visiongrade.admin.token}, the token is generated on first start and kept in
   * {@code <data dir>/admin-token}, readable by the server's user only.
   */
  private String tokenFile() {
    Path file = dataDir.resolve(ADMIN_TOKEN_FILE);
    try {
      if (Files.exists(file)) {
        return Files.readString(file, StandardCharsets.UTF_8).strip();
      }
      byte[] random = new byte[32];
      new SecureRandom().nextBytes(random);
      String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
      Files.writeString(file, token + "\n", StandardCharsets.UTF_8);
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        LOG.debug("No POSIX permissions on this file system", e);
      }
      LOG.infof("Generated the administrator token; it is in %s", file);
      return token;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read or write the admin token file " + file, e);
    }
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
