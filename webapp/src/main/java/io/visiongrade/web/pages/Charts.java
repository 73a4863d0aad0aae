package io.visiongrade.web.pages;

import static io.visiongrade.web.Page.e;

import java.util.List;
import java.util.Locale;

/**
 * Server-made SVG charts (no chart library, no JavaScript): the confusion matrix as a heat map and
 * line charts for training curves. Every chart has a text alternative ({@code role="img"} with a
 * label, and a {@code <title>} per cell or point for pointer and screen-reader users).
 */
public final class Charts {

  /** One line of a line chart. */
  public record Series(String name, String colour, List<Double> values) {}

  /** Colours of line charts' series, distinguishable for the common colour-vision deficiencies. */
  public static final List<String> PALETTE =
      List.of("#0b5cad", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9");

  private Charts() {}

  /**
   * A confusion matrix as a heat map: rows are true classes, columns predicted ones; each cell's
   * shade is its share of the row (recall per class), its text the count.
   *
   * @param classes the class names, in matrix order
   * @param matrix counts, {@code matrix[true][predicted]}
   */
  public static String confusionMatrix(Messages m, List<String> classes, long[][] matrix) {
    int n = classes.size();
    if (matrix.length != n) {
      throw new IllegalArgumentException("matrix has " + matrix.length + " rows for " + n);
    }
    int cell = n <= 6 ? 44 : n <= 12 ? 32 : 22;
    int label = Math.min(140, 8 + 7 * classes.stream().mapToInt(String::length).max().orElse(4));
    int left = label + 24;
    int top = label + 24;
    int width = left + n * cell + 8;
    int height = top + n * cell + 8;
    StringBuilder sb = new StringBuilder();
    sb.append("<svg class=\"chart confusion\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ")
        .append(width)
        .append(' ')
        .append(height)
        .append("\" width=\"")
        .append(width)
        .append("\" height=\"")
        .append(height)
        .append("\" role=\"img\" aria-label=\"")
        .append(m.e("chart.confusion.title"))
        .append("\">");
    sb.append("<text x=\"")
        .append(left + n * cell / 2)
        .append("\" y=\"12\" text-anchor=\"middle\" font-weight=\"600\">")
        .append(m.e("chart.confusion.predicted"))
        .append("</text>");
    sb.append("<text transform=\"translate(12 ")
        .append(top + n * cell / 2)
        .append(") rotate(-90)\" text-anchor=\"middle\" font-weight=\"600\">")
        .append(m.e("chart.confusion.true"))
        .append("</text>");
    for (int i = 0; i < n; i++) {
      String name = shorten(classes.get(i), 18);
      sb.append("<text x=\"")
          .append(left - 4)
          .append("\" y=\"")
          .append(top + i * cell + cell / 2 + 4)
          .append("\" text-anchor=\"end\">")
          .append(e(name))
          .append("</text>");
      sb.append("<text transform=\"translate(")
          .append(left + i * cell + cell / 2 + 4)
          .append(' ')
          .append(top - 4)
          .append(") rotate(-60)\">")
          .append(e(name))
          .append("</text>");
    }
    for (int t = 0; t < n; t++) {
      if (matrix[t].length != n) {
        throw new IllegalArgumentException("row " + t + " has " + matrix[t].length + " columns");
      }
      long rowSum = 0;
      for (long v : matrix[t]) {
        rowSum += v;
      }
      for (int p = 0; p < n; p++) {
        long v = matrix[t][p];
        double share = rowSum == 0 ? 0 : (double) v / rowSum;
        String fill =
            t == p ? blend("#e7f6ec", "#146c2e", share) : blend("#ffffff", "#b42318", share);
        int x = left + p * cell;
        int y = top + t * cell;
        sb.append("<g><title>")
            .append(m.e("chart.confusion.cell", v, classes.get(t), classes.get(p)))
            .append("</title><rect x=\"")
            .append(x)
            .append("\" y=\"")
            .append(y)
            .append("\" width=\"")
            .append(cell - 1)
            .append("\" height=\"")
            .append(cell - 1)
            .append("\" fill=\"")
            .append(fill)
            .append("\" stroke=\"#c9d0da\"/>");
        if (cell >= 22) {
          sb.append("<text x=\"")
              .append(x + cell / 2)
              .append("\" y=\"")
              .append(y + cell / 2 + 4)
              .append("\" text-anchor=\"middle\"")
              .append(share > 0.55 ? " fill=\"#ffffff\" style=\"fill:#fff\"" : "")
              .append(">")
              .append(v)
              .append("</text>");
        }
        sb.append("</g>");
      }
    }
    return sb.append("</svg>").toString();
  }

  /**
   * A line chart of values per epoch (x = 1..k).
   *
   * @param title the chart's accessible name
   * @param yLabel the y axis's label
   * @param series the lines (empty values are skipped)
   */
  public static String lines(Messages m, String title, String yLabel, List<Series> series) {
    int w = 360;
    int h = 200;
    int left = 44;
    int right = 10;
    int top = 10;
    int bottom = 38;
    int points = series.stream().mapToInt(s -> s.values().size()).max().orElse(0);
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (Series s : series) {
      for (Double v : s.values()) {
        if (v != null && Double.isFinite(v)) {
          min = Math.min(min, v);
          max = Math.max(max, v);
        }
      }
    }
    if (!Double.isFinite(min)) {
      min = 0;
      max = 1;
    }
    if (max - min < 1e-9) {
      max = min + 1;
    }
    StringBuilder sb = new StringBuilder();
    sb.append("<svg class=\"chart lines\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ")
        .append(w)
        .append(' ')
        .append(h)
        .append("\" width=\"")
        .append(w)
        .append("\" height=\"")
        .append(h)
        .append("\" role=\"img\" aria-label=\"")
        .append(e(title))
        .append("\">");
    int pw = w - left - right;
    int ph = h - top - bottom;
    sb.append("<rect x=\"")
        .append(left)
        .append("\" y=\"")
        .append(top)
        .append("\" width=\"")
        .append(pw)
        .append("\" height=\"")
        .append(ph)
        .append("\" fill=\"none\" stroke=\"#c9d0da\"/>");
    for (int i = 0; i <= 4; i++) {
      double v = min + (max - min) * i / 4;
      double y = top + ph - ph * i / 4.0;
      sb.append("<text x=\"")
          .append(left - 4)
          .append("\" y=\"")
          .append(fmt(y + 4))
          .append("\" text-anchor=\"end\">")
          .append(e(tick(v)))
          .append("</text>");
    }
    sb.append("<text x=\"")
        .append(left + pw / 2)
        .append("\" y=\"")
        .append(h - 4)
        .append("\" text-anchor=\"middle\">")
        .append(m.e("chart.curve.epoch"))
        .append(" (1–")
        .append(Math.max(points, 1))
        .append(")</text>");
    sb.append("<text transform=\"translate(10 ")
        .append(top + ph / 2)
        .append(") rotate(-90)\" text-anchor=\"middle\">")
        .append(e(yLabel))
        .append("</text>");
    int legendX = left + 6;
    for (Series s : series) {
      StringBuilder path = new StringBuilder();
      List<Double> vs = s.values();
      for (int i = 0; i < vs.size(); i++) {
        Double v = vs.get(i);
        if (v == null || !Double.isFinite(v)) {
          continue;
        }
        double x = left + (points <= 1 ? pw / 2.0 : pw * i / (double) (points - 1));
        double y = top + ph - ph * (v - min) / (max - min);
        path.append(path.length() == 0 ? "M" : "L").append(fmt(x)).append(' ').append(fmt(y));
        sb.append("<circle cx=\"")
            .append(fmt(x))
            .append("\" cy=\"")
            .append(fmt(y))
            .append("\" r=\"2.5\" fill=\"")
            .append(e(s.colour()))
            .append("\"><title>")
            .append(e(s.name()))
            .append(' ')
            .append(i + 1)
            .append(": ")
            .append(e(tick(v)))
            .append("</title></circle>");
      }
      if (path.length() > 0) {
        sb.append("<path d=\"")
            .append(path)
            .append("\" fill=\"none\" stroke-width=\"2\" stroke=\"")
            .append(e(s.colour()))
            .append("\"/>");
      }
      sb.append("<rect x=\"")
          .append(legendX)
          .append("\" y=\"")
          .append(h - bottom + 8)
          .append("\" width=\"10\" height=\"10\" fill=\"")
          .append(e(s.colour()))
          .append("\"/><text x=\"")
          .append(legendX + 14)
          .append("\" y=\"")
          .append(h - bottom + 17)
          .append("\">")
          .append(e(s.name()))
          .append("</text>");
      legendX += 24 + 7 * s.name().length();
    }
    return sb.append("</svg>").toString();
  }

  static String blend(String from, String to, double share) {
    double t = Math.max(0, Math.min(1, share));
    int a = Integer.parseInt(from.substring(1), 16);
    int b = Integer.parseInt(to.substring(1), 16);
    int r = (int) Math.round(((a >> 16) & 255) * (1 - t) + ((b >> 16) & 255) * t);
    int g = (int) Math.round(((a >> 8) & 255) * (1 - t) + ((b >> 8) & 255) * t);
    int bl = (int) Math.round((a & 255) * (1 - t) + (b & 255) * t);
    return String.format(Locale.ROOT, "#%02x%02x%02x", r, g, bl);
  }

  private static String shorten(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }

  private static String tick(double v) {
    return Math.abs(v) >= 100
        ? String.format(Locale.ROOT, "%.0f", v)
        : String.format(Locale.ROOT, "%.3g", v);
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }
}
