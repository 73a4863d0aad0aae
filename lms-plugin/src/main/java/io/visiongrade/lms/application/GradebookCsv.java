package io.visiongrade.lms.application;

import io.visiongrade.engine.score.CsvEscaping;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The gradebook as a CSV file for spreadsheets: one line per student, for each exercise its points,
 * best points, attempts, late days and delivery state. Every cell goes through {@link CsvEscaping},
 * so a name or title that starts like a formula ({@code =HYPERLINK(...)}) is shown as text, never
 * run.
 */
public final class GradebookCsv {

  /** The columns written for each exercise, after its title. */
  public static final List<String> PER_EXERCISE =
      List.of("points", "best", "attempts", "state", "late days", "delivery", "delivery error");

  private GradebookCsv() {}

  /** The CSV text (CRLF line ends, RFC 4180), header first. */
  public static String write(Gradebook.View view) {
    StringBuilder out = new StringBuilder();
    List<String> header = new ArrayList<>(List.of("user id", "name", "in roster"));
    for (Gradebook.Column c : view.exercises()) {
      for (String what : PER_EXERCISE) {
        header.add(c.title() + " (" + c.id() + ") " + what);
      }
    }
    line(out, header);
    for (Gradebook.Row r : view.students()) {
      List<String> cells = new ArrayList<>();
      cells.add(r.userId());
      cells.add(r.name().orElse(""));
      cells.add(r.inRoster() ? "yes" : "no");
      for (Gradebook.Cell c : r.cells()) {
        cells.add(number(c.points()));
        cells.add(number(c.bestPoints()));
        cells.add(Integer.toString(c.attemptsUsed()));
        cells.add(c.state());
        cells.add(Long.toString(c.daysLate()));
        cells.add(c.delivery().map(d -> d.state().name()).orElse(""));
        cells.add(c.delivery().flatMap(Gradebook.Delivery::lastError).orElse(""));
      }
      line(out, cells);
    }
    return out.toString();
  }

  private static void line(StringBuilder out, List<String> cells) {
    out.append(CsvEscaping.escapeRow(cells)).append("\r\n");
  }

  /** At most four decimals, no trailing zeros, never an exponent; empty when absent. */
  static String number(OptionalDouble v) {
    if (v.isEmpty() || !Double.isFinite(v.getAsDouble())) {
      return "";
    }
    return BigDecimal.valueOf(v.getAsDouble())
        .setScale(4, RoundingMode.HALF_UP)
        .stripTrailingZeros()
        .toPlainString();
  }
}
