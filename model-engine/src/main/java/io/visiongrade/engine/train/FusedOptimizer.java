package io.visiongrade.engine.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
import ai.djl.pytorch.jni.JniUtils;
import io.visiongrade.engine.spec.OptimizerSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Adam and SGD updates of all parameters in one native call each: small TorchScript modules ({@code
 * adam_step.pt}, {@code sgd_step.pt}, made by {@code make_kernels.py} next to them) apply PyTorch's
 * multi-tensor {@code _foreach} kernels, read the gradients and zero them. The updates are {@code
 * torch.optim.Adam}'s (L2 weight decay, bias correction, eps 1e-8) and {@code torch.optim.SGD}'s
 * (momentum without dampening, optional Nesterov, L2 weight decay).
 *
 * <p>Why not DJL's optimizers: DJL's PyTorch Adam clones each gradient and allocates four
 * temporaries per parameter (the update took as long as the forward pass), and its Nesterov SGD is
 * not implemented for PyTorch. Owns native state (moment buffers): close it.
 */
final class FusedOptimizer implements AutoCloseable {
  private static final Map<String, PtSymbolBlock> MODULES = new HashMap<>();

  private final OptimizerSpec spec;
  private final NDManager manager;
  private final PtSymbolBlock module;
  private final List<IValue> lists = new ArrayList<>();
  private int step;

  FusedOptimizer(OptimizerSpec spec, NDManager parent, List<Parameter> trainable) {
    this.spec = spec;
    this.manager = parent.newSubManager();
    try {
      boolean adam = spec.kind() == OptimizerSpec.Kind.ADAM;
      module = module(adam ? "adam_step.pt" : "sgd_step.pt");
      int n = trainable.size();
      PtNDArray[] p = new PtNDArray[n];
      PtNDArray[] first = new PtNDArray[n];
      PtNDArray[] second = adam ? new PtNDArray[n] : null;
      for (int i = 0; i < n; i++) {
        NDArray w = trainable.get(i).getArray();
        p[i] = (PtNDArray) w;
        first[i] = (PtNDArray) manager.zeros(w.getShape(), w.getDataType());
        if (adam) {
          second[i] = (PtNDArray) manager.zeros(w.getShape(), w.getDataType());
        }
      }
      lists.add(IValue.listFrom(p));
      lists.add(IValue.listFrom(first));
      if (adam) {
        lists.add(IValue.listFrom(second));
      }
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /** Loaded once per JVM: every TorchScript load registers new types in libtorch for good. */
  private static synchronized PtSymbolBlock module(String resource) {
    return MODULES.computeIfAbsent(
        resource,
        r -> {
          try (InputStream in = FusedOptimizer.class.getResourceAsStream(r)) {
            if (in == null) {
              throw new IllegalStateException("missing resource " + r);
            }
            // A manager of its own that lives as long as the JVM (the module is a few kB).
            NDManager owner = NDManager.newBaseManager("PyTorch");
            return JniUtils.loadModule((PtNDManager) owner, in, false, false);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  /** One update with learning rate {@code lr}; gradients must have been computed. */
  void update(double lr) {
    step++;
    List<IValue> scalars = new ArrayList<>();
    try {
      if (spec.kind() == OptimizerSpec.Kind.ADAM) {
        double bc1 = 1 - Math.pow(0.9, step);
        double bc2 = 1 - Math.pow(0.999, step);
        scalars.add(IValue.from(0.9));
        scalars.add(IValue.from(0.999));
        scalars.add(IValue.from(1e-8));
        scalars.add(IValue.from(lr / bc1));
        scalars.add(IValue.from(Math.sqrt(bc2)));
        scalars.add(IValue.from(spec.weightDecay()));
      } else {
        scalars.add(IValue.from(lr));
        scalars.add(IValue.from(spec.momentum()));
        scalars.add(IValue.from(spec.nesterov()));
        scalars.add(IValue.from(spec.weightDecay()));
        scalars.add(IValue.from(step == 1));
      }
      List<IValue> args = new ArrayList<>(lists);
      args.addAll(scalars);
      module.forward(args.toArray(new IValue[0])).close();
    } finally {
      scalars.forEach(IValue::close);
    }
  }

  @Override
  public void close() {
    lists.forEach(IValue::close);
    manager.close();
  }
}
