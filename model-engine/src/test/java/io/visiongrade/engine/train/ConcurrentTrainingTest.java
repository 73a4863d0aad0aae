package io.visiongrade.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.visiongrade.engine.data.LabeledImages;
import io.visiongrade.engine.data.SyntheticShapes;
import io.visiongrade.engine.spec.CnnSpec;
import io.visiongrade.engine.spec.SpecJson;
import io.visiongrade.engine.spec.SpecLimits;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Two trainings at once in one JVM (two jobs, or two deployments of the server) take turns per step
 * instead of failing with DJL's "A PtGradientCollector is already collecting".
 */
class ConcurrentTrainingTest {

  @Test
  void twoTrainingsAtOnceBothComplete() throws Exception {
    LabeledImages data =
        SyntheticShapes.builder()
            .optCountPerClass(12)
            .optSize(12)
            .optChannels(1)
            .optSeed(3)
            .build()
            .generate();
    CnnSpec spec =
        SpecJson.parse(
            """
            {"input": {"width": 12, "height": 12, "channels": 1},
             "layers": [{"type": "conv2d", "filters": 4, "kernel": 3, "activation": "relu"},
                        {"type": "flatten"}, {"type": "dense", "units": "classes"}],
             "optimizer": {"type": "adam", "learningRate": 0.01},
             "training": {"epochs": 2, "batchSize": 8, "seed": 1}}
            """,
            SpecLimits.DEFAULTS);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<StopReason>> runs = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        runs.add(
            pool.submit(
                () -> {
                  try (TrainingResult r =
                      CnnTrainer.train(spec, data, null, TrainingOptions.builder().build())) {
                    return r.stopReason();
                  }
                }));
      }
      for (Future<StopReason> run : runs) {
        assertEquals(StopReason.COMPLETED, run.get());
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
