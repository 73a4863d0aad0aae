package io.visiongrade.lms.domain.grading;

import io.visiongrade.lms.domain.DomainException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * A blind final phase: the test split is cut into a public part, whose score students see while the
 * exercise is open, and a private part, whose score they see only after the due date (and which
 * decides the final grade). The cut is stratified by class and deterministic for a seed.
 *
 * @param publicFraction the share of the test split that is public, in (0, 1)
 */
public record BlindPhase(double publicFraction) {

  /** Mixed into the seed so that the cut does not repeat the dataset split's shuffle. */
  private static final long SALT = 0x5EED_B11D_F00DL;

  /** Which part of the test split an index belongs to. */
  public record Parts(int[] publicIndices, int[] privateIndices) {}

  /** What a student is shown. */
  public enum Visible {
    /** Before the due date: the public part's score. */
    PUBLIC,
    /** After the due date: the private part's score. */
    PRIVATE
  }

  public BlindPhase {
    if (!(publicFraction > 0 && publicFraction < 1)) {
      throw new DomainException.Invalid(
          "blind phase: publicFraction must be above 0 and below 1, got " + publicFraction);
    }
  }

  /**
   * Cuts the test split. Within each class, its images are shuffled with {@code new Random(seed ^
   * SALT)} and the first {@code round(n * publicFraction)} are public, at least one public and one
   * private whenever the class has two or more images.
   *
   * @param testLabels the label of every image of the test split, in split order
   * @return both parts as ascending indices into the test split
   */
  public Parts split(int[] testLabels, long seed) {
    Objects.requireNonNull(testLabels, "testLabels");
    int classes = 0;
    for (int l : testLabels) {
      if (l < 0) {
        throw new IllegalArgumentException("test images must be labelled, got label " + l);
      }
      classes = Math.max(classes, l + 1);
    }
    List<List<Integer>> byClass = new ArrayList<>();
    for (int c = 0; c < classes; c++) {
      byClass.add(new ArrayList<>());
    }
    for (int i = 0; i < testLabels.length; i++) {
      byClass.get(testLabels[i]).add(i);
    }
    Random rnd = new Random(seed ^ SALT);
    boolean[] isPublic = new boolean[testLabels.length];
    for (List<Integer> members : byClass) {
      int n = members.size();
      for (int i = n - 1; i > 0; i--) {
        int j = rnd.nextInt(i + 1);
        Integer t = members.get(i);
        members.set(i, members.get(j));
        members.set(j, t);
      }
      int pub = (int) Math.round(n * publicFraction);
      if (n >= 2) {
        pub = Math.max(1, Math.min(n - 1, pub));
      }
      for (int k = 0; k < pub; k++) {
        isPublic[members.get(k)] = true;
      }
    }
    int pubCount = 0;
    for (boolean b : isPublic) {
      pubCount += b ? 1 : 0;
    }
    int[] pub = new int[pubCount];
    int[] priv = new int[testLabels.length - pubCount];
    int p = 0;
    int q = 0;
    for (int i = 0; i < testLabels.length; i++) {
      if (isPublic[i]) {
        pub[p++] = i;
      } else {
        priv[q++] = i;
      }
    }
    return new Parts(pub, priv);
  }

  /** Which score students see at {@code now}: public until the due date, private after it. */
  public static Visible visible(Instant now, Instant due) {
    Objects.requireNonNull(now, "now");
    return due != null && now.isAfter(due) ? Visible.PRIVATE : Visible.PUBLIC;
  }

  /** The score a student sees at {@code now}. */
  public static double visibleScore(
      double publicScore, double privateScore, Instant now, Instant due) {
    return visible(now, due) == Visible.PUBLIC ? publicScore : privateScore;
  }
}
