package io.visiongrade.lms.infrastructure.persistence;

import io.visiongrade.lms.domain.grading.TestImageKeyRepository;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * {@link TestImageKeyRepository} in plain JDBC. Call it outside a JTA transaction: a key is created
 * in a local transaction of its own, and when another caller created it first (unique key), that
 * caller's key is read and used.
 */
@ApplicationScoped
public class JdbcTestImageKeyRepository implements TestImageKeyRepository {

  private static final SecureRandom RANDOM = new SecureRandom();

  @Resource(lookup = DatabaseMigrator.DATA_SOURCE)
  DataSource dataSource;

  private Jdbc jdbc;

  /** For CDI. */
  protected JdbcTestImageKeyRepository() {}

  /** Outside a container (tests, tools). */
  public JdbcTestImageKeyRepository(DataSource dataSource) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    this.jdbc = new Jdbc(dataSource);
  }

  @PostConstruct
  void init() {
    jdbc = new Jdbc(dataSource);
  }

  @Override
  public byte[] keyFor(long exerciseId, Instant now) {
    Optional<byte[]> found = find(exerciseId);
    if (found.isPresent()) {
      return found.get();
    }
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    try {
      jdbc.update(
          "INSERT INTO exercise_test_key (exercise_id, secret, created_at) VALUES (?, ?, ?)",
          exerciseId,
          HexFormat.of().formatHex(key),
          now);
      return key;
    } catch (Jdbc.DatabaseUnavailable e) {
      if (!e.isDuplicateKey()) {
        throw e;
      }
      return find(exerciseId).orElseThrow(() -> e);
    }
  }

  private Optional<byte[]> find(long exerciseId) {
    return jdbc.queryOne(
        "SELECT secret FROM exercise_test_key WHERE exercise_id = ?",
        rs -> HexFormat.of().parseHex(rs.getString(1)),
        exerciseId);
  }
}
