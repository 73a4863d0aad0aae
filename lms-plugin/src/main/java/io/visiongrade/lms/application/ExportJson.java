package io.visiongrade.lms.application;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** A small JSON writer for the data export: maps, lists, strings, numbers, booleans, instants. */
final class ExportJson {

  private ExportJson() {}

  /** {@code value} as pretty-printed JSON. */
  static String write(Object value) {
    StringBuilder b = new StringBuilder();
    write(b, value, "", null);
    return b.append('\n').toString();
  }

  private static void write(StringBuilder b, Object v, String indent, String key) {
    if (v == null) {
      b.append("null");
    } else if (v instanceof String s) {
      // Columns named *_json hold JSON this server wrote itself: embedded as JSON, not as text.
      String t = s.strip();
      if (key != null && key.endsWith("_json") && (t.startsWith("{") || t.startsWith("["))) {
        b.append(t);
      } else {
        string(b, s);
      }
    } else if (v instanceof Boolean || v instanceof Integer || v instanceof Long) {
      b.append(v);
    } else if (v instanceof Number n) {
      double d = n.doubleValue();
      if (Double.isFinite(d)) {
        b.append(n);
      } else {
        b.append("null");
      }
    } else if (v instanceof Instant || v instanceof LocalDate) {
      string(b, v.toString());
    } else if (v instanceof Map<?, ?> m) {
      if (m.isEmpty()) {
        b.append("{}");
        return;
      }
      String inner = indent + "  ";
      b.append("{\n");
      int i = 0;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        b.append(inner);
        string(b, String.valueOf(e.getKey()));
        b.append(": ");
        write(b, e.getValue(), inner, String.valueOf(e.getKey()));
        b.append(++i < m.size() ? ",\n" : "\n");
      }
      b.append(indent).append('}');
    } else if (v instanceof List<?> l) {
      if (l.isEmpty()) {
        b.append("[]");
        return;
      }
      String inner = indent + "  ";
      b.append("[\n");
      for (int i = 0; i < l.size(); i++) {
        b.append(inner);
        write(b, l.get(i), inner, null);
        b.append(i + 1 < l.size() ? ",\n" : "\n");
      }
      b.append(indent).append(']');
    } else {
      string(b, v.toString());
    }
  }

  private static void string(StringBuilder b, String s) {
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    b.append('"');
  }
}
