package io.visiongrade.engine.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import io.visiongrade.engine.Autograd;
import io.visiongrade.engine.data.LabeledImages;
import io.visiongrade.engine.eval.Evaluator;
import io.visiongrade.engine.model.CnnModel;
import io.visiongrade.engine.spec.CnnSpec;
import io.visiongrade.engine.spec.InputSpec;
import io.visiongrade.engine.spec.ModelSummary;
import io.visiongrade.engine.spec.SpecException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Trains a {@link CnnSpec} on {@link LabeledImages} with a lean loop on DJL's PyTorch engine.
 *
 * <p>Per batch the loop copies the shuffled images once into a reused direct buffer (normalised to
 * [0, 1]), creates one input tensor and one loss-weight tensor in a per-batch {@link NDManager}
 * (closed at the end of the batch, so no native memory survives it), runs forward and backward, and
 * updates each parameter in place with DJL's fused optimizer kernels. The loss is cross-entropy as
 * {@code sum(logSoftmax(logits) * W)} where {@code W} holds {@code -1/n} at each sample's label:
 * three native ops. Accuracy is computed in Java from the logits.
 *
 * <p>Deterministic for the same data, spec (including seed) and thread count: parameters are
 * initialised after seeding PyTorch's generator, shuffling uses a {@link Random} seeded from the
 * spec, dropout draws from the seeded PyTorch generator.
 */
public final class CnnTrainer {
  private CnnTrainer() {}

  /**
   * Trains a new model.
   *
   * @param spec what to train
   * @param train training images; their class names become the model's classes
   * @param validation validation images for early stopping and per-epoch metrics, or {@code null}
   * @param options listener, cancellation, budget, threads, limits
   * @return the result, which owns the model: close it
   * @throws SpecException if the spec does not fit the data's classes or image shape, or a limit
   * @throws TrainingDivergedException if the loss becomes NaN or infinite
   */
  public static TrainingResult train(
      CnnSpec spec, LabeledImages train, LabeledImages validation, TrainingOptions options)
      throws SpecException {
    ModelSummary summary = spec.summarize(train.numClasses(), options.limits());
    checkData(spec, train, "training");
    if (validation != null) {
      checkData(spec, validation, "validation");
      if (!validation.classNames().equals(train.classNames())) {
        throw new SpecException("validation: class names differ from the training data's");
      }
    }
    if (train.size() == 0) {
      throw new SpecException("training: the training data is empty");
    }
    for (int label : train.labels()) {
      if (label < 0) {
        throw new SpecException("training: the training data contains unlabelled images");
      }
    }
    EngineThreads.setThreads(options.threads());
    CnnModel model = CnnModel.create(spec, summary, train.classNames(), spec.training().seed());
    try {
      return new Loop(spec, model, train, validation, options).run();
    } catch (RuntimeException | Error e) {
      model.close();
      throw e;
    }
  }

  private static void checkData(CnnSpec spec, LabeledImages data, String what)
      throws SpecException {
    InputSpec in = spec.input();
    if (data.channels() != in.channels()
        || data.height() != in.height()
        || data.width() != in.width()) {
      throw new SpecException(
          "input: the "
              + what
              + " images are "
              + data.width()
              + "x"
              + data.height()
              + " with "
              + data.channels()
              + " channel(s) but the spec expects "
              + in.width()
              + "x"
              + in.height()
              + " with "
              + in.channels());
    }
  }

  /** One training run's state. */
  private static final class Loop {
    private final CnnSpec spec;
    private final CnnModel model;
    private final LabeledImages train;
    private final LabeledImages validation;
    private final TrainingOptions options;
    private final int batchSize;
    private final int classes;
    private final int imageSize;
    private final double[] learningRate = new double[1];
    private final List<Parameter> trainable = new ArrayList<>();
    private final ByteBuffer xBuffer;
    private final ByteBuffer wBuffer;
    private final BatchFiller filler;

    Loop(
        CnnSpec spec,
        CnnModel model,
        LabeledImages train,
        LabeledImages validation,
        TrainingOptions options) {
      this.spec = spec;
      this.model = model;
      this.train = train;
      this.validation = validation;
      this.options = options;
      this.batchSize = Math.min(spec.training().batchSize(), train.size());
      this.classes = model.numClasses();
      this.imageSize = model.imageSize();
      for (Parameter p : model.parameters()) {
        if (p.requiresGradient()) {
          trainable.add(p);
        }
      }
      this.xBuffer =
          ByteBuffer.allocateDirect(batchSize * imageSize * 4).order(ByteOrder.nativeOrder());
      this.wBuffer =
          ByteBuffer.allocateDirect(batchSize * classes * 4).order(ByteOrder.nativeOrder());
      this.filler = BatchFiller.create(spec, train, options.augment(), batchSize);
    }

    TrainingResult run() {
      long start = System.nanoTime();
      long deadline =
          options.timeBudget() == null ? Long.MAX_VALUE : start + options.timeBudget().toNanos();
      try (FusedOptimizer optimizer =
          new FusedOptimizer(spec.optimizer(), model.manager(), trainable)) {
        return run(start, deadline, optimizer);
      }
    }

    private TrainingResult run(long start, long deadline, FusedOptimizer optimizer) {
      int epochs = spec.training().epochs();
      int patience = spec.training().earlyStoppingPatience();
      int n = train.size();
      int batches = (n + batchSize - 1) / batchSize;
      long seed = spec.training().seed();
      Random shuffle = new Random(seed);
      int[] order = new int[n];
      for (int i = 0; i < n; i++) {
        order[i] = i;
      }
      List<EpochMetrics> history = new ArrayList<>();
      StopReason reason = StopReason.COMPLETED;
      double bestLoss = Double.POSITIVE_INFINITY;
      int bestEpoch = -1;
      List<ByteBuffer> best = null;
      long trainNanos = 0;
      long imagesSeen = 0;
      long totalBatches = (long) epochs * batches;
      long batchesDone = 0;
      int[] batchIdx = new int[batchSize];
      epochs:
      for (int epoch = 0; epoch < epochs; epoch++) {
        learningRate[0] = spec.optimizer().learningRateAt(epoch, epochs);
        for (int i = n - 1; i > 0; i--) {
          int j = shuffle.nextInt(i + 1);
          int t = order[i];
          order[i] = order[j];
          order[j] = t;
        }
        double lossSum = 0;
        long correct = 0;
        int seen = 0;
        boolean complete = true;
        for (int b = 0; b < batches; b++) {
          if (options.cancellation().isCancelled()) {
            reason = StopReason.CANCELLED;
          } else if (System.nanoTime() >= deadline) {
            reason = StopReason.TIME_BUDGET;
          }
          if (reason != StopReason.COMPLETED) {
            complete = false;
            if (seen > 0) {
              history.add(
                  new EpochMetrics(
                      epoch,
                      lossSum / seen,
                      (double) correct / seen,
                      Double.NaN,
                      Double.NaN,
                      learningRate[0],
                      false));
              options.listener().onEpoch(history.get(history.size() - 1));
            }
            break epochs;
          }
          long t0 = System.nanoTime();
          int from = b * batchSize;
          int m = Math.min(batchSize, n - from);
          System.arraycopy(order, from, batchIdx, 0, m);
          float[] lossAndCorrect = step(batchIdx, m, optimizer);
          trainNanos += System.nanoTime() - t0;
          if (!Float.isFinite(lossAndCorrect[0])) {
            throw new TrainingDivergedException(epoch, b + 1, lossAndCorrect[0]);
          }
          lossSum += lossAndCorrect[0] * m;
          correct += (long) lossAndCorrect[1];
          seen += m;
          imagesSeen += m;
          batchesDone++;
          double perBatch = trainNanos / 1e9 / batchesDone;
          options
              .listener()
              .onBatch(
                  new TrainingProgress(
                      epoch,
                      epochs,
                      b + 1,
                      batches,
                      lossSum / seen,
                      (double) correct / seen,
                      imagesSeen / (trainNanos / 1e9),
                      Duration.ofMillis((long) (perBatch * (totalBatches - batchesDone) * 1000))));
        }
        double valLoss = Double.NaN;
        double valAcc = Double.NaN;
        if (validation != null && validation.size() > 0) {
          float[] logits = model.logits(validation);
          valLoss = Evaluator.meanLoss(logits, validation.labels(), classes);
          valAcc =
              Evaluator.fromLogits(
                      logits, validation.labels(), validation.ids(), validation.classNames(), 1)
                  .accuracy();
        }
        EpochMetrics metrics =
            new EpochMetrics(
                epoch,
                lossSum / seen,
                (double) correct / seen,
                valLoss,
                valAcc,
                learningRate[0],
                complete);
        history.add(metrics);
        options.listener().onEpoch(metrics);
        if (Double.isNaN(valLoss)) {
          bestEpoch = epoch;
          continue;
        }
        if (valLoss < bestLoss) {
          bestLoss = valLoss;
          bestEpoch = epoch;
          if (patience > 0 && epoch < epochs - 1) {
            best = snapshot(best);
          }
        } else if (patience > 0 && epoch - bestEpoch >= patience) {
          reason = StopReason.EARLY_STOPPED;
          break;
        }
      }
      int lastEpoch = history.isEmpty() ? -1 : history.get(history.size() - 1).epoch();
      if (best != null && bestEpoch != lastEpoch) {
        restore(best);
      } else {
        bestEpoch = lastEpoch;
      }
      return new TrainingResult(
          model,
          reason,
          history,
          bestEpoch,
          Duration.ofNanos(System.nanoTime() - start),
          trainNanos == 0 ? 0 : imagesSeen / (trainNanos / 1e9),
          train.contentHash());
    }

    /** One gradient step; returns {mean loss, correct count}. */
    private float[] step(int[] idx, int m, FusedOptimizer optimizer) {
      xBuffer.clear();
      filler.fill(idx, m, xBuffer.asFloatBuffer());
      xBuffer.limit(m * imageSize * 4);
      wBuffer.clear();
      FloatBuffer w = wBuffer.asFloatBuffer();
      float weight = -1f / m;
      int[] labels = train.labels();
      for (int i = 0; i < m; i++) {
        int y = labels[idx[i]];
        for (int j = 0; j < classes; j++) {
          w.put(j == y ? weight : 0f);
        }
      }
      wBuffer.limit(m * classes * 4);
      try (NDManager scope = model.manager().newSubManager()) {
        NDArray x = scope.create(xBuffer, model.shape(m), DataType.FLOAT32);
        NDArray wArr = scope.create(wBuffer, new Shape(m, classes), DataType.FLOAT32);
        // One collector per JVM in DJL's PyTorch engine: Autograd makes concurrent trainings
        // (and explanations) take turns per step instead of failing.
        NDArray[] out =
            Autograd.collect(
                gc -> {
                  NDArray l = model.forward(scope, x, true);
                  NDArray s = l.logSoftmax(1).mul(wArr).sum();
                  gc.backward(s);
                  return new NDArray[] {l, s};
                });
        NDArray logits = out[0];
        NDArray loss = out[1];
        optimizer.update(learningRate[0]);
        float lossValue = loss.getFloat();
        float[] scores = logits.toFloatArray();
        int correct = 0;
        for (int i = 0; i < m; i++) {
          int best = 0;
          for (int j = 1; j < classes; j++) {
            if (scores[i * classes + j] > scores[i * classes + best]) {
              best = j;
            }
          }
          if (best == labels[idx[i]]) {
            correct++;
          }
        }
        return new float[] {lossValue, correct};
      }
    }

    private List<ByteBuffer> snapshot(List<ByteBuffer> reuse) {
      List<Parameter> all = model.parameters();
      List<ByteBuffer> out = reuse != null ? reuse : new ArrayList<>();
      for (int i = 0; i < all.size(); i++) {
        ByteBuffer src = all.get(i).getArray().toByteBuffer();
        ByteBuffer dst;
        if (reuse != null) {
          dst = reuse.get(i);
          dst.clear();
        } else {
          dst = ByteBuffer.allocateDirect(src.remaining()).order(ByteOrder.nativeOrder());
          out.add(dst);
        }
        dst.put(src);
        dst.flip();
      }
      return out;
    }

    private void restore(List<ByteBuffer> saved) {
      List<Parameter> all = model.parameters();
      for (int i = 0; i < all.size(); i++) {
        ByteBuffer b = saved.get(i);
        b.rewind();
        all.get(i).getArray().set(b);
      }
    }
  }
}
