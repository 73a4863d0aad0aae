package io.visiongrade.lms.infrastructure.persistence;

import io.visiongrade.lms.domain.job.JobRepository;
import io.visiongrade.lms.domain.job.JobRepositoryContract;

class JdbcJobRepositoryTest extends JobRepositoryContract {
  @Override
  protected JobRepository newRepository() {
    return new JdbcJobRepository(TestDatabase.migrated());
  }
}
