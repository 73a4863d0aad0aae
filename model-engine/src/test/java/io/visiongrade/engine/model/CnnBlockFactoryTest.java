package io.visiongrade.engine.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import io.visiongrade.engine.spec.LayerSpec;
import io.visiongrade.engine.spec.Presets;
import io.visiongrade.engine.spec.SpecException;
import io.visiongrade.engine.spec.SpecLimits;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CnnBlockFactoryTest {
  @ParameterizedTest(name = "pool {0}x{1} stride {2}x{3} on {4}x{5}")
  @CsvSource({"2,2,2,2,26,26", "3,3,2,2,7,9", "2,3,1,2,5,8", "4,4,4,4,9,9"})
  void stridedMaxPoolEqualsMaxPool2d(int kh, int kw, int sh, int sw, int h, int w) {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      NDArray x = m.randomNormal(new Shape(2, 3, h, w));
      NDArray expected =
          Pool.maxPool2d(x, new Shape(kh, kw), new Shape(sh, sw), new Shape(0, 0), false);
      NDArray actual =
          CnnBlockFactory.maxPool(new LayerSpec.Pool2d(true, kh, kw, sh, sw))
              .forward(new ParameterStore(m, false), new NDList(x), false)
              .singletonOrThrow();
      assertEquals(expected.getShape(), actual.getShape());
      assertArrayEquals(expected.toFloatArray(), actual.toFloatArray());
    }
  }

  @Test
  void presetsBuildWithTheSummarisedParameterCounts() throws SpecException {
    for (String name : Presets.NAMES) {
      var spec = Presets.get(name);
      var summary = spec.summarize(10, SpecLimits.DEFAULTS);
      try (CnnModel model = CnnModel.create(spec, summary, names(), 1)) {
        long trainable =
            model.parameters().stream()
                .filter(p -> p.requiresGradient())
                .mapToLong(p -> p.getArray().size())
                .sum();
        assertEquals(summary.totalParameters(), trainable, name);
        float[] logits = model.logits(new byte[2 * model.imageSize()], 2);
        assertEquals(20, logits.length);
      }
    }
  }

  private static List<String> names() {
    return List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
  }
}
