package io.visiongrade.lms.infrastructure.persistence;

import io.visiongrade.lms.domain.job.JobRepository;
import io.visiongrade.lms.domain.job.JobRepositoryContract;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The job repository contract on PostgreSQL, one fresh schema per test; runs only when a server is
 * given ({@code -Dvisiongrade.test.postgres-url=...}, see {@link
 * PostgresScoreDeliveryRepositoryTest}).
 */
@EnabledIfSystemProperty(named = "visiongrade.test.postgres-url", matches = ".+")
class PostgresJobRepositoryTest extends JobRepositoryContract {

  @Override
  protected JobRepository newRepository() {
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
    return new JdbcJobRepository(ds);
  }
}
