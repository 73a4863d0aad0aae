package io.visiongrade.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.visiongrade.engine.diagnostics.EngineSelfTest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class AutogradTest {

  @Test
  void concurrentTrainingsInterleaveInsteadOfFailing() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      List<Future<EngineSelfTest.Result>> runs = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        long seed = i;
        runs.add(pool.submit(() -> EngineSelfTest.run(25, seed)));
      }
      for (Future<EngineSelfTest.Result> run : runs) {
        EngineSelfTest.Result result = run.get();
        assertTrue(result.finalLoss() < result.initialLoss(), result.toString());
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
