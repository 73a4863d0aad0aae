package io.visiongrade.lms.infrastructure.persistence;

import io.visiongrade.lms.domain.job.JobRepository;
import io.visiongrade.lms.domain.job.JobRepositoryContract;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The job repository contract on PostgreSQL, one fresh schema per test; runs only when a server is
 * given ({@code -Dvisiongrade.test.postgres-url=...}, see {@link PostgresTestDatabase}).
 */
@EnabledIfSystemProperty(named = PostgresTestDatabase.URL_PROPERTY, matches = ".+")
class PostgresJobRepositoryTest extends JobRepositoryContract {

  @Override
  protected JobRepository newRepository() {
    return new JdbcJobRepository(PostgresTestDatabase.migrated());
  }
}
