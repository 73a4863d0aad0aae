package io.visiongrade.engine.score;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Escaping for CSV files that people open in spreadsheets (grade and prediction exports).
 *
 * <p>Neutralises formula injection (CWE-1236): a cell starting with {@code =}, {@code +}, {@code
 * -}, {@code @}, a tab or a carriage return gets a leading apostrophe so that spreadsheets show it
 * as text. Then quotes per RFC 4180 when the cell holds a comma, a quote or a line break.
 */
public final class CsvEscaping {
  private CsvEscaping() {}

  /** One cell, ready to be joined with commas; {@code null} becomes an empty cell. */
  public static String escapeCell(String value) {
    if (value == null || value.isEmpty()) {
      return "";
    }
    String v = value;
    char first = v.charAt(0);
    if (first == '='
        || first == '+'
        || first == '-'
        || first == '@'
        || first == '\t'
        || first == '\r') {
      v = "'" + v;
    }
    if (v.indexOf(',') >= 0
        || v.indexOf('"') >= 0
        || v.indexOf('\n') >= 0
        || v.indexOf('\r') >= 0) {
      v = "\"" + v.replace("\"", "\"\"") + "\"";
    }
    return v;
  }

  /** A CSV line (without line end) of escaped cells. */
  public static String escapeRow(List<String> cells) {
    return cells.stream().map(CsvEscaping::escapeCell).collect(Collectors.joining(","));
  }
}
