package io.visiongrade.lms.infrastructure.persistence;

import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A fresh schema with every migration applied on the PostgreSQL server named by {@code
 * -Dvisiongrade.test.postgres-url} (user {@code -Dvisiongrade.test.postgres-user}, default {@code
 * postgres}; password {@code -Dvisiongrade.test.postgres-password}).
 */
public final class PostgresTestDatabase {

  /** The system property that names the server; tests on PostgreSQL run only when it is set. */
  public static final String URL_PROPERTY = "visiongrade.test.postgres-url";

  private PostgresTestDatabase() {}

  public static DataSource migrated() {
    String schema = "vg_" + UUID.randomUUID().toString().replace("-", "");
    String url = System.getProperty(URL_PROPERTY);
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setURL(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema);
    ds.setUser(System.getProperty("visiongrade.test.postgres-user", "postgres"));
    ds.setPassword(System.getProperty("visiongrade.test.postgres-password", ""));
    Flyway.configure(PostgresTestDatabase.class.getClassLoader())
        .dataSource(ds)
        .schemas(schema)
        .locations("classpath:db/migration")
        .load()
        .migrate();
    return ds;
  }
}
