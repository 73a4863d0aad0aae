package io.visiongrade.web.pages.student;

import static io.visiongrade.web.Page.e;

import io.visiongrade.web.pages.Messages;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;

/** Numbers, times and durations on the student pages. */
final class Format {

  private Format() {}

  /** "10" or "7.5" (two decimals at most). */
  static String score(double v) {
    if (v == Math.rint(v)) {
      return Long.toString((long) v);
    }
    return String.format(Locale.ROOT, "%.2f", v).replaceAll("0+$", "").replaceAll("\\.$", "");
  }

  /** "87.5 %". */
  static String percent(double share) {
    return String.format(Locale.ROOT, "%.1f %%", 100 * share);
  }

  /** "0.873". */
  static String metric(double v) {
    return String.format(Locale.ROOT, "%.3f", v);
  }

  /**
   * A {@code <time>} element (safe HTML), in UTC on the server; the page's script shows it in the
   * browser's time zone.
   */
  static String time(Messages m, Instant t) {
    String text =
        DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                .withLocale(m.locale())
                .withZone(ZoneOffset.UTC)
                .format(t)
            + " UTC";
    return "<time datetime=\"" + e(t.toString()) + "\">" + e(text) + "</time>";
  }

  /** "in 2 days 3 hours", "in 5 minutes", "passed" (plain text). */
  static String left(Messages m, Instant now, Instant until) {
    Duration d = Duration.between(now, until);
    if (d.isNegative() || d.isZero()) {
      return m.get("student.left.passed");
    }
    long days = d.toDays();
    long hours = d.toHoursPart();
    long minutes = d.toMinutesPart();
    if (days > 0) {
      return m.get("student.left.days", days, hours);
    }
    if (hours > 0) {
      return m.get("student.left.hours", hours, minutes);
    }
    return m.get("student.left.minutes", Math.max(1, minutes + (d.toSecondsPart() > 0 ? 1 : 0)));
  }
}
