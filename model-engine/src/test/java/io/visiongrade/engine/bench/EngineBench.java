package io.visiongrade.engine.bench;

import io.visiongrade.engine.augment.AugmentationConfig;
import io.visiongrade.engine.data.LabeledImages;
import io.visiongrade.engine.eval.EvaluationResult;
import io.visiongrade.engine.eval.Evaluator;
import io.visiongrade.engine.model.CnnModel;
import io.visiongrade.engine.spec.CnnSpec;
import io.visiongrade.engine.spec.Presets;
import io.visiongrade.engine.spec.TrainingSpec;
import io.visiongrade.engine.train.CnnTrainer;
import io.visiongrade.engine.train.TrainingOptions;
import io.visiongrade.engine.train.TrainingResult;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * Trains the seed CNN on Fashion-MNIST like {@code shared/anchors/torch_seed_cnn.py} (no
 * augmentation, no validation, Adam 1e-3, pixels / 255) and prints training and inference
 * throughput and test accuracy on one line.
 *
 * <p>Usage: {@code EngineBench [epochs] [batch] [threads] [limit] [dir]}
 */
public final class EngineBench {
  private EngineBench() {}

  public static void main(String[] args) throws Exception {
    int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 1;
    int batch = args.length > 1 ? Integer.parseInt(args[1]) : 32;
    int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    int limit = args.length > 3 ? Integer.parseInt(args[3]) : 60000;
    Path dir = Path.of(args.length > 4 ? args[4] : "/usr/share/datasets/fashion-mnist");
    LabeledImages train =
        idx(
            dir.resolve("train-images-idx3-ubyte.gz"),
            dir.resolve("train-labels-idx1-ubyte.gz"),
            limit);
    LabeledImages test =
        idx(
            dir.resolve("t10k-images-idx3-ubyte.gz"),
            dir.resolve("t10k-labels-idx1-ubyte.gz"),
            10000);
    CnnSpec seed = Presets.get("seed-cnn");
    CnnSpec spec =
        seed.toBuilder()
            .setTraining(new TrainingSpec(epochs, batch, seed.training().seed(), 0))
            .optAugmentation(AugmentationConfig.NONE)
            .build();
    TrainingOptions options =
        TrainingOptions.builder().optThreads(threads).optAugment(false).build();
    try (TrainingResult r = CnnTrainer.train(spec, train, null, options)) {
      CnnModel model = r.model();
      model.logits(test); // warm-up
      long t0 = System.nanoTime();
      float[] logits = model.logits(test);
      double inferSeconds = (System.nanoTime() - t0) / 1e9;
      EvaluationResult e = Evaluator.fromLogits(logits, test, 1);
      System.out.printf(
          Locale.ROOT,
          "djl threads=%d train %.0f img/s test_acc=%.4f infer %.0f img/s (epochs=%d batch=%d n=%d, %.1f s)%n",
          threads,
          r.imagesPerSecond(),
          e.accuracy(),
          test.size() / inferSeconds,
          epochs,
          batch,
          train.size(),
          r.elapsed().toMillis() / 1000.0);
    }
  }

  /** Minimal gzip IDX reader for the benchmark (the importer lives in the data package). */
  static LabeledImages idx(Path images, Path labels, int limit) throws IOException {
    try (DataInputStream in = open(images);
        DataInputStream lb = open(labels)) {
      if (in.readInt() != 2051 || lb.readInt() != 2049) {
        throw new IOException("not IDX image/label files: " + images + ", " + labels);
      }
      int n = Math.min(in.readInt(), limit);
      lb.readInt();
      int rows = in.readInt();
      int cols = in.readInt();
      byte[] pixels = new byte[n * rows * cols];
      in.readFully(pixels);
      byte[] raw = new byte[n];
      lb.readFully(raw);
      int[] y = new int[n];
      List<String> ids = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        y[i] = raw[i];
        ids.add(Integer.toString(i));
      }
      List<String> classes = new ArrayList<>();
      for (int c = 0; c < 10; c++) {
        classes.add(Integer.toString(c));
      }
      return new LabeledImages(
          1, rows, cols, pixels, y, ids, classes, images.getFileName().toString());
    }
  }

  private static DataInputStream open(Path p) throws IOException {
    InputStream s = Files.newInputStream(p);
    return new DataInputStream(new java.io.BufferedInputStream(new GZIPInputStream(s, 1 << 16)));
  }
}
