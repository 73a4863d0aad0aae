package io.visiongrade.engine.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Splits a dataset into training, validation and test sets, stratified by class and deterministic
 * for a seed.
 *
 * <p>Within each class, the images are put in a canonical order (by the SHA-256 of their label and
 * pixels, as in {@link DatasetHasher}) and shuffled with {@code new Random(seed)}, whose algorithm
 * the Java platform specifies. So a split depends only on the content and the seed: the same
 * content hash and seed give the same split contents and split hashes on every JVM, whatever the
 * file order or file names. Each split takes its rounded share of every class, and at least one
 * image of every class whenever the class has at least one image per non-empty split (the training
 * set keeps at least one). Images keep their dataset order inside each split.
 */
public final class DatasetSplitter {
  public static final double DEFAULT_TRAIN_FRACTION = 0.7;
  public static final double DEFAULT_VALIDATION_FRACTION = 0.15;
  public static final double DEFAULT_TEST_FRACTION = 0.15;

  private final double trainFraction;
  private final double validationFraction;
  private final double testFraction;

  private DatasetSplitter(double train, double validation, double test) {
    this.trainFraction = train;
    this.validationFraction = validation;
    this.testFraction = test;
  }

  /** The default 0.7 / 0.15 / 0.15 splitter. */
  public static DatasetSplitter defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public double trainFraction() {
    return trainFraction;
  }

  public double validationFraction() {
    return validationFraction;
  }

  public double testFraction() {
    return testFraction;
  }

  /** Splits {@code dataset} into train / validation / test with this splitter's fractions. */
  public DatasetSplits split(LabeledImages dataset, long seed) {
    int[][] parts = stratify(dataset, seed, new double[] {validationFraction, testFraction});
    return new DatasetSplits(
        subset(dataset, parts[0]), subset(dataset, parts[1]), subset(dataset, parts[2]));
  }

  /**
   * Splits {@code dataset} into train and validation only (for IDX data whose test set is given
   * separately); the returned test set is empty.
   */
  public static DatasetSplits split(LabeledImages dataset, long seed, double validationFraction) {
    checkFraction("validationFraction", validationFraction);
    int[][] parts = stratify(dataset, seed, new double[] {validationFraction});
    return new DatasetSplits(
        subset(dataset, parts[0]), subset(dataset, parts[1]), subset(dataset, new int[0]));
  }

  /**
   * Splits {@code pool} into train and validation, and takes {@code test} as the test set.
   *
   * @throws IllegalArgumentException if {@code test} has another shape or other class names
   */
  public static DatasetSplits split(
      LabeledImages pool, LabeledImages test, long seed, double validationFraction) {
    if (test.channels() != pool.channels()
        || test.height() != pool.height()
        || test.width() != pool.width()
        || !test.classNames().equals(pool.classNames())) {
      throw new IllegalArgumentException(
          "test set shape/classes differ from the training pool: "
              + test.classNames()
              + " vs "
              + pool.classNames());
    }
    DatasetSplits tv = split(pool, seed, validationFraction);
    LabeledImages t = test.contentHash() == null ? DatasetHasher.withHash(test) : test;
    return new DatasetSplits(tv.train(), tv.validation(), t);
  }

  /**
   * Index arrays: {@code [0]} the training set, then one per entry of {@code fractions}, each in
   * ascending dataset order.
   */
  static int[][] stratify(LabeledImages d, long seed, double[] fractions) {
    int numClasses = d.numClasses();
    List<List<Integer>> byClass = new ArrayList<>();
    for (int c = 0; c < numClasses; c++) {
      byClass.add(new ArrayList<>());
    }
    for (int i = 0; i < d.size(); i++) {
      int l = d.label(i);
      if (l < 0) {
        throw new IllegalArgumentException("image " + d.id(i) + " has no label; cannot stratify");
      }
      byClass.get(l).add(i);
    }
    byte[][] digests = DatasetHasher.imageDigests(d.imageSize(), d.pixels(), d.labels());
    Random rnd = new Random(seed);
    int parts = fractions.length + 1;
    List<List<Integer>> out = new ArrayList<>();
    for (int p = 0; p < parts; p++) {
      out.add(new ArrayList<>());
    }
    for (List<Integer> members : byClass) {
      members.sort(
          Comparator.<Integer, byte[]>comparing(i -> digests[i], Arrays::compareUnsigned)
              .thenComparing(d::id)
              .thenComparingInt(i -> i));
      Integer[] a = members.toArray(new Integer[0]);
      for (int i = a.length - 1; i > 0; i--) {
        int j = rnd.nextInt(i + 1);
        Integer t = a[i];
        a[i] = a[j];
        a[j] = t;
      }
      int[] counts = allocate(a.length, fractions);
      int pos = 0;
      for (int p = 0; p < parts; p++) {
        for (int k = 0; k < counts[p]; k++) {
          out.get(p).add(a[pos++]);
        }
      }
    }
    int[][] result = new int[parts][];
    for (int p = 0; p < parts; p++) {
      result[p] = out.get(p).stream().mapToInt(Integer::intValue).sorted().toArray();
    }
    return result;
  }

  /** How many of {@code n} images go to train ({@code [0]}) and each held-out fraction. */
  static int[] allocate(int n, double[] fractions) {
    int[] counts = new int[fractions.length + 1];
    int active = 1;
    for (double f : fractions) {
      if (f > 0) {
        active++;
      }
    }
    int held = 0;
    for (int p = 0; p < fractions.length; p++) {
      int c = (int) Math.round(n * fractions[p]);
      if (fractions[p] > 0 && c == 0 && n >= active) {
        c = 1;
      }
      counts[p + 1] = c;
      held += c;
    }
    // Keep at least one training image: take back from the largest held-out part.
    while (held > Math.max(0, n - 1)) {
      int largest = 1;
      for (int p = 2; p < counts.length; p++) {
        if (counts[p] > counts[largest]) {
          largest = p;
        }
      }
      counts[largest]--;
      held--;
    }
    counts[0] = n - held;
    return counts;
  }

  private static LabeledImages subset(LabeledImages d, int[] indices) {
    return DatasetHasher.withHash(d.subset(indices, null));
  }

  private static void checkFraction(String field, double f) {
    if (!(f >= 0 && f < 1)) {
      throw new IllegalArgumentException(field + " must be in [0, 1), got " + f);
    }
  }

  /** Builds a {@link DatasetSplitter}; fractions must be in [0, 1) and sum to 1. */
  public static final class Builder {
    private double train = DEFAULT_TRAIN_FRACTION;
    private double validation = DEFAULT_VALIDATION_FRACTION;
    private double test = DEFAULT_TEST_FRACTION;

    private Builder() {}

    /** Sets all three fractions (they must sum to 1). */
    public Builder optFractions(double train, double validation, double test) {
      this.train = train;
      this.validation = validation;
      this.test = test;
      return this;
    }

    public DatasetSplitter build() {
      if (!(train > 0 && train <= 1)) {
        throw new IllegalArgumentException("trainFraction must be in (0, 1], got " + train);
      }
      checkFraction("validationFraction", validation);
      checkFraction("testFraction", test);
      double sum = train + validation + test;
      if (Math.abs(sum - 1) > 1e-9) {
        throw new IllegalArgumentException(
            "fractions must sum to 1, got "
                + Arrays.toString(new double[] {train, validation, test})
                + " = "
                + sum);
      }
      return new DatasetSplitter(train, validation, test);
    }
  }
}
