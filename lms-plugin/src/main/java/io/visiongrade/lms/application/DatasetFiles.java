package io.visiongrade.lms.application;

import io.visiongrade.engine.data.DatasetException;
import io.visiongrade.engine.data.DatasetImporter;
import io.visiongrade.engine.data.ImportOptions;
import io.visiongrade.engine.data.LabeledImages;
import io.visiongrade.lms.domain.dataset.Dataset;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * The upload formats of a dataset, on top of model-engine's {@link DatasetImporter}: a zip of class
 * folders (the engine reads it directly), or one IDX pair, either inside a zip or as two files that
 * {@link #packIdxPair} packs into a zip first, so that every stored dataset is one zip file.
 */
final class DatasetFiles {

  /** An imported upload and what it was. */
  record Imported(LabeledImages images, Dataset.Format format) {}

  private static final Pattern IDX_IMAGES =
      Pattern.compile("(?i)^(.*?)[-_.]?images[-.]idx3-ubyte(\\.gz)?$");
  private static final Pattern IDX_LABELS =
      Pattern.compile("(?i)^(.*?)[-_.]?labels[-.]idx1-ubyte(\\.gz)?$");
  private static final Pattern NAMES_FILE = Pattern.compile("(?i)^(labels|classes)\\.txt$");

  private DatasetFiles() {}

  /** True when the file starts like a zip archive. */
  static boolean isZip(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] head = in.readNBytes(4);
      return head.length == 4
          && head[0] == 'P'
          && head[1] == 'K'
          && (head[2] == 3 || head[2] == 5)
          && (head[3] == 4 || head[3] == 6);
    }
  }

  /** True when the file starts like an IDX file (gzipped or not). */
  static boolean looksLikeIdx(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] h = in.readNBytes(4);
      if (h.length < 4) {
        return false;
      }
      boolean gzip = (h[0] & 0xff) == 0x1f && (h[1] & 0xff) == 0x8b;
      boolean idx = h[0] == 0 && h[1] == 0 && h[2] == 0x08 && (h[3] == 1 || h[3] == 3);
      return gzip || idx;
    }
  }

  /** True when the zip holds IDX files only (and a class names file): an IDX pair, not folders. */
  static boolean isIdxZip(Path zip) {
    try {
      return !idxEntries(zip).isEmpty();
    } catch (DatasetException e) {
      return false; // the import reports the broken archive
    }
  }

  /**
   * Imports a stored or received zip.
   *
   * @param scratch an empty folder for the IDX files of an IDX zip (deleted by the caller)
   * @param displayName the name to show in messages instead of the temporary file's
   */
  static Imported importZip(Path zip, ImportOptions options, Path scratch, String displayName)
      throws DatasetException {
    DatasetImporter importer = new DatasetImporter(options);
    try {
      List<String> idx = idxEntries(zip);
      if (idx.isEmpty()) {
        return new Imported(importer.importZip(zip), Dataset.Format.CLASS_FOLDERS_ZIP);
      }
      String prefix = extractIdx(zip, idx, scratch, options.maxInflatedBytes());
      return new Imported(importer.importIdxDirectory(scratch, prefix), Dataset.Format.IDX_ZIP);
    } catch (DatasetException e) {
      String tmp = zip.getFileName().toString();
      String message = e.getMessage().replace(tmp, displayName);
      throw new DatasetException(e.reason(), null, message, e);
    }
  }

  /**
   * The entries of an IDX zip (IDX files and a class names file, at any depth), or an empty list
   * when the zip holds anything else (then it is a zip of class folders).
   */
  private static List<String> idxEntries(Path zip) throws DatasetException {
    List<String> names = new ArrayList<>();
    boolean images = false;
    try (ZipFile zf = new ZipFile(zip.toFile())) {
      Enumeration<? extends ZipEntry> en = zf.entries();
      while (en.hasMoreElements()) {
        ZipEntry e = en.nextElement();
        String base = baseName(e.getName());
        if (e.isDirectory() || base.isEmpty() || isJunk(e.getName())) {
          continue;
        }
        if (IDX_IMAGES.matcher(base).matches()) {
          images = true;
        } else if (!IDX_LABELS.matcher(base).matches() && !NAMES_FILE.matcher(base).matches()) {
          return List.of();
        }
        names.add(e.getName());
      }
    } catch (ZipException e) {
      throw new DatasetException(
          DatasetException.Reason.CORRUPT_ARCHIVE,
          zip.getFileName().toString(),
          "not a valid zip archive (" + e.getMessage() + ")",
          e);
    } catch (IOException e) {
      throw new DatasetException(
          DatasetException.Reason.UNREADABLE,
          zip.getFileName().toString(),
          "cannot read: " + e.getMessage(),
          e);
    }
    return images ? names : List.of();
  }

  /**
   * Extracts the IDX entries into {@code dir} under their base names (never their archive paths),
   * counting inflated bytes; returns the prefix to import ({@code train} when several pairs).
   */
  private static String extractIdx(Path zip, List<String> entries, Path dir, long maxInflated)
      throws DatasetException {
    long total = 0;
    TreeMap<String, String> prefixes = new TreeMap<>();
    try (ZipFile zf = new ZipFile(zip.toFile())) {
      for (String name : entries) {
        String base = baseName(name);
        Path target = dir.resolve(base);
        if (Files.exists(target)) {
          throw new DatasetException(
              DatasetException.Reason.DUPLICATE_ENTRY, name, "appears twice in the archive");
        }
        Matcher m = IDX_IMAGES.matcher(base);
        if (m.matches()) {
          prefixes.put(m.group(1), base);
        }
        try (InputStream in = zf.getInputStream(zf.getEntry(name));
            OutputStream out = Files.newOutputStream(target)) {
          byte[] buf = new byte[64 * 1024];
          int n;
          while ((n = in.read(buf)) > 0) {
            total += n;
            if (total > maxInflated) {
              throw new DatasetException(
                  DatasetException.Reason.ARCHIVE_TOO_LARGE,
                  name,
                  "the archive inflates to more than the limit of " + maxInflated + " bytes");
            }
            out.write(buf, 0, n);
          }
        }
      }
    } catch (IOException e) {
      throw new DatasetException(
          DatasetException.Reason.CORRUPT_ARCHIVE,
          zip.getFileName().toString(),
          "cannot extract the IDX files (" + e.getMessage() + ")",
          e);
    }
    if (prefixes.size() > 1) {
      return prefixes.containsKey("train") ? "train" : null; // the engine names the choices
    }
    return null;
  }

  /**
   * Packs two uploaded IDX files into a zip under their canonical names ({@code
   * data-images-idx3-ubyte[.gz]}, {@code data-labels-idx1-ubyte[.gz]}), so that it is stored and
   * imported like an IDX zip.
   */
  static void packIdxPair(Path images, Path labels, OutputStream out) throws IOException {
    ZipOutputStream zos = new ZipOutputStream(out);
    zos.setLevel(1);
    add(zos, images, "data-images-idx3-ubyte" + (isGzip(images) ? ".gz" : ""));
    add(zos, labels, "data-labels-idx1-ubyte" + (isGzip(labels) ? ".gz" : ""));
    zos.finish();
  }

  private static void add(ZipOutputStream zos, Path file, String name) throws IOException {
    ZipEntry e = new ZipEntry(name);
    e.setTime(0); // the same files always pack to the same bytes (and hash)
    zos.putNextEntry(e);
    Files.copy(file, zos);
    zos.closeEntry();
  }

  private static boolean isGzip(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] h = in.readNBytes(2);
      return h.length == 2 && (h[0] & 0xff) == 0x1f && (h[1] & 0xff) == 0x8b;
    }
  }

  /** Deletes a scratch folder and what is in it. */
  static void deleteTree(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException ignored) {
      // Scratch folders live under the store's incoming folder; a leftover is harmless.
    }
  }

  private static String baseName(String entry) {
    String p = entry.replace('\\', '/');
    return p.substring(p.lastIndexOf('/') + 1);
  }

  private static boolean isJunk(String entry) {
    for (String seg : entry.replace('\\', '/').split("/")) {
      String s = seg.toLowerCase(Locale.ROOT);
      if (s.startsWith(".") || s.equals("__macosx") || s.equals("thumbs.db")) {
        return true;
      }
    }
    return false;
  }
}
