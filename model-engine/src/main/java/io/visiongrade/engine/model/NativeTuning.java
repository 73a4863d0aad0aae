package io.visiongrade.engine.model;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * Process-wide native settings for libtorch on Linux, applied once on first use (before the engine
 * loads where possible):
 *
 * <ol>
 *   <li>OpenMP spinning: {@code GOMP_SPINCOUNT=10000} (unless already set) makes libtorch's idle
 *       worker threads sleep after a short spin instead of libgomp's default 300,000 iterations. On
 *       this shared 2-core machine, 2-thread training with the default collapsed to 400 img/s in
 *       some runs (threads spinning against other processes) and ran at 3,400-3,700 img/s with it.
 *       libgomp reads it when libtorch is loaded: it has no effect if DJL's PyTorch engine was
 *       started before (then set the environment variable yourself).
 *   <li>glibc {@code malloc} thresholds, see below.
 * </ol>
 *
 * <p>glibc's {@code malloc} and libtorch's allocation pattern: every CPU tensor of a batch's
 * activations (a few MB each) is freshly allocated and freed; with glibc's defaults such blocks are
 * {@code mmap}ed and returned to the kernel on free, so every op pays page faults for its output
 * (measured on the seed CNN: ReLU on a 32x32x26x26 batch 0.8 ms, 0.26 ms with the tuning; the
 * convolution 1.8 ms vs 0.65 ms). Raising the mmap and trim thresholds keeps freed blocks in the
 * heap for reuse, at the cost of the process keeping up to {@link #TRIM_THRESHOLD} bytes of freed
 * memory.
 *
 * <p>Skipped on non-glibc platforms and when the system property {@code
 * visiongrade.engine.nativeTuning} is {@code false}. The environment variables {@code
 * MALLOC_MMAP_THRESHOLD_} and {@code MALLOC_TRIM_THRESHOLD_} do the same as the malloc part.
 */
public final class NativeTuning {
  /** Allocations below this come from the heap rather than their own mapping. */
  public static final int MMAP_THRESHOLD = 64 << 20;

  /** Free memory at the top of the heap beyond this is returned to the kernel. */
  public static final int TRIM_THRESHOLD = 128 << 20;

  private static final int M_TRIM_THRESHOLD = -1;
  private static final int M_MMAP_THRESHOLD = -3;

  private static Boolean applied;

  private NativeTuning() {}

  /** glibc's {@code mallopt}. */
  interface LibC extends Library {
    int mallopt(int param, int value);

    int setenv(String name, String value, int overwrite);
  }

  /** Applies the tuning once; returns whether the malloc tuning is in effect. */
  public static synchronized boolean tune() {
    if (applied == null) {
      applied = false;
      if (Platform.isLinux()
          && !"false".equalsIgnoreCase(System.getProperty("visiongrade.engine.nativeTuning"))) {
        try {
          LibC c = Native.load("c", LibC.class);
          c.setenv("GOMP_SPINCOUNT", "10000", 0);
          applied =
              c.mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD) == 1
                  && c.mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD) == 1;
        } catch (UnsatisfiedLinkError | RuntimeException e) {
          applied = false; // not glibc: keep the defaults
        }
      }
    }
    return applied;
  }
}
