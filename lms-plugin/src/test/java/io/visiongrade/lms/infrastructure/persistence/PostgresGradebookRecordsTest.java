package io.visiongrade.lms.infrastructure.persistence;

import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The gradebook reads and test-image keys (and so migration V9) on PostgreSQL, one fresh schema per
 * test; only when {@code -Dvisiongrade.test.postgres-url} names a server.
 */
@EnabledIfSystemProperty(named = "visiongrade.test.postgres-url", matches = ".+")
class PostgresGradebookRecordsTest extends JdbcGradebookRecordsTest {

  @Override
  protected DataSource newDataSource() {
    String schema = "vg_" + UUID.randomUUID().toString().replace("-", "");
    String url = System.getProperty("visiongrade.test.postgres-url");
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setURL(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema);
    ds.setUser(System.getProperty("visiongrade.test.postgres-user", "postgres"));
    ds.setPassword(System.getProperty("visiongrade.test.postgres-password", ""));
    Flyway.configure(getClass().getClassLoader())
        .dataSource(ds)
        .schemas(schema)
        .locations("classpath:db/migration")
        .load()
        .migrate();
    return ds;
  }
}
