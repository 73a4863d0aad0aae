package io.visiongrade.engine.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.nn.Parameter;
import io.visiongrade.engine.augment.AugmentationConfig;
import io.visiongrade.engine.data.LabeledImages;
import io.visiongrade.engine.eval.Evaluator;
import io.visiongrade.engine.spec.Activation;
import io.visiongrade.engine.spec.CnnSpec;
import io.visiongrade.engine.spec.LayerSpec;
import io.visiongrade.engine.spec.OptimizerSpec;
import io.visiongrade.engine.spec.Presets;
import io.visiongrade.engine.spec.SpecException;
import io.visiongrade.engine.spec.TrainingSpec;
import io.visiongrade.engine.testing.TinyData;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CnnTrainerTest {
  private static final TrainingOptions ONE_THREAD = TrainingOptions.builder().optThreads(1).build();

  @Test
  void learnsLeftRightAndReportsProgress() throws SpecException {
    LabeledImages train = TinyData.leftRight(64, 8, 1);
    LabeledImages test = TinyData.leftRight(32, 8, 2);
    List<TrainingProgress> progress = new ArrayList<>();
    List<EpochMetrics> epochs = new ArrayList<>();
    TrainingListener listener =
        new TrainingListener() {
          @Override
          public void onBatch(TrainingProgress p) {
            progress.add(p);
          }

          @Override
          public void onEpoch(EpochMetrics m) {
            epochs.add(m);
          }
        };
    TrainingOptions options = TrainingOptions.builder().optThreads(1).optListener(listener).build();
    try (TrainingResult r = CnnTrainer.train(TinyData.tinySpec(8, 3, 0.01), train, test, options)) {
      assertEquals(StopReason.COMPLETED, r.stopReason());
      assertEquals(3 * 8, progress.size());
      TrainingProgress last = progress.get(progress.size() - 1);
      assertEquals(2, last.epoch());
      assertEquals(8, last.batch());
      assertEquals(8, last.batchesPerEpoch());
      assertTrue(last.imagesPerSecond() > 0);
      assertEquals(Duration.ZERO, last.eta());
      assertEquals(3, epochs.size());
      assertEquals(epochs, r.epochs());
      double acc = Evaluator.fromLogits(r.model().logits(test), test, 1).accuracy();
      assertTrue(acc > 0.9, "accuracy " + acc);
      assertTrue(r.epochs().get(2).validationAccuracy() > 0.9);
      assertEquals("hash-64-1", r.datasetHash());
    }
  }

  @Test
  void sameSeedSameParametersAndLoss() throws SpecException {
    LabeledImages train = TinyData.leftRight(48, 8, 3);
    CnnSpec spec = TinyData.tinySpec(8, 2, 0.01);
    try (TrainingResult a = CnnTrainer.train(spec, train, null, ONE_THREAD);
        TrainingResult b = CnnTrainer.train(spec, train, null, ONE_THREAD)) {
      assertEquals(a.epochs().get(1).trainLoss(), b.epochs().get(1).trainLoss());
      List<Parameter> pa = a.model().parameters();
      List<Parameter> pb = b.model().parameters();
      for (int i = 0; i < pa.size(); i++) {
        assertArrayEquals(pa.get(i).getArray().toFloatArray(), pb.get(i).getArray().toFloatArray());
      }
    }
    try (TrainingResult c =
        CnnTrainer.train(spec.toBuilder().optSeed(99).build(), train, null, ONE_THREAD)) {
      assertTrue(c.epochs().get(0).trainLoss() > 0);
    }
  }

  @Test
  void cancellationStopsAfterTheCurrentBatch() throws SpecException {
    CancellationToken token = new CancellationToken();
    int[] batches = new int[1];
    TrainingListener listener =
        p -> {
          if (++batches[0] == 3) {
            token.cancel();
          }
        };
    TrainingOptions options =
        TrainingOptions.builder()
            .optThreads(1)
            .optCancellation(token)
            .optListener(listener)
            .build();
    try (TrainingResult r =
        CnnTrainer.train(
            TinyData.tinySpec(8, 5, 0.01), TinyData.leftRight(64, 8, 1), null, options)) {
      assertEquals(StopReason.CANCELLED, r.stopReason());
      assertEquals(3, batches[0]);
      assertEquals(1, r.epochs().size());
      assertTrue(!r.epochs().get(0).complete());
    }
  }

  @Test
  void timeBudgetStopsCleanly() throws SpecException {
    TrainingListener slow =
        p -> {
          try {
            Thread.sleep(20);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        };
    TrainingOptions options =
        TrainingOptions.builder()
            .optThreads(1)
            .optTimeBudget(Duration.ofMillis(100))
            .optListener(slow)
            .build();
    try (TrainingResult r =
        CnnTrainer.train(
            TinyData.tinySpec(8, 50, 0.01), TinyData.leftRight(64, 8, 1), null, options)) {
      assertEquals(StopReason.TIME_BUDGET, r.stopReason());
      assertTrue(r.epochs().size() < 50);
    }
  }

  @Test
  void hugeLearningRateDiverges() throws SpecException {
    // A linear model: one SGD step of 1e38 overflows float32 logits to infinity, so the loss is
    // NaN.
    CnnSpec spec =
        CnnSpec.builder()
            .setInput(8, 8, 1)
            .addLayer(new LayerSpec.Flatten())
            .addLayer(new LayerSpec.Dense(LayerSpec.Dense.CLASSES, Activation.NONE))
            .setOptimizer(OptimizerSpec.sgd(1e38, 0, false))
            .setTraining(new TrainingSpec(20, 8, 7, 0))
            .build();
    TrainingDivergedException e =
        assertThrows(
            TrainingDivergedException.class,
            () -> CnnTrainer.train(spec, TinyData.leftRight(32, 8, 1), null, ONE_THREAD));
    assertTrue(e.getMessage().contains("training diverged"), e.getMessage());
  }

  @Test
  void earlyStoppingRestoresTheBestParameters() throws SpecException {
    // Labels of the validation set are inverted: validation loss rises as training learns, so
    // the best epoch is the first and training stops after `patience` more.
    LabeledImages train = TinyData.leftRight(64, 8, 1);
    LabeledImages v = TinyData.leftRight(32, 8, 2);
    int[] flipped = new int[v.size()];
    for (int i = 0; i < flipped.length; i++) {
      flipped[i] = 1 - v.label(i);
    }
    LabeledImages inverted =
        new LabeledImages(1, 8, 8, v.pixels(), flipped, v.ids(), v.classNames(), null);
    CnnSpec spec =
        TinyData.tinySpec(8, 10, 0.01).toBuilder()
            .setTraining(new TrainingSpec(10, 8, 7, 2))
            .build();
    try (TrainingResult r = CnnTrainer.train(spec, train, inverted, ONE_THREAD)) {
      assertEquals(StopReason.EARLY_STOPPED, r.stopReason());
      assertEquals(3, r.epochs().size());
      assertEquals(0, r.bestEpoch());
      double loss = Evaluator.meanLoss(r.model().logits(inverted), flipped, 2);
      assertEquals(r.epochs().get(0).validationLoss(), loss, 1e-5);
    }
  }

  @Test
  void sgdMomentumNesterovAndSchedulesTrain() throws SpecException {
    LabeledImages train = TinyData.leftRight(64, 8, 1);
    OptimizerSpec[] optimizers = {
      OptimizerSpec.sgd(0.05, 0.9, false),
      new OptimizerSpec(
          OptimizerSpec.Kind.SGD, 0.05, 0.9, true, 1e-4, OptimizerSpec.Schedule.STEP, 1, 0.5),
      new OptimizerSpec(
          OptimizerSpec.Kind.ADAM, 0.01, 0, false, 1e-4, OptimizerSpec.Schedule.COSINE, 0, 0)
    };
    for (OptimizerSpec o : optimizers) {
      CnnSpec spec = TinyData.tinySpec(8, 3, 0.01).toBuilder().setOptimizer(o).build();
      try (TrainingResult r = CnnTrainer.train(spec, train, null, ONE_THREAD)) {
        assertTrue(
            r.epochs().get(2).trainAccuracy() > 0.9, o + ": " + r.epochs().get(2).trainAccuracy());
        assertEquals(o.learningRateAt(2, 3), r.epochs().get(2).learningRate(), 1e-9);
      }
    }
    assertEquals(0.0125, optimizers[1].learningRateAt(2, 3), 1e-12);
    assertEquals(0.01 * 0.25, optimizers[2].learningRateAt(2, 3), 1e-12);
  }

  @Test
  void augmentationIsSeededAndOnlyForTraining() throws SpecException {
    LabeledImages train = TinyData.leftRight(48, 8, 1);
    LabeledImages val = TinyData.leftRight(16, 8, 2);
    CnnSpec plain = TinyData.tinySpec(8, 2, 0.01);
    CnnSpec augmented =
        plain.toBuilder()
            .optAugmentation(new AugmentationConfig(15, 0.1, 0.1, true, 0.1, 0.2))
            .build();
    try (TrainingResult a = CnnTrainer.train(augmented, train, val, ONE_THREAD);
        TrainingResult b = CnnTrainer.train(augmented, train, val, ONE_THREAD);
        TrainingResult c = CnnTrainer.train(plain, train, val, ONE_THREAD);
        TrainingResult off =
            CnnTrainer.train(
                augmented,
                train,
                val,
                TrainingOptions.builder().optThreads(1).optAugment(false).build())) {
      assertEquals(a.epochs(), b.epochs());
      assertTrue(a.epochs().get(0).trainLoss() != c.epochs().get(0).trainLoss());
      assertEquals(c.epochs(), off.epochs());
      // Validation images are never augmented: evaluating after training gives the reported loss.
      double loss = Evaluator.meanLoss(a.model().logits(val), val.labels(), 2);
      assertEquals(a.epochs().get(1).validationLoss(), loss, 1e-6);
    }
  }

  @Test
  void rejectsDataThatDoesNotFitTheSpec() {
    SpecException e =
        assertThrows(
            SpecException.class,
            () ->
                CnnTrainer.train(
                    Presets.get("seed-cnn"), TinyData.leftRight(8, 8, 1), null, ONE_THREAD));
    assertTrue(
        e.getMessage().contains("images are 8x8 with 1 channel(s) but the spec expects 28x28"));
  }
}
