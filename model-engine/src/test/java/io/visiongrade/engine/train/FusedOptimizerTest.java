package io.visiongrade.engine.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import io.visiongrade.engine.spec.OptimizerSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The TorchScript optimizer kernels against torch.optim's formulas, computed in Java. */
class FusedOptimizerTest {
  @Test
  void matchesReferenceAdamWithWeightDecayAndZeroesGradients() {
    double lr = 0.01;
    double wd = 0.1;
    float[] w0 = {1f, -2f, 3f, 0.5f};
    float[][] coef = {{0.5f, -1f, 2f, 0f}, {-0.25f, 4f, 1f, 3f}};
    double[] w = new double[4];
    double[] m = new double[4];
    double[] v = new double[4];
    for (int i = 0; i < 4; i++) {
      w[i] = w0[i];
    }
    try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
      Parameter p = Parameter.builder().setName("w").setType(Parameter.Type.WEIGHT).build();
      NDArray array = manager.create(w0);
      array.setRequiresGradient(true);
      p.setArray(array);
      try (FusedOptimizer adam =
          new FusedOptimizer(
              new OptimizerSpec(
                  OptimizerSpec.Kind.ADAM, lr, 0, false, wd, OptimizerSpec.Schedule.NONE, 0, 0),
              manager,
              List.of(p))) {
        for (int step = 1; step <= 2; step++) {
          try (NDManager scope = manager.newSubManager();
              GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
            NDArray c = scope.create(coef[step - 1]);
            gc.backward(array.mul(c).sum()); // gradient = c
          }
          adam.update(lr);
          double bc1 = 1 - Math.pow(0.9, step);
          double bc2 = 1 - Math.pow(0.999, step);
          for (int i = 0; i < 4; i++) {
            double g = coef[step - 1][i] + wd * w[i];
            m[i] = 0.9 * m[i] + 0.1 * g;
            v[i] = 0.999 * v[i] + 0.001 * g * g;
            w[i] -= lr / bc1 * m[i] / (Math.sqrt(v[i]) / Math.sqrt(bc2) + 1e-8);
          }
          float[] actual = array.toFloatArray();
          for (int i = 0; i < 4; i++) {
            assertEquals(w[i], actual[i], 1e-6, "step " + step + " element " + i);
          }
          try (NDArray grad = array.getGradient()) {
            assertArrayEquals(new float[4], grad.toFloatArray());
          }
        }
      }
    }
  }

  @Test
  void matchesReferenceNesterovSgd() {
    double lr = 0.1;
    double mom = 0.9;
    double wd = 0.01;
    float[] w0 = {1f, -2f, 3f};
    float[][] coef = {{0.5f, -1f, 2f}, {-0.25f, 4f, 1f}, {1f, 1f, -1f}};
    double[] w = {1, -2, 3};
    double[] buf = new double[3];
    try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
      Parameter p = Parameter.builder().setName("w").setType(Parameter.Type.WEIGHT).build();
      NDArray array = manager.create(w0);
      array.setRequiresGradient(true);
      p.setArray(array);
      OptimizerSpec spec =
          new OptimizerSpec(
              OptimizerSpec.Kind.SGD, lr, mom, true, wd, OptimizerSpec.Schedule.NONE, 0, 0);
      try (FusedOptimizer sgd = new FusedOptimizer(spec, manager, List.of(p))) {
        for (int step = 1; step <= 3; step++) {
          try (NDManager scope = manager.newSubManager();
              GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
            gc.backward(array.mul(scope.create(coef[step - 1])).sum());
          }
          sgd.update(lr);
          for (int i = 0; i < 3; i++) {
            double g = coef[step - 1][i] + wd * w[i];
            buf[i] = step == 1 ? g : mom * buf[i] + g;
            w[i] -= lr * (g + mom * buf[i]);
          }
          float[] actual = array.toFloatArray();
          for (int i = 0; i < 3; i++) {
            assertEquals(w[i], actual[i], 1e-5, "step " + step + " element " + i);
          }
        }
      }
    }
  }
}
