package io.visiongrade.engine.spec;

import java.util.Locale;

/**
 * How weights of conv2d and dense layers start (biases start at zero, batch-norm at identity).
 *
 * @param kind distribution
 * @param a {@code min} for uniform, {@code mean} for normal, unused otherwise
 * @param b {@code max} for uniform, {@code stddev} for normal, unused otherwise
 */
public record InitializerSpec(Kind kind, double a, double b) {

  /** Supported initializers. Xavier is Glorot-uniform, He is He-normal (fan in). */
  public enum Kind {
    UNIFORM,
    NORMAL,
    XAVIER,
    HE;

    public String jsonName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public static InitializerSpec uniform(double min, double max) {
    return new InitializerSpec(Kind.UNIFORM, min, max);
  }

  public static InitializerSpec normal(double mean, double stddev) {
    return new InitializerSpec(Kind.NORMAL, mean, stddev);
  }

  public static InitializerSpec xavier() {
    return new InitializerSpec(Kind.XAVIER, 0, 0);
  }

  public static InitializerSpec he() {
    return new InitializerSpec(Kind.HE, 0, 0);
  }
}
