package io.visiongrade.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.visiongrade.engine.data.LabeledImages;
import io.visiongrade.engine.spec.CnnSpec;
import io.visiongrade.engine.testing.TinyData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Many trainings in one JVM must not leak native memory or DJL resources. */
class NativeMemoryTest {
  @Test
  void thirtyTrainingsKeepMemoryFlat() throws Exception {
    LabeledImages train = TinyData.leftRight(64, 12, 1);
    LabeledImages val = TinyData.leftRight(16, 12, 2);
    CnnSpec spec = TinyData.tinySpec(12, 2, 0.01);
    TrainingOptions options = TrainingOptions.builder().optThreads(1).build();
    NDManager system;
    try (NDManager probe = NDManager.newBaseManager("PyTorch")) {
      system = probe.getParentManager();
    }
    int baseline = system.getManagedArrays().size();
    try (TrainingResult r = CnnTrainer.train(spec, train, val, options)) {
      // The count sees the model's parameters (so it would see leaked ones too).
      assertTrue(system.getManagedArrays().size() > baseline);
    }
    assertEquals(baseline, system.getManagedArrays().size());
    long rss10 = 0;
    int arrays10 = 0;
    for (int i = 1; i <= 30; i++) {
      try (TrainingResult r = CnnTrainer.train(spec, train, val, options)) {
        r.model().logits(val);
      }
      if (i == 10) {
        rss10 = rssKb();
        arrays10 = system.getManagedArrays().size();
      }
    }
    long rss30 = rssKb();
    int arrays30 = system.getManagedArrays().size();
    assertEquals(arrays10, arrays30, "NDArrays still attached to the system manager");
    // 20 more trainings of a ~200-parameter model; allow 32 MB of allocator/JIT slack.
    assertTrue(rss30 - rss10 < 32 * 1024, "RSS grew from " + rss10 + " kB to " + rss30 + " kB");
  }

  private static long rssKb() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    throw new IllegalStateException("no VmRSS in /proc/self/status");
  }
}
