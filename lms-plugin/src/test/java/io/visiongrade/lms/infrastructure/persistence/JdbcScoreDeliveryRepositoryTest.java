package io.visiongrade.lms.infrastructure.persistence;

import io.visiongrade.lms.domain.grading.ScoreDeliveryRepository;
import io.visiongrade.lms.domain.grading.ScoreDeliveryRepositoryContract;

class JdbcScoreDeliveryRepositoryTest extends ScoreDeliveryRepositoryContract {
  @Override
  protected ScoreDeliveryRepository newRepository() {
    return new JdbcScoreDeliveryRepository(TestDatabase.migrated());
  }
}
