package io.visiongrade.engine.diagnostics;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.visiongrade.engine.Autograd;
import java.util.Random;

/**
 * Trains a tiny CNN on a synthetic two-class problem (bright left half vs bright right half) for a
 * few batches and reports whether it learned. It exercises the whole native path: engine loading,
 * parameter initialisation, convolution, autograd and the optimiser.
 */
public final class EngineSelfTest {

  /** The engine every VisionGrade model runs on. */
  public static final String ENGINE = "PyTorch";

  private static final int SIZE = 8;
  private static final int BATCH = 16;

  /**
   * The outcome of one self-test.
   *
   * @param engine engine name
   * @param engineVersion the native library's version
   * @param device the device trained on (cpu, gpu(0), ...)
   * @param steps optimiser steps taken
   * @param initialLoss mean loss of the first batch
   * @param finalLoss mean loss of the last batch
   * @param accuracy accuracy on a fresh batch after training
   * @param millis wall time of the whole test
   */
  public record Result(
      String engine,
      String engineVersion,
      String device,
      int steps,
      double initialLoss,
      double finalLoss,
      double accuracy,
      long millis) {

    /** True when the network learned the trivial task. */
    public boolean passed() {
      return finalLoss < initialLoss && accuracy >= 0.9;
    }
  }

  private EngineSelfTest() {}

  /**
   * Loads the PyTorch engine, unpacking its native library on first use.
   *
   * @return the engine's version
   * @throws ai.djl.engine.EngineException if the engine cannot be loaded
   */
  public static String loadEngine() {
    return Engine.getEngine(ENGINE).getVersion();
  }

  /**
   * Runs the self-test.
   *
   * @param steps optimiser steps (at least 1)
   * @param seed random seed for the data and the initial parameters
   */
  public static Result run(int steps, long seed) {
    if (steps < 1) {
      throw new IllegalArgumentException("steps must be at least 1, got " + steps);
    }
    long start = System.nanoTime();
    Engine engine = Engine.getEngine(ENGINE);
    engine.setRandomSeed((int) seed);
    Random random = new Random(seed);
    SequentialBlock net =
        new SequentialBlock()
            .add(Conv2d.builder().setFilters(8).setKernelShape(new Shape(3, 3)).build())
            .add(Activation::relu)
            .add(Pool.maxPool2dBlock(new Shape(2, 2)))
            .add(Blocks.batchFlattenBlock())
            .add(Linear.builder().setUnits(2).build());
    DefaultTrainingConfig config =
        new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
            .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(0.01f)).build());
    try (Model model = Model.newInstance("self-test", ENGINE)) {
      model.setBlock(net);
      try (Trainer trainer = model.newTrainer(config)) {
        trainer.initialize(new Shape(BATCH, 1, SIZE, SIZE));
        double first = Double.NaN;
        double last = Double.NaN;
        for (int step = 0; step < steps; step++) {
          try (NDManager batch = trainer.getManager().newSubManager()) {
            NDList data = batch(batch, random);
            last =
                Autograd.collect(
                    trainer,
                    collector -> {
                      NDList predictions = trainer.forward(new NDList(data.get(0)));
                      NDArray loss =
                          trainer.getLoss().evaluate(new NDList(data.get(1)), predictions);
                      collector.backward(loss);
                      return (double) loss.getFloat();
                    });
            if (step == 0) {
              first = last;
            }
            trainer.step();
          }
        }
        double accuracy;
        try (NDManager batch = trainer.getManager().newSubManager()) {
          NDList data = batch(batch, random);
          NDArray predicted = trainer.evaluate(new NDList(data.get(0))).singletonOrThrow();
          NDArray correct = predicted.argMax(1).toType(data.get(1).getDataType(), false);
          accuracy = correct.eq(data.get(1)).sum().getLong() / (double) BATCH;
        }
        return new Result(
            engine.getEngineName(),
            engine.getVersion(),
            trainer.getDevices()[0].toString(),
            steps,
            first,
            last,
            accuracy,
            (System.nanoTime() - start) / 1_000_000);
      }
    }
  }

  /** A batch of images whose left or right half is bright (label 0 or 1), with noise. */
  private static NDList batch(NDManager manager, Random random) {
    float[] pixels = new float[BATCH * SIZE * SIZE];
    float[] labels = new float[BATCH];
    for (int i = 0; i < BATCH; i++) {
      int label = random.nextInt(2);
      labels[i] = label;
      for (int y = 0; y < SIZE; y++) {
        for (int x = 0; x < SIZE; x++) {
          boolean bright = (x < SIZE / 2) == (label == 0);
          pixels[(i * SIZE + y) * SIZE + x] = (bright ? 0.8f : 0.1f) + random.nextFloat() * 0.2f;
        }
      }
    }
    return new NDList(
        manager.create(pixels, new Shape(BATCH, 1, SIZE, SIZE)), manager.create(labels));
  }
}
