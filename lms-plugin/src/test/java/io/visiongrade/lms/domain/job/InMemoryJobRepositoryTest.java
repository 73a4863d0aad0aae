package io.visiongrade.lms.domain.job;

class InMemoryJobRepositoryTest extends JobRepositoryContract {
  @Override
  protected JobRepository newRepository() {
    return new InMemoryJobRepository();
  }
}
