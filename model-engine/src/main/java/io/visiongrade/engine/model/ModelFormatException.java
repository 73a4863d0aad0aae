package io.visiongrade.engine.model;

/**
 * A model file or directory cannot be used: missing or malformed files, not TorchScript, wrong
 * input or output shape. Checked: it is the caller's (often a student's) input that is wrong.
 */
public class ModelFormatException extends Exception {
  private static final long serialVersionUID = 1L;

  public ModelFormatException(String message) {
    super(message);
  }

  public ModelFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
