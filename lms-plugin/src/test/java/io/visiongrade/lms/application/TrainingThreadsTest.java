package io.visiongrade.lms.application;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TrainingThreadsTest {

  @Test
  void automaticLeavesOneProcessorToRequestsAndAConfiguredCountWins() {
    assertEquals(1, TrainingThreads.resolve(0, 2));
    assertEquals(7, TrainingThreads.resolve(0, 8));
    assertEquals(1, TrainingThreads.resolve(0, 1));
    assertEquals(1, TrainingThreads.resolve(-3, 1));
    assertEquals(2, TrainingThreads.resolve(2, 2));
    assertEquals(4, TrainingThreads.resolve(4, 2));
  }
}
