package io.visiongrade.lms.infrastructure.persistence;

import io.visiongrade.lms.domain.grading.ScoreDeliveryRepository;
import io.visiongrade.lms.domain.grading.ScoreDeliveryRepositoryContract;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The repository contract on PostgreSQL, one fresh schema per test. Runs only when a server is
 * given, e.g. {@code -Dvisiongrade.test.postgres-url=jdbc:postgresql://localhost:5432/postgres
 * -Dvisiongrade.test.postgres-user=postgres}.
 */
@EnabledIfSystemProperty(named = "visiongrade.test.postgres-url", matches = ".+")
class PostgresScoreDeliveryRepositoryTest extends ScoreDeliveryRepositoryContract {

  @Override
  protected ScoreDeliveryRepository newRepository() {
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
    return new JdbcScoreDeliveryRepository(ds);
  }
}
