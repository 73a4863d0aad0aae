package io.visiongrade.engine.bench;

import io.visiongrade.engine.augment.AugmentationConfig;
import io.visiongrade.engine.data.DatasetWriter;
import io.visiongrade.engine.data.LabeledImages;
import io.visiongrade.engine.eval.Evaluator;
import io.visiongrade.engine.explain.Explainer;
import io.visiongrade.engine.explain.Explanation;
import io.visiongrade.engine.model.CnnModel;
import io.visiongrade.engine.model.ImageClassifier;
import io.visiongrade.engine.model.ModelArtifacts;
import io.visiongrade.engine.spec.CnnSpec;
import io.visiongrade.engine.spec.Presets;
import io.visiongrade.engine.spec.TrainingSpec;
import io.visiongrade.engine.train.CnnTrainer;
import io.visiongrade.engine.train.EngineThreads;
import io.visiongrade.engine.train.TrainingOptions;
import io.visiongrade.engine.train.TrainingResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Cost of one explanation with the seed CNN on Fashion-MNIST (28x28): trains it for one epoch on
 * the first {@code limit} training images (or loads a saved model directory), then explains {@code
 * n} test images after a warm-up, one at a time on one thread, and prints the median, 90th
 * percentile and mean per image of: the whole {@code explain(pngBytes)} call (decode, forward, two
 * backward passes, maps), the same from pixels, rendering both overlay PNGs at 8x, and a plain
 * {@code classify(pngBytes)} for reference.
 *
 * <p>Usage: {@code ExplainBench [n=50] [threads=2] [limit=10000] [modelDir]}; run through {@code
 * bench/explain-bench.sh}.
 */
public final class ExplainBench {
  private ExplainBench() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 50;
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    int limit = args.length > 2 ? Integer.parseInt(args[2]) : 10000;
    Path saved = args.length > 3 ? Path.of(args[3]) : null;
    Path dir = Path.of("/usr/share/datasets/fashion-mnist");
    LabeledImages test =
        EngineBench.idx(
            dir.resolve("t10k-images-idx3-ubyte.gz"),
            dir.resolve("t10k-labels-idx1-ubyte.gz"),
            n + 20);
    CnnModel model;
    TrainingResult trained = null;
    if (saved != null && Files.isDirectory(saved)) {
      model = ModelArtifacts.load(saved);
      EngineThreads.setThreads(threads);
    } else {
      LabeledImages train =
          EngineBench.idx(
              dir.resolve("train-images-idx3-ubyte.gz"),
              dir.resolve("train-labels-idx1-ubyte.gz"),
              limit);
      CnnSpec seed = Presets.get("seed-cnn");
      CnnSpec spec =
          seed.toBuilder()
              .setTraining(new TrainingSpec(1, 32, seed.training().seed(), 0))
              .optAugmentation(AugmentationConfig.NONE)
              .build();
      trained =
          CnnTrainer.train(
              spec,
              train,
              null,
              TrainingOptions.builder().optThreads(threads).optAugment(false).build());
      model = trained.model();
      if (saved != null) {
        ModelArtifacts.save(model, saved, train.contentHash(), 42, null);
      }
    }
    try {
      double accuracy = Evaluator.fromLogits(model.logits(test), test, 1).accuracy();
      byte[][] pngs = new byte[test.size()][];
      for (int i = 0; i < test.size(); i++) {
        pngs[i] = DatasetWriter.png(test, i);
      }
      Explainer explainer = Explainer.of(model);
      ImageClassifier classifier = new ImageClassifier(model);
      for (int i = n; i < test.size(); i++) { // warm-up on images not measured
        explainer.explain(pngs[i]).gradCamOverlayPng(8);
        classifier.classify(pngs[i], 1);
      }
      double[] whole = new double[n];
      double[] pixels = new double[n];
      double[] render = new double[n];
      double[] classify = new double[n];
      for (int i = 0; i < n; i++) {
        long t0 = System.nanoTime();
        Explanation e = explainer.explain(pngs[i]);
        long t1 = System.nanoTime();
        explainer.explain(test, i, e.classIndex());
        long t2 = System.nanoTime();
        e.gradCamOverlayPng(8);
        e.saliencyOverlayPng(8);
        long t3 = System.nanoTime();
        classifier.classify(pngs[i], 1);
        long t4 = System.nanoTime();
        whole[i] = (t1 - t0) / 1e6;
        pixels[i] = (t2 - t1) / 1e6;
        render[i] = (t3 - t2) / 1e6;
        classify[i] = (t4 - t3) / 1e6;
      }
      System.out.printf(
          Locale.ROOT,
          "explain seed-cnn 28x28 threads=%d n=%d (model test accuracy on these %d images %.3f)%n",
          threads,
          n,
          test.size(),
          accuracy);
      print("explain(png bytes)", whole);
      print("explain(pixels)", pixels);
      print("two overlay PNGs at 8x", render);
      print("classify(png bytes)", classify);
    } finally {
      if (trained != null) {
        trained.close();
      } else {
        model.close();
      }
    }
  }

  private static void print(String what, double[] ms) {
    double[] s = ms.clone();
    Arrays.sort(s);
    System.out.printf(
        Locale.ROOT,
        "%-24s median %.2f ms  p90 %.2f ms  mean %.2f ms%n",
        what,
        s[s.length / 2],
        s[(int) Math.min(s.length - 1, Math.round(0.9 * (s.length - 1)))],
        Arrays.stream(s).average().orElse(Double.NaN));
  }
}
