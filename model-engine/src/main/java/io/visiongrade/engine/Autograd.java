package io.visiongrade.engine;

import ai.djl.engine.Engine;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import java.util.function.Function;

/**
 * The one way VisionGrade code records gradients.
 *
 * <p>DJL's PyTorch engine lets only one {@link GradientCollector} collect at a time in the whole
 * JVM (a static flag in {@code PtGradientCollector}); a second one, from another thread or another
 * deployment of the application, fails with "A PtGradientCollector is already collecting". In the
 * server DJL lives in the shared class loader, so the gate must be JVM-wide too: it synchronises on
 * {@code GradientCollector.class}, which every deployment sees as the same class. Each training
 * step holds the gate only for its forward and backward pass, so concurrent trainings interleave
 * step by step instead of failing.
 */
public final class Autograd {

  private Autograd() {}

  /** Runs {@code step} with a gradient collector of the PyTorch engine, JVM-wide exclusively. */
  public static <T> T collect(Function<GradientCollector, T> step) {
    synchronized (GradientCollector.class) {
      try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
        return step.apply(collector);
      }
    }
  }

  /** Runs {@code step} with a gradient collector from {@code trainer}, JVM-wide exclusively. */
  public static <T> T collect(Trainer trainer, Function<GradientCollector, T> step) {
    synchronized (GradientCollector.class) {
      try (GradientCollector collector = trainer.newGradientCollector()) {
        return step.apply(collector);
      }
    }
  }
}
