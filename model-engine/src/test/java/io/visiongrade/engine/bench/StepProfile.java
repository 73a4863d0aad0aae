package io.visiongrade.engine.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import io.visiongrade.engine.model.CnnModel;
import io.visiongrade.engine.spec.CnnSpec;
import io.visiongrade.engine.spec.Presets;
import io.visiongrade.engine.spec.SpecLimits;
import io.visiongrade.engine.train.EngineThreads;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Locale;

/**
 * Times the phases of one training step of the seed CNN (batch 32) to see where time goes. It
 * deliberately uses DJL's own Adam ({@code Optimizer.adam()}): this is the profile that led to
 * {@code FusedOptimizer} (see bench/RESULTS.md).
 */
public final class StepProfile {
  private StepProfile() {}

  public static void main(String[] args) throws Exception {
    int threads = args.length > 0 ? Integer.parseInt(args[0]) : 2;
    int steps = args.length > 1 ? Integer.parseInt(args[1]) : 300;
    int bs = 32;
    EngineThreads.setThreads(threads);
    CnnSpec spec = Presets.get("seed-cnn");
    try (CnnModel model =
        CnnModel.create(spec, spec.summarize(10, SpecLimits.DEFAULTS), names(), 1)) {
      List<Parameter> params = model.parameters();
      Optimizer opt = Optimizer.adam().build();
      ByteBuffer x = ByteBuffer.allocateDirect(bs * 784 * 4).order(ByteOrder.nativeOrder());
      ByteBuffer w = ByteBuffer.allocateDirect(bs * 10 * 4).order(ByteOrder.nativeOrder());
      long[] t = new long[6];
      long[] u = new long[3];
      for (int s = 0; s < steps; s++) {
        if (s == 50) {
          java.util.Arrays.fill(t, 0);
          java.util.Arrays.fill(u, 0);
        }
        long a = System.nanoTime();
        x.clear();
        w.clear();
        try (NDManager scope = model.manager().newSubManager()) {
          NDArray xa = scope.create(x, model.shape(bs), DataType.FLOAT32);
          NDArray wa = scope.create(w, new Shape(bs, 10), DataType.FLOAT32);
          long b = System.nanoTime();
          NDArray logits;
          NDArray loss;
          try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
            logits = model.forward(scope, xa, true);
            loss = logits.logSoftmax(1).mul(wa).sum();
            long c = System.nanoTime();
            t[1] += c - b;
            gc.backward(loss);
            t[2] += System.nanoTime() - c;
          }
          long d = System.nanoTime();
          for (Parameter p : params) {
            NDArray arr = p.getArray();
            long g0 = System.nanoTime();
            try (NDArray g = arr.getGradient()) {
              long g1 = System.nanoTime();
              opt.update(p.getId(), arr, g);
              long g2 = System.nanoTime();
              u[0] += g1 - g0;
              u[1] += g2 - g1;
            }
            long g3 = System.nanoTime();
            JniUtils.zeroGrad((PtNDArray) arr);
            u[2] += System.nanoTime() - g3;
          }
          long e = System.nanoTime();
          t[3] += e - d;
          loss.getFloat();
          logits.toFloatArray();
          t[4] += System.nanoTime() - e;
          t[0] += b - a;
        }
        t[5] += System.nanoTime() - a;
      }
      int n = steps - 50;
      System.out.printf(
          Locale.ROOT,
          "threads=%d per step us: create %.0f forward+loss %.0f backward %.0f update %.0f read %.0f"
              + " total %.0f => %.0f img/s%n",
          threads,
          t[0] / 1e3 / n,
          t[1] / 1e3 / n,
          t[2] / 1e3 / n,
          t[3] / 1e3 / n,
          t[4] / 1e3 / n,
          t[5] / 1e3 / n,
          bs * n / (t[5] / 1e9));
      System.out.printf(
          Locale.ROOT,
          "update us: getGradient %.0f adam %.0f zeroGrad %.0f%n",
          u[0] / 1e3 / n,
          u[1] / 1e3 / n,
          u[2] / 1e3 / n);
    }
  }

  private static List<String> names() {
    return List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
  }
}
