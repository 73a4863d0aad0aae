package io.visiongrade.engine.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import io.visiongrade.engine.train.EngineThreads;
import java.util.Locale;

/** Times the seed CNN's forward ops one by one (inference, batch 32) to find the expensive ones. */
public final class OpProfile {
  private OpProfile() {}

  public static void main(String[] args) {
    EngineThreads.setThreads(args.length > 0 ? Integer.parseInt(args[0]) : 1);
    int reps = 400;
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      NDArray x = m.randomUniform(0, 1, new Shape(32, 1, 28, 28));
      NDArray w = m.randomUniform(-0.05f, 0.05f, new Shape(32, 1, 3, 3));
      NDArray b = m.zeros(new Shape(32));
      NDArray w1 = m.randomUniform(-0.05f, 0.05f, new Shape(64, 5408));
      NDArray b1 = m.zeros(new Shape(64));
      long[] t = new long[6];
      for (int r = 0; r < reps; r++) {
        if (r == 100) {
          java.util.Arrays.fill(t, 0);
        }
        try (NDManager s = m.newSubManager()) {
          NDArray xs = x.duplicate();
          xs.attach(s);
          long a = System.nanoTime();
          NDArray c = ai.djl.nn.convolutional.Conv2d.conv2d(xs, w, b).get(0);
          long bb = System.nanoTime();
          NDArray rl = ai.djl.nn.Activation.relu(c);
          long cc = System.nanoTime();
          NDArray p = Pool.maxPool2d(rl, new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), false);
          long d = System.nanoTime();
          long d1 = System.nanoTime();
          NDArray rows =
              ai.djl.ndarray.NDArrays.maximum(rl.get(":, :, 0::2, :"), rl.get(":, :, 1::2, :"));
          NDArray alt =
              ai.djl.ndarray.NDArrays.maximum(rows.get(":, :, :, 0::2"), rows.get(":, :, :, 1::2"));
          long d2 = System.nanoTime();
          NDArray alt2 =
              Pool.maxPool2d(c, new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), false);
          long d3 = System.nanoTime();
          t[4] += d2 - d1;
          t[5] += d3 - d2;
          d = System.nanoTime();
          NDArray f = p.reshape(32, 5408);
          NDArray l = Linear.linear(f, w1, b1).get(0);
          long e = System.nanoTime();
          t[0] += bb - a;
          t[1] += cc - bb;
          t[2] += d - cc;
          t[3] += e - d;
          l.toFloatArray();
        }
      }
      int n = reps - 100;
      System.out.printf(
          Locale.ROOT,
          "us: conv %.0f relu %.0f maxpool %.0f flatten+linear %.0f reshape-max %.0f pool-no-relu %.0f%n",
          t[0] / 1e3 / n,
          t[1] / 1e3 / n,
          t[2] / 1e3 / n,
          t[3] / 1e3 / n,
          t[4] / 1e3 / n,
          t[5] / 1e3 / n);
    }
  }
}
