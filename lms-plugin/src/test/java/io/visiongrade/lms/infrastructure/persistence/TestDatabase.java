package io.visiongrade.lms.infrastructure.persistence;

import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;

/**
 * A fresh in-memory H2 database with every migration applied, for one test. It lives until the JVM
 * ends, so a new repository on the same data source sees what an earlier one wrote (a restart).
 */
public final class TestDatabase {

  /** Flyway's start-up lines drown the test output; its warnings still show. */
  private static final java.util.logging.Logger FLYWAY_LOG =
      java.util.logging.Logger.getLogger("org.flywaydb");

  static {
    FLYWAY_LOG.setLevel(java.util.logging.Level.WARNING);
  }

  private TestDatabase() {}

  public static DataSource migrated() {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:vg-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    ds.setUser("sa");
    Flyway.configure(TestDatabase.class.getClassLoader())
        .dataSource(ds)
        .locations("classpath:db/migration")
        .failOnMissingLocations(true)
        .load()
        .migrate();
    return ds;
  }

  /** Inserts a course row (issuer https://lms.example, client client-1) and returns its id. */
  public static long addCourse(DataSource ds, String contextId) {
    Jdbc jdbc = new Jdbc(ds);
    jdbc.update(
        "INSERT INTO course (issuer, client_id, context_id, title, created_at)"
            + " VALUES (?, ?, ?, ?, ?)",
        "https://lms.example",
        "client-1",
        contextId,
        "Course " + contextId,
        java.time.Instant.parse("2026-11-28T12:00:00Z"));
    return jdbc.queryOne(
            "SELECT id FROM course WHERE context_id = ?", rs -> rs.getLong(1), contextId)
        .orElseThrow();
  }
}
