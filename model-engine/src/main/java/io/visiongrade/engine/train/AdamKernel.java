package io.visiongrade.engine.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
import ai.djl.pytorch.jni.JniUtils;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Adam (as {@code torch.optim.Adam}: L2 weight decay, bias correction) for all parameters in one
 * native call: a small TorchScript module ({@code adam_step.pt}, made by {@code make_kernels.py}
 * next to it) applies PyTorch's multi-tensor {@code _foreach} kernels, reads the gradients and
 * zeroes them. Replaces DJL's per-parameter Adam, which clones each gradient and allocates four
 * temporaries per parameter (measured: the update took as long as the forward pass). Owns native
 * state: close it.
 */
final class AdamKernel implements AutoCloseable {
  private static final String RESOURCE = "adam_step.pt";

  /** Loaded once per JVM: every TorchScript load registers new types in libtorch for good. */
  private static PtSymbolBlock shared;

  private final NDManager manager;
  private final PtSymbolBlock module;
  private final IValue params;
  private final IValue means;
  private final IValue variances;
  private final List<IValue> lists = new ArrayList<>();
  private final double beta1 = 0.9;
  private final double beta2 = 0.999;
  private final double eps = 1e-8;
  private final double weightDecay;
  private int step;

  AdamKernel(NDManager parent, List<Parameter> trainable, double weightDecay) {
    this.manager = parent.newSubManager();
    this.weightDecay = weightDecay;
    try {
      this.module = module();
      PtNDArray[] p = new PtNDArray[trainable.size()];
      PtNDArray[] m = new PtNDArray[trainable.size()];
      PtNDArray[] v = new PtNDArray[trainable.size()];
      for (int i = 0; i < p.length; i++) {
        NDArray w = trainable.get(i).getArray();
        p[i] = (PtNDArray) w;
        m[i] = (PtNDArray) manager.zeros(w.getShape(), w.getDataType());
        v[i] = (PtNDArray) manager.zeros(w.getShape(), w.getDataType());
      }
      params = track(IValue.listFrom(p));
      means = track(IValue.listFrom(m));
      variances = track(IValue.listFrom(v));
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  private static synchronized PtSymbolBlock module() {
    if (shared == null) {
      try (InputStream in = AdamKernel.class.getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException("missing resource " + RESOURCE);
        }
        // A manager of its own that lives as long as the JVM (the module is a few kB).
        NDManager owner = NDManager.newBaseManager("PyTorch");
        shared = JniUtils.loadModule((PtNDManager) owner, in, false, false);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return shared;
  }

  private IValue track(IValue v) {
    lists.add(v);
    return v;
  }

  /** One update with learning rate {@code lr}; gradients must have been computed. */
  void update(double lr) {
    step++;
    double bc1 = 1 - Math.pow(beta1, step);
    double bc2 = 1 - Math.pow(beta2, step);
    IValue[] scalars = {
      IValue.from(beta1),
      IValue.from(beta2),
      IValue.from(eps),
      IValue.from(lr / bc1),
      IValue.from(Math.sqrt(bc2)),
      IValue.from(weightDecay)
    };
    try {
      IValue out =
          module.forward(
              params,
              means,
              variances,
              scalars[0],
              scalars[1],
              scalars[2],
              scalars[3],
              scalars[4],
              scalars[5]);
      out.close();
    } finally {
      for (IValue s : scalars) {
        s.close();
      }
    }
  }

  @Override
  public void close() {
    for (IValue v : lists) {
      v.close();
    }
    manager.close();
  }
}
