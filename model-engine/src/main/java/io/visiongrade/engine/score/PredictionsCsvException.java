package io.visiongrade.engine.score;

import java.util.List;

/**
 * A student's predictions CSV could not be scored. Carries every problem found (up to a cap), each
 * naming the line and the offending value; the message shows the first few. No problem ever reveals
 * a true label.
 */
public class PredictionsCsvException extends Exception {
  private static final long serialVersionUID = 1L;

  private final List<String> problems;
  private final int totalProblems;

  /**
   * Creates the exception.
   *
   * @param problems the problems kept (in file order, missing ids last)
   * @param totalProblems how many problems were found, at least {@code problems.size()}
   * @param shown how many problems the message lists
   */
  public PredictionsCsvException(List<String> problems, int totalProblems, int shown) {
    super(message(problems, totalProblems, shown));
    this.problems = List.copyOf(problems);
    this.totalProblems = Math.max(totalProblems, problems.size());
  }

  private static String message(List<String> problems, int total, int shown) {
    StringBuilder sb = new StringBuilder("predictions CSV has ");
    sb.append(total).append(total == 1 ? " problem: " : " problems: ");
    int n = Math.min(shown, problems.size());
    sb.append(String.join("; ", problems.subList(0, n)));
    if (total > n) {
      sb.append("; and ").append(total - n).append(" more");
    }
    return sb.toString();
  }

  /** The problems kept, in file order (missing ids last). */
  public List<String> problems() {
    return problems;
  }

  /** How many problems were found in total (more than {@code problems().size()} if capped). */
  public int totalProblems() {
    return totalProblems;
  }
}
