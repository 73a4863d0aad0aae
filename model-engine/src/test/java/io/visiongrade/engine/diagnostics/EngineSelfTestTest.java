package io.visiongrade.engine.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EngineSelfTestTest {

  @Test
  void tinyCnnLearnsTheSyntheticTask() {
    EngineSelfTest.Result result = EngineSelfTest.run(30, 7);
    assertEquals("PyTorch", result.engine());
    assertFalse(result.engineVersion().isBlank());
    assertEquals(30, result.steps());
    assertTrue(result.finalLoss() < result.initialLoss(), result.toString());
    assertTrue(result.passed(), result.toString());
  }

  @Test
  void sameSeedGivesTheSameLosses() {
    EngineSelfTest.Result a = EngineSelfTest.run(3, 11);
    EngineSelfTest.Result b = EngineSelfTest.run(3, 11);
    assertEquals(a.initialLoss(), b.initialLoss());
    assertEquals(a.finalLoss(), b.finalLoss());
  }

  @Test
  void rejectsZeroSteps() {
    assertThrows(IllegalArgumentException.class, () -> EngineSelfTest.run(0, 1));
  }
}
