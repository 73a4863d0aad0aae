package io.visiongrade.lms.application;

import io.visiongrade.engine.eval.ClassMetrics;
import io.visiongrade.engine.eval.EvaluationResult;
import io.visiongrade.engine.train.EpochMetrics;
import java.util.List;
import java.util.Locale;

/**
 * The student-visible metrics of a graded submission as JSON: the validation split (with its
 * misclassified ids) and the public part of the test split (aggregates only: never an id, label or
 * image of the test split), and the training curves. Written by hand: a few fields, no library.
 */
final class MetricsJson {

  private final StringBuilder sb = new StringBuilder("{");
  private boolean first = true;

  MetricsJson field(String name, String rawJson) {
    if (!first) {
      sb.append(',');
    }
    first = false;
    sb.append(quote(name)).append(':').append(rawJson);
    return this;
  }

  String build() {
    return sb.append('}').toString();
  }

  /** Metrics of one evaluation; {@code withIds} only for the validation split. */
  static String evaluation(EvaluationResult r, boolean withIds) {
    StringBuilder perClass = new StringBuilder("[");
    for (int i = 0; i < r.perClass().size(); i++) {
      ClassMetrics c = r.perClass().get(i);
      if (i > 0) {
        perClass.append(',');
      }
      perClass.append(
          new MetricsJson()
              .field("class", quote(c.className()))
              .field("precision", num(c.precision()))
              .field("recall", num(c.recall()))
              .field("f1", num(c.f1()))
              .field("support", String.valueOf(c.support()))
              .build());
    }
    perClass.append(']');
    StringBuilder confusion = new StringBuilder("[");
    for (int i = 0; i < r.confusion().length; i++) {
      if (i > 0) {
        confusion.append(',');
      }
      confusion.append('[');
      for (int j = 0; j < r.confusion()[i].length; j++) {
        if (j > 0) {
          confusion.append(',');
        }
        confusion.append(r.confusion()[i][j]);
      }
      confusion.append(']');
    }
    confusion.append(']');
    MetricsJson j =
        new MetricsJson()
            .field("count", String.valueOf(r.count()))
            .field("accuracy", num(r.accuracy()))
            .field("macroF1", num(r.macroF1()))
            .field("classes", strings(r.classNames()))
            .field("perClass", perClass.toString())
            .field("confusion", confusion.toString());
    if (withIds) {
      j.field("misclassifiedIds", strings(r.misclassifiedIds()));
    }
    return j.build();
  }

  /** The training curves, one entry per epoch. */
  static String curves(List<EpochMetrics> epochs) {
    StringBuilder out = new StringBuilder("[");
    for (int i = 0; i < epochs.size(); i++) {
      EpochMetrics e = epochs.get(i);
      if (i > 0) {
        out.append(',');
      }
      out.append(
          new MetricsJson()
              .field("epoch", String.valueOf(e.epoch()))
              .field("trainLoss", num(e.trainLoss()))
              .field("trainAccuracy", num(e.trainAccuracy()))
              .field("validationLoss", num(e.validationLoss()))
              .field("validationAccuracy", num(e.validationAccuracy()))
              .field("complete", String.valueOf(e.complete()))
              .build());
    }
    return out.append(']').toString();
  }

  static String num(double v) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6g", v) : "null";
  }

  static String strings(List<String> values) {
    StringBuilder out = new StringBuilder("[");
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(quote(values.get(i)));
    }
    return out.append(']').toString();
  }

  static String quote(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
