package io.visiongrade.engine.explain;

import java.util.Objects;

/**
 * A model or a requested class cannot be explained. Checked: the model or the class name come from
 * a user (teacher or student); the message says what is wrong and is safe to show.
 */
public class ExplainException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why an explanation was refused. */
  public enum Reason {
    /** The model has no conv2d or residual layer, so there is no feature map to explain. */
    NO_CONV_LAYER,
    /** The requested class is neither one of the model's class names nor a valid index. */
    UNKNOWN_CLASS
  }

  private final Reason reason;

  public ExplainException(Reason reason, String message) {
    super(message);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public Reason reason() {
    return reason;
  }
}
