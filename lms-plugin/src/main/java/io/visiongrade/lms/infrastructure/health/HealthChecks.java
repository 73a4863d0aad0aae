package io.visiongrade.lms.infrastructure.health;

import io.visiongrade.engine.diagnostics.EngineSelfTest;
import io.visiongrade.lms.infrastructure.config.Settings;
import io.visiongrade.lms.infrastructure.persistence.DatabaseMigrator;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * The readiness checks behind {@code /health/ready}. The engine check loads DJL's PyTorch engine
 * once in the background (the first load unpacks its native library, a few seconds) and reports
 * DOWN until that has succeeded.
 */
@ApplicationScoped
public class HealthChecks {

  private static final Logger LOG = Logger.getLogger(HealthChecks.class);

  /** The outcome of one check. */
  public record Check(String name, boolean up, Map<String, String> data) {}

  @Resource(lookup = DatabaseMigrator.DATA_SOURCE)
  DataSource dataSource;

  @Resource ManagedExecutorService executor;

  @Inject Settings settings;

  private volatile CompletableFuture<String> engineLoad;

  /** Starts loading the engine, if that has not started yet. */
  public synchronized CompletableFuture<String> loadEngine() {
    if (engineLoad == null || engineLoad.isCompletedExceptionally()) {
      engineLoad =
          CompletableFuture.supplyAsync(
              () -> {
                long start = System.nanoTime();
                String version = EngineSelfTest.loadEngine();
                LOG.infof(
                    "PyTorch engine %s loaded in %d ms",
                    version, (System.nanoTime() - start) / 1_000_000);
                return version;
              },
              executor);
    }
    return engineLoad;
  }

  /** All readiness checks, in a fixed order. */
  public List<Check> readiness() {
    return List.of(database(), engine(), storage());
  }

  Check database() {
    try (Connection c = dataSource.getConnection()) {
      boolean valid = c.isValid(2);
      return new Check(
          "database", valid, Map.of("product", c.getMetaData().getDatabaseProductName()));
    } catch (SQLException e) {
      return new Check("database", false, Map.of("error", String.valueOf(e.getMessage())));
    }
  }

  Check engine() {
    CompletableFuture<String> load = loadEngine();
    if (!load.isDone()) {
      return new Check("engine", false, Map.of("state", "loading"));
    }
    try {
      return new Check(
          "engine", true, Map.of("engine", EngineSelfTest.ENGINE, "version", load.join()));
    } catch (RuntimeException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      return new Check("engine", false, Map.of("error", String.valueOf(cause.getMessage())));
    }
  }

  Check storage() {
    Path dir = settings.storageDir();
    Map<String, String> data = new LinkedHashMap<>();
    try {
      Files.createDirectories(dir);
      Path probe = Files.createTempFile(dir, ".health-", ".tmp");
      Files.delete(probe);
      data.put("free-bytes", Long.toString(Files.getFileStore(dir).getUsableSpace()));
      return new Check("storage", true, data);
    } catch (IOException | RuntimeException e) {
      data.put("error", e.getClass().getSimpleName() + ": " + e.getMessage());
      return new Check("storage", false, data);
    }
  }
}
