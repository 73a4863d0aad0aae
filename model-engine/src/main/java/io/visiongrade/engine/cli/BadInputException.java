package io.visiongrade.engine.cli;

/** A command's input is unusable for a reason not covered by a library exception (exit code 2). */
public class BadInputException extends Exception {
  private static final long serialVersionUID = 1L;

  public BadInputException(String message) {
    super(message);
  }
}
