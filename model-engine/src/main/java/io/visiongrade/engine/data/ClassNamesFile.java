package io.visiongrade.engine.data;

import io.visiongrade.engine.data.DatasetException.Reason;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses an optional {@code labels.txt} / {@code classes.txt}: either one display name per line in
 * class index order, or {@code folder=Display name} lines for folder datasets. Blank lines and
 * lines starting with {@code #} are ignored; UTF-8 with or without a byte order mark.
 */
final class ClassNamesFile {
  /** File names recognised (case-insensitive) at the dataset root. */
  static final Set<String> NAMES = Set.of("labels.txt", "classes.txt");

  /** Largest accepted file. */
  static final int MAX_BYTES = 1 << 20;

  private ClassNamesFile() {}

  static boolean isClassNamesFile(String fileName) {
    return NAMES.contains(fileName.toLowerCase(java.util.Locale.ROOT));
  }

  /** Non-comment, non-blank trimmed lines. */
  static List<String> lines(byte[] data, String name) throws DatasetException {
    if (data.length > MAX_BYTES) {
      throw new DatasetException(
          Reason.INVALID_CLASS_NAMES, name, "larger than " + MAX_BYTES + " bytes");
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
      throw new DatasetException(Reason.INVALID_CLASS_NAMES, name, "not valid UTF-8 text");
    }
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    List<String> out = new ArrayList<>();
    for (String line : text.split("\r\n|\r|\n")) {
      String t = line.strip();
      if (!t.isEmpty() && !t.startsWith("#")) {
        out.add(t);
      }
    }
    return out;
  }

  /**
   * Display names for the given folders (sorted class order).
   *
   * @param folders class folder names in class index order
   */
  static List<String> forFolders(byte[] data, String name, List<String> folders)
      throws DatasetException {
    List<String> lines = lines(data, name);
    boolean mapping = !lines.isEmpty() && lines.stream().allMatch(l -> l.indexOf('=') > 0);
    List<String> result;
    if (mapping) {
      Map<String, String> map = new HashMap<>();
      for (String l : lines) {
        int eq = l.indexOf('=');
        String folder = l.substring(0, eq).strip();
        String display = l.substring(eq + 1).strip();
        if (!folders.contains(folder)) {
          throw new DatasetException(
              Reason.INVALID_CLASS_NAMES,
              name,
              "names folder '" + folder + "', which is not a class folder of the dataset");
        }
        if (display.isEmpty()) {
          throw new DatasetException(
              Reason.INVALID_CLASS_NAMES, name, "empty display name for folder '" + folder + "'");
        }
        if (map.put(folder, display) != null) {
          throw new DatasetException(
              Reason.INVALID_CLASS_NAMES, name, "folder '" + folder + "' is named twice");
        }
      }
      result = new ArrayList<>();
      for (String f : folders) {
        result.add(map.getOrDefault(f, f));
      }
    } else {
      result = checkCount(lines, name, folders.size());
    }
    checkUnique(result, name);
    return result;
  }

  /** Names for index-labelled data (IDX): one per line, exactly {@code numClasses}. */
  static List<String> forIndices(byte[] data, String name, int numClasses) throws DatasetException {
    List<String> result = checkCount(lines(data, name), name, numClasses);
    checkUnique(result, name);
    return result;
  }

  private static List<String> checkCount(List<String> lines, String name, int expected)
      throws DatasetException {
    if (lines.size() != expected) {
      throw new DatasetException(
          Reason.INVALID_CLASS_NAMES,
          name,
          "has " + lines.size() + " class names but the dataset has " + expected + " classes");
    }
    return lines;
  }

  private static void checkUnique(List<String> names, String name) throws DatasetException {
    Set<String> seen = new HashSet<>();
    for (String n : names) {
      if (!seen.add(n)) {
        throw new DatasetException(
            Reason.INVALID_CLASS_NAMES, name, "class name '" + n + "' appears twice");
      }
    }
  }
}
