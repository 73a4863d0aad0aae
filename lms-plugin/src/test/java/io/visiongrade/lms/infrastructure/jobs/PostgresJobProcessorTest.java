package io.visiongrade.lms.infrastructure.jobs;

import io.visiongrade.lms.domain.job.JobRepository;
import io.visiongrade.lms.infrastructure.persistence.JdbcJobRepository;
import io.visiongrade.lms.infrastructure.persistence.PostgresTestDatabase;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The processor tests that use a database (crash recovery, two processors racing) on PostgreSQL;
 * runs only when a server is given ({@code -Dvisiongrade.test.postgres-url=...}).
 */
@EnabledIfSystemProperty(named = PostgresTestDatabase.URL_PROPERTY, matches = ".+")
class PostgresJobProcessorTest extends JobProcessorTest {

  @Override
  JobRepository database() {
    return new JdbcJobRepository(PostgresTestDatabase.migrated());
  }
}
