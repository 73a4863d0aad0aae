package io.visiongrade.lms.infrastructure.persistence;

import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.jboss.logging.Logger;

/**
 * Brings the database schema up to date with the migrations under {@code db/migration} when the
 * application starts, before anything else touches the database. Works the same on the embedded H2
 * database and on PostgreSQL.
 */
@ApplicationScoped
public class DatabaseMigrator {

  /** Observer priority of the migration: before every other start-up observer. */
  public static final int STARTUP_PRIORITY = 100;

  private static final Logger LOG = Logger.getLogger(DatabaseMigrator.class);

  /** The JNDI name of the product's data source (configured in the server by the build). */
  public static final String DATA_SOURCE = "java:jboss/datasources/VisionGradeDS";

  @Resource(lookup = DATA_SOURCE)
  DataSource dataSource;

  void onStartup(@Observes @Priority(STARTUP_PRIORITY) Startup event) {
    migrate();
  }

  /** Applies pending migrations. */
  public void migrate() {
    Flyway flyway =
        Flyway.configure(DatabaseMigrator.class.getClassLoader())
            .dataSource(dataSource)
            .locations("classpath:db/migration")
            .failOnMissingLocations(true)
            .load();
    MigrateResult result = flyway.migrate();
    LOG.infof(
        "Database schema at version %s (%d migrations applied now, database %s)",
        result.targetSchemaVersion == null
            ? flyway.info().current().getVersion()
            : result.targetSchemaVersion,
        result.migrationsExecuted,
        result.database);
  }
}
