package io.visiongrade.engine.spec;

import java.util.Locale;

/**
 * An element-wise activation after a conv2d or dense layer.
 *
 * @param kind which function
 * @param alpha negative slope for {@link Kind#LEAKYRELU}, ignored otherwise
 */
public record Activation(Kind kind, double alpha) {

  /** The supported activation functions. */
  public enum Kind {
    NONE,
    RELU,
    LEAKYRELU,
    TANH,
    SIGMOID,
    GELU;

    /** The JSON name. */
    public String jsonName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public static final Activation NONE = new Activation(Kind.NONE, 0);
  public static final Activation RELU = new Activation(Kind.RELU, 0);

  /** Default slope of a leaky ReLU when the spec gives none (Keras' default). */
  public static final double DEFAULT_LEAKY_ALPHA = 0.3;

  public static Activation of(Kind kind) {
    return new Activation(kind, kind == Kind.LEAKYRELU ? DEFAULT_LEAKY_ALPHA : 0);
  }
}
