package io.visiongrade.lms.domain.grading;

class InMemoryScoreDeliveryRepositoryTest extends ScoreDeliveryRepositoryContract {
  @Override
  protected ScoreDeliveryRepository newRepository() {
    return new InMemoryScoreDeliveryRepository();
  }
}
