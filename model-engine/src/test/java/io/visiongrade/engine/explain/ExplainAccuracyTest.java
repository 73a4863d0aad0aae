package io.visiongrade.engine.explain;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.visiongrade.engine.eval.Evaluator;
import io.visiongrade.engine.model.CnnModel;
import io.visiongrade.engine.spec.CnnSpec;
import io.visiongrade.engine.spec.SpecLimits;
import io.visiongrade.engine.train.CnnTrainer;
import io.visiongrade.engine.train.TrainingOptions;
import io.visiongrade.engine.train.TrainingResult;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The maps point at the evidence. On held-out {@link PatchData} images, where only a 6x6 striped
 * patch at a varying place decides the class (with the background's mean and variance), the
 * Grad-CAM peak of a trained model falls on the patch and saliency concentrates there; models that
 * cannot know where the patch is (trained on random labels, or untrained) show no such
 * concentration. Training is deterministic (fixed seed and threads), so the rates are too.
 */
class ExplainAccuracyTest {
  static final int SIDE = 24;
  static final int TRAIN = 1600;
  static final int TEST = 200;

  /** Area of a patch grown by 1 px over the image: the chance level of a peak hit. */
  static final double CHANCE = (PatchData.PATCH + 2.0) * (PatchData.PATCH + 2.0) / (SIDE * SIDE);

  /** Area fraction of the patch itself: saliency mass of a map that ignores it. */
  static final double AREA = (double) PatchData.PATCH * PatchData.PATCH / (SIDE * SIDE);

  static PatchData test;
  static TrainingResult trained;
  static TrainingResult randomLabels;
  static CnnModel untrained;

  @BeforeAll
  static void train() throws Exception {
    CnnSpec spec = PatchData.spec(SIDE, 8);
    TrainingOptions options = TrainingOptions.builder().optThreads(2).optAugment(false).build();
    test = PatchData.generate(TEST, SIDE, 2, false);
    trained =
        CnnTrainer.train(spec, PatchData.generate(TRAIN, SIDE, 1, false).images(), null, options);
    randomLabels =
        CnnTrainer.train(spec, PatchData.generate(TRAIN, SIDE, 1, true).images(), null, options);
    untrained =
        CnnModel.create(
            spec,
            spec.summarize(2, SpecLimits.DEFAULTS),
            test.images().classNames(),
            spec.training().seed());
  }

  @AfterAll
  static void close() {
    trained.close();
    randomLabels.close();
    untrained.close();
  }

  /** Rates over the held-out images, for the predicted class. */
  record Rates(
      double accuracy, double gradCamHits, double gradCamHitsTrueClass, double saliencyMass) {
    double saliencyRatio() {
      return saliencyMass / AREA;
    }
  }

  static Rates measure(String name, CnnModel model) throws ExplainException {
    Explainer explainer = Explainer.of(model);
    int n = test.images().size();
    int hits = 0;
    int hitsTrue = 0;
    double mass = 0;
    for (int i = 0; i < n; i++) {
      Explanation e = explainer.explain(test.images(), i);
      int[] p = PatchData.peak(e.gradCam());
      hits += test.inPatch(i, p[0], p[1], 1) ? 1 : 0;
      mass += test.massInPatch(i, e.saliency());
      Explanation t = explainer.explain(test.images(), i, test.images().label(i));
      int[] q = PatchData.peak(t.gradCam());
      hitsTrue += test.inPatch(i, q[0], q[1], 1) ? 1 : 0;
    }
    double accuracy =
        Evaluator.fromLogits(model.logits(test.images()), test.images(), 1).accuracy();
    Rates r = new Rates(accuracy, (double) hits / n, (double) hitsTrue / n, mass / n);
    System.out.printf(
        Locale.ROOT,
        "explain %s: accuracy %.3f, Grad-CAM peak on the patch (+1 px) %.3f (true class %.3f;"
            + " chance %.3f), saliency mass in the patch %.3f = %.2fx its area %.3f%n",
        name,
        r.accuracy(),
        r.gradCamHits(),
        r.gradCamHitsTrueClass(),
        CHANCE,
        r.saliencyMass(),
        r.saliencyRatio(),
        AREA);
    return r;
  }

  @Test
  void trainedModelLooksAtThePatch() throws Exception {
    Rates r = measure("trained", trained.model());
    assertTrue(r.accuracy() >= 0.9, "the model did not learn the task: " + r);
    assertTrue(r.gradCamHits() >= 0.8, "Grad-CAM peak hit rate " + r);
    assertTrue(r.gradCamHitsTrueClass() >= 0.8, "Grad-CAM peak hit rate, true class " + r);
    assertTrue(r.saliencyRatio() >= 1.4, "saliency concentration " + r);
  }

  @Test
  void modelTrainedOnRandomLabelsDoesNot() throws Exception {
    Rates r = measure("random labels", randomLabels.model());
    assertTrue(r.gradCamHits() <= 2.5 * CHANCE, "Grad-CAM peak hit rate " + r);
    assertTrue(r.saliencyRatio() <= 1.2, "saliency concentration " + r);
  }

  @Test
  void untrainedModelDoesNot() throws Exception {
    Rates r = measure("untrained", untrained);
    assertTrue(r.gradCamHits() <= 2.5 * CHANCE, "Grad-CAM peak hit rate " + r);
    assertTrue(r.saliencyRatio() <= 1.2, "saliency concentration " + r);
  }
}
