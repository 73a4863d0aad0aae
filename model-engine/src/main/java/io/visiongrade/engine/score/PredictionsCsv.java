package io.visiongrade.engine.score;

import io.visiongrade.engine.data.LabeledImages;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a student's predictions CSV ({@code id,label} per line) against a labelled split and
 * returns the predicted class index of every sample, aligned with the split.
 *
 * <p>Format: UTF-8 (a byte order mark is ignored), RFC 4180 quoting, CRLF / LF / CR line ends,
 * blank lines ignored, exactly two values per line. An optional header is recognised when the first
 * line's id is not an id of the split and its label is not a valid label (e.g. {@code id,label}). A
 * label is a class name (exact, then case-insensitive when unambiguous) or a class index {@code
 * 0..K-1}; a class name wins over an index when a class is named like a number.
 *
 * <p>Every problem is collected (unknown ids, duplicate ids, missing ids, unknown labels, malformed
 * lines) and reported in one {@link PredictionsCsvException}; size limits stop the read at once.
 * Messages name the line and quote the student's own (shortened) values, and never the true label
 * of any sample: the test split stays hidden.
 */
public final class PredictionsCsv {
  /** Problems listed in the exception message. */
  public static final int SHOWN_PROBLEMS = 10;

  /** Problems kept in {@link PredictionsCsvException#problems()}. */
  public static final int KEPT_PROBLEMS = 1000;

  private static final int MAX_QUOTED = 60;

  private PredictionsCsv() {}

  /**
   * Size limits for one CSV.
   *
   * @param maxBytes largest accepted file in bytes
   * @param maxRows most data rows (header and blank lines not counted)
   */
  public record Limits(long maxBytes, int maxRows) {
    public Limits {
      if (maxBytes < 1) {
        throw new IllegalArgumentException("maxBytes must be positive, got " + maxBytes);
      }
      if (maxRows < 1) {
        throw new IllegalArgumentException("maxRows must be positive, got " + maxRows);
      }
    }

    /** Limits that fit a split of {@code samples} rows: 2 rows and 256 bytes per sample, +1 KiB. */
    public static Limits forSamples(int samples) {
      return new Limits(1024 + 256L * samples, Math.max(1, 2 * samples));
    }
  }

  /**
   * Reads the CSV from {@code in} (not closed) and maps it onto {@code split}.
   *
   * @return the predicted class index of every sample of {@code split}, in split order
   * @throws PredictionsCsvException listing what is wrong
   * @throws IOException when {@code in} cannot be read
   */
  public static int[] read(InputStream in, LabeledImages split, Limits limits)
      throws PredictionsCsvException, IOException {
    long cap = Math.min(limits.maxBytes(), Integer.MAX_VALUE - 16);
    byte[] data = in.readNBytes((int) cap + 1);
    if (data.length > limits.maxBytes()) {
      throw single("the file is larger than the limit of " + limits.maxBytes() + " bytes");
    }
    return parse(data, split, limits);
  }

  /** Maps CSV bytes onto {@code split}; see {@link #read}. */
  public static int[] parse(byte[] data, LabeledImages split, Limits limits)
      throws PredictionsCsvException {
    if (data.length > limits.maxBytes()) {
      throw single("the file is larger than the limit of " + limits.maxBytes() + " bytes");
    }
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(data))
              .toString();
    } catch (CharacterCodingException e) {
      throw single("the file is not UTF-8 text (save it as \"CSV UTF-8\")");
    }
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    return new Parser(text, split, limits).run();
  }

  private static PredictionsCsvException single(String problem) {
    return new PredictionsCsvException(List.of(problem), 1, SHOWN_PROBLEMS);
  }

  /** A student value quoted for a message: shortened, control characters escaped. */
  static String quote(String s) {
    StringBuilder sb = new StringBuilder("'");
    int n = Math.min(s.length(), MAX_QUOTED);
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    if (s.length() > MAX_QUOTED) {
      sb.append("...");
    }
    return sb.append('\'').toString();
  }

  private static final class Parser {
    private final String text;
    private final LabeledImages split;
    private final Limits limits;
    private final Map<String, Integer> index = new HashMap<>();
    private final Map<String, Integer> exactLabels = new HashMap<>();
    private final Map<String, Integer> foldedLabels = new HashMap<>();
    private final List<String> problems = new ArrayList<>();
    private int total;
    private int pos;
    private int line = 1;

    Parser(String text, LabeledImages split, Limits limits) {
      this.text = text;
      this.split = split;
      this.limits = limits;
      for (int i = 0; i < split.size(); i++) {
        index.put(split.id(i), i);
      }
      List<String> names = split.classNames();
      for (int c = 0; c < names.size(); c++) {
        exactLabels.put(names.get(c), c);
        String folded = names.get(c).toLowerCase(Locale.ROOT);
        foldedLabels.put(folded, foldedLabels.containsKey(folded) ? -1 : c);
      }
    }

    private void problem(String p) {
      total++;
      if (problems.size() < KEPT_PROBLEMS) {
        problems.add(p);
      }
    }

    int[] run() throws PredictionsCsvException {
      int[] predicted = new int[split.size()];
      int[] seenOnLine = new int[split.size()];
      java.util.Arrays.fill(predicted, -1);
      boolean first = true;
      int rows = 0;
      while (pos < text.length()) {
        int startLine = line;
        List<String> cells;
        try {
          cells = record();
        } catch (IllegalStateException e) {
          problem("line " + startLine + ": " + e.getMessage());
          break;
        }
        if (cells.size() == 1 && cells.get(0).isBlank()) {
          continue;
        }
        if (first) {
          first = false;
          if (isHeader(cells)) {
            continue;
          }
        }
        if (++rows > limits.maxRows()) {
          problem("more than the limit of " + limits.maxRows() + " rows");
          throw new PredictionsCsvException(problems, total, SHOWN_PROBLEMS);
        }
        if (cells.size() != 2) {
          problem("line " + startLine + ": expected 2 values (id,label), found " + cells.size());
          continue;
        }
        String id = cells.get(0).strip();
        String label = cells.get(1).strip();
        if (id.isEmpty()) {
          problem("line " + startLine + ": empty id");
          continue;
        }
        Integer i = index.get(id);
        if (i == null) {
          problem("line " + startLine + ": unknown id " + quote(id));
          continue;
        }
        if (seenOnLine[i] != 0) {
          problem(
              "line "
                  + startLine
                  + ": id "
                  + quote(id)
                  + " appears again (first on line "
                  + seenOnLine[i]
                  + ")");
          continue;
        }
        seenOnLine[i] = startLine;
        int c = label(label);
        if (c < 0) {
          problem(
              "line "
                  + startLine
                  + ": unknown label "
                  + quote(label)
                  + " (expected a class name or an index 0.."
                  + (split.numClasses() - 1)
                  + ")");
          continue;
        }
        predicted[i] = c;
      }
      int missing = 0;
      for (int i = 0; i < split.size(); i++) {
        if (seenOnLine[i] == 0) {
          missing++;
          problem("missing prediction for id " + quote(split.id(i)));
        }
      }
      if (total > 0) {
        throw new PredictionsCsvException(problems, total, SHOWN_PROBLEMS);
      }
      return predicted;
    }

    private boolean isHeader(List<String> cells) {
      if (cells.size() != 2) {
        return cells.size() > 0
            && !index.containsKey(cells.get(0).strip())
            && cells.get(0).strip().equalsIgnoreCase("id");
      }
      return !index.containsKey(cells.get(0).strip()) && label(cells.get(1).strip()) < 0;
    }

    private int label(String s) {
      Integer c = exactLabels.get(s);
      if (c != null) {
        return c;
      }
      Integer f = foldedLabels.get(s.toLowerCase(Locale.ROOT));
      if (f != null && f >= 0) {
        return f;
      }
      if (!s.isEmpty() && s.length() <= 9 && s.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
        int v = Integer.parseInt(s);
        if (v < split.numClasses()) {
          return v;
        }
      }
      return -1;
    }

    /** One RFC 4180 record; consumes its line end. */
    private List<String> record() {
      List<String> cells = new ArrayList<>();
      StringBuilder cell = new StringBuilder();
      boolean quoted = false;
      boolean wasQuoted = false;
      while (pos < text.length()) {
        char c = text.charAt(pos++);
        if (quoted) {
          if (c == '"') {
            if (pos < text.length() && text.charAt(pos) == '"') {
              cell.append('"');
              pos++;
            } else {
              quoted = false;
            }
          } else {
            if (c == '\n' || (c == '\r' && !(pos < text.length() && text.charAt(pos) == '\n'))) {
              line++;
            }
            cell.append(c);
          }
          continue;
        }
        if (c == ',') {
          cells.add(cell.toString());
          cell.setLength(0);
          wasQuoted = false;
        } else if (c == '\n' || c == '\r') {
          if (c == '\r' && pos < text.length() && text.charAt(pos) == '\n') {
            pos++;
          }
          line++;
          cells.add(cell.toString());
          return cells;
        } else if (c == '"' && cell.toString().isBlank() && !wasQuoted) {
          quoted = true;
          wasQuoted = true;
          cell.setLength(0);
        } else if (wasQuoted && !Character.isWhitespace(c)) {
          throw new IllegalStateException("text after a closing quote");
        } else {
          cell.append(c);
        }
      }
      if (quoted) {
        throw new IllegalStateException("a quoted value is not closed");
      }
      cells.add(cell.toString());
      return cells;
    }
  }
}
