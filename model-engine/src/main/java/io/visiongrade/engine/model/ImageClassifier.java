package io.visiongrade.engine.model;

import io.visiongrade.engine.eval.Evaluator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Classifies image bytes (PNG, JPEG, BMP, GIF) with a trained model: decode, resize to the spec's
 * input, normalise, forward, softmax. Thread-safe: each call uses its own native scope. Close it to
 * free the model.
 */
public final class ImageClassifier implements AutoCloseable {
  private final CnnModel model;

  /** Wraps (and takes ownership of) a model. */
  public ImageClassifier(CnnModel model) {
    this.model = model;
  }

  /** Loads a saved model directory. */
  public static ImageClassifier load(Path dir) throws ModelFormatException {
    return new ImageClassifier(ModelArtifacts.load(dir));
  }

  public CnnModel model() {
    return model;
  }

  public List<String> classNames() {
    return model.classNames();
  }

  /** The {@code topK} most probable classes of one image, most probable first. */
  public List<Prediction> classify(byte[] image, int topK) throws InvalidImageException {
    return classifyAll(List.of(image), topK).get(0);
  }

  /**
   * The {@code topK} most probable classes of each image, in one batched forward pass.
   *
   * @throws InvalidImageException naming the index of the first undecodable image
   */
  public List<List<Prediction>> classifyAll(List<byte[]> images, int topK)
      throws InvalidImageException {
    if (topK < 1) {
      throw new IllegalArgumentException("topK must be positive, got " + topK);
    }
    int size = model.imageSize();
    byte[] pixels = new byte[images.size() * size];
    var in = model.spec().input();
    for (int i = 0; i < images.size(); i++) {
      try {
        ImageBytes.decodeInto(
            images.get(i), in.width(), in.height(), in.channels(), pixels, i * size);
      } catch (InvalidImageException e) {
        throw new InvalidImageException("image " + i + ": " + e.getMessage(), e);
      }
    }
    return rank(model.logits(pixels, images.size()), images.size(), topK);
  }

  /** Ranks softmax probabilities of {@code n} rows of logits. */
  List<List<Prediction>> rank(float[] logits, int n, int topK) {
    int c = model.numClasses();
    int k = Math.min(topK, c);
    List<List<Prediction>> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      double[] p = Evaluator.softmax(logits, i, c);
      Integer[] order = new Integer[c];
      for (int j = 0; j < c; j++) {
        order[j] = j;
      }
      Arrays.sort(order, Comparator.comparingDouble((Integer j) -> -p[j]).thenComparing(j -> j));
      List<Prediction> row = new ArrayList<>(k);
      for (int j = 0; j < k; j++) {
        row.add(new Prediction(order[j], model.classNames().get(order[j]), p[order[j]]));
      }
      out.add(List.copyOf(row));
    }
    return List.copyOf(out);
  }

  @Override
  public void close() {
    model.close();
  }
}
