package io.visiongrade.engine.spec;

import java.util.List;

/**
 * A CNN specification is malformed, inconsistent or over a limit. Carries every problem found, each
 * naming where it is (layer index and type, field) and why.
 */
public class SpecException extends Exception {
  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  public SpecException(List<String> problems) {
    super(String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  public SpecException(String problem) {
    this(List.of(problem));
  }

  /** Every problem found, in document order. */
  public List<String> problems() {
    return problems;
  }
}
