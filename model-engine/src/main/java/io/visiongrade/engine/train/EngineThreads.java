package io.visiongrade.engine.train;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import io.visiongrade.engine.model.NativeTuning;

/**
 * PyTorch's thread settings. The intra-op thread count ({@code torch.set_num_threads}) is global to
 * the process: the last call wins for every model in the JVM, so concurrent trainings share it. The
 * inter-op count can only be set once per JVM, before the first parallel operation; this class sets
 * it to 1 the first time it is used (the engine runs one op at a time per thread anyway).
 */
public final class EngineThreads {
  private static boolean interopSet;

  private EngineThreads() {}

  /** The default: the JVM's available processors. */
  public static int defaultThreads() {
    return Runtime.getRuntime().availableProcessors();
  }

  /** Sets the intra-op thread count for the whole process. */
  public static synchronized void setThreads(int threads) {
    if (threads <= 0) {
      throw new IllegalArgumentException("threads must be positive, got " + threads);
    }
    NativeTuning.tune();
    Engine.getEngine("PyTorch");
    if (!interopSet) {
      interopSet = true;
      try {
        JniUtils.setNumInteropThreads(1);
      } catch (RuntimeException e) {
        // Already fixed by an earlier parallel operation: keep PyTorch's value.
      }
    }
    if (JniUtils.getNumThreads() != threads) {
      JniUtils.setNumThreads(threads);
    }
  }

  /** The current intra-op thread count. */
  public static int threads() {
    Engine.getEngine("PyTorch");
    return JniUtils.getNumThreads();
  }
}
