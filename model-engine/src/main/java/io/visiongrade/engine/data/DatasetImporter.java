package io.visiongrade.engine.data;

import io.visiongrade.engine.data.DatasetException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Imports a labelled image dataset into one compact {@link LabeledImages}, validated against {@link
 * ImportOptions}.
 *
 * <p>Sources:
 *
 * <ul>
 *   <li>a directory of class folders ({@code cat/001.png}, {@code dog/a.jpg}), see {@link
 *       #importDirectory(Path)};
 *   <li>a zip archive of class folders, possibly under one top-level folder, see {@link
 *       #importZip(Path)};
 *   <li>IDX files (MNIST / Fashion-MNIST), gzipped or not, see {@link #importIdx(Path, Path, List)}
 *       and {@link #importIdxDirectory(Path, String)}.
 * </ul>
 *
 * <p>Class order is the sorted order of the folder names; images are ordered by class, then by
 * path. Ids are the paths inside the dataset ({@code cat/001.png}), or {@code idx-<index>} for IDX.
 * An optional {@code labels.txt} or {@code classes.txt} at the dataset root gives display names.
 * Images are decoded in parallel on {@link ImportOptions#threads()} threads. Archives are read in
 * memory with bounded counters; nothing is written to disk.
 */
public final class DatasetImporter {
  /** Display names of the ten Fashion-MNIST classes, in label order. */
  public static final List<String> FASHION_MNIST_CLASS_NAMES =
      List.of(
          "T-shirt/top",
          "Trouser",
          "Pullover",
          "Dress",
          "Coat",
          "Sandal",
          "Shirt",
          "Sneaker",
          "Bag",
          "Ankle boot");

  private static final Pattern IDX_IMAGES =
      Pattern.compile("(?i)^(.*?)[-_.]?images[-.]idx3-ubyte(\\.gz)?$");
  private static final Pattern IDX_LABELS =
      Pattern.compile("(?i)^(.*?)[-_.]?labels[-.]idx1-ubyte(\\.gz)?$");
  private static final int READ_CHUNK = 64 * 1024;

  private final ImportOptions options;

  /** An importer that applies {@code options} to every import. */
  public DatasetImporter(ImportOptions options) {
    this.options = java.util.Objects.requireNonNull(options, "options");
  }

  /** The options this importer applies. */
  public ImportOptions options() {
    return options;
  }

  /**
   * Imports whatever {@code path} is: a zip archive, a directory holding one IDX pair, or a
   * directory of class folders.
   */
  public LabeledImages importPath(Path path) throws DatasetException {
    if (Files.isDirectory(path)) {
      try (var s = Files.list(path)) {
        boolean idx = s.anyMatch(p -> IDX_IMAGES.matcher(p.getFileName().toString()).matches());
        return idx ? importIdxDirectory(path, null) : importDirectory(path);
      } catch (IOException e) {
        throw unreadable(path, e);
      }
    }
    if (!Files.isRegularFile(path)) {
      throw new DatasetException(Reason.UNREADABLE, path.getFileName() + "", "no such file");
    }
    byte[] head;
    try (InputStream in = Files.newInputStream(path)) {
      head = in.readNBytes(4);
    } catch (IOException e) {
      throw unreadable(path, e);
    }
    if (head.length == 4 && head[0] == 'P' && head[1] == 'K' && (head[2] == 3 || head[2] == 5)) {
      return importZip(path);
    }
    throw new DatasetException(
        Reason.UNREADABLE,
        path.getFileName().toString(),
        "not a zip archive nor a directory of class folders or IDX files");
  }

  // ---------------------------------------------------------------- directories

  /** Imports a directory of class folders. Symbolic links inside it are refused. */
  public LabeledImages importDirectory(Path dataset) throws DatasetException {
    if (!Files.isDirectory(dataset)) {
      throw new DatasetException(
          Reason.UNREADABLE, String.valueOf(dataset.getFileName()), "not a directory");
    }
    Path dir;
    try {
      dir = dataset.toRealPath(); // the root itself may be a link; links inside it may not
    } catch (IOException e) {
      throw unreadable(dataset, e);
    }
    Map<String, Path> files = new TreeMap<>();
    AtomicLong bytes = new AtomicLong();
    AtomicInteger entries = new AtomicInteger();
    DatasetException[] failure = new DatasetException[1];
    try {
      Files.walkFileTree(
          dir,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes a) {
              if (!d.equals(dir) && isJunk(d.getFileName().toString())) {
                return FileVisitResult.SKIP_SUBTREE;
              }
              return count(d) ? FileVisitResult.CONTINUE : FileVisitResult.TERMINATE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes a) {
              String rel = relative(dir, f);
              if (isJunk(f.getFileName().toString())) {
                return FileVisitResult.CONTINUE;
              }
              if (!count(f)) {
                return FileVisitResult.TERMINATE;
              }
              if (a.isSymbolicLink()) {
                failure[0] =
                    new DatasetException(
                        Reason.SYMLINK, rel, "symbolic links are not allowed in a dataset");
                return FileVisitResult.TERMINATE;
              }
              if (!a.isRegularFile()) {
                failure[0] = new DatasetException(Reason.UNREADABLE, rel, "not a regular file");
                return FileVisitResult.TERMINATE;
              }
              if (bytes.addAndGet(a.size()) > options.maxTotalBytes()) {
                failure[0] = tooManyBytes(null, options.maxTotalBytes());
                return FileVisitResult.TERMINATE;
              }
              files.put(rel, f);
              return FileVisitResult.CONTINUE;
            }

            private boolean count(Path p) {
              if (entries.incrementAndGet() > options.maxEntries()) {
                failure[0] = tooManyEntries();
                return false;
              }
              return true;
            }
          });
    } catch (IOException e) {
      throw unreadable(dir, e);
    }
    if (failure[0] != null) {
      throw failure[0];
    }
    return importEntries(
        new ArrayList<>(files.keySet()),
        rel -> {
          Path f = files.get(rel);
          try {
            if (Files.isSymbolicLink(f)) {
              throw new DatasetException(
                  Reason.SYMLINK, rel, "symbolic links are not allowed in a dataset");
            }
            return Files.readAllBytes(f);
          } catch (NoSuchFileException e) {
            throw new DatasetException(Reason.UNREADABLE, rel, "file disappeared during import");
          } catch (IOException e) {
            throw new DatasetException(Reason.UNREADABLE, rel, "cannot read: " + e, e);
          }
        });
  }

  // ---------------------------------------------------------------- zip archives

  /**
   * Imports a zip archive of class folders, possibly all under one top-level folder. Entries are
   * inflated in memory while counting bytes against {@link ImportOptions#maxInflatedBytes()};
   * absolute paths, {@code ..} segments and symbolic links are refused; nested archives are not
   * extracted (they fail as "not an image").
   */
  public LabeledImages importZip(Path zip) throws DatasetException {
    String zipName = String.valueOf(zip.getFileName());
    long size;
    try {
      size = Files.size(zip);
    } catch (IOException e) {
      throw unreadable(zip, e);
    }
    if (size > options.maxTotalBytes()) {
      throw tooManyBytes(zipName, options.maxTotalBytes());
    }
    Set<String> symlinks;
    try {
      symlinks = ZipSymlinks.find(zip, Math.min(size, (long) options.maxEntries() * 1200L + 4096));
    } catch (IOException e) {
      throw new DatasetException(
          Reason.CORRUPT_ARCHIVE, zipName, "not a valid zip archive (" + e.getMessage() + ")", e);
    }
    try (ZipFile zf = new ZipFile(zip.toFile())) {
      if (zf.size() > options.maxEntries()) {
        throw tooManyEntries();
      }
      Map<String, ZipEntry> byPath = new TreeMap<>();
      Set<String> seen = new HashSet<>();
      Enumeration<? extends ZipEntry> en = zf.entries();
      int count = 0;
      while (en.hasMoreElements()) {
        ZipEntry e = en.nextElement();
        if (++count > options.maxEntries()) {
          throw tooManyEntries();
        }
        String raw = e.getName();
        String path = safeEntryPath(raw);
        if (symlinks.contains(raw)) {
          throw new DatasetException(
              Reason.SYMLINK, raw, "symbolic links are not allowed in a dataset archive");
        }
        if (!seen.add(path + (e.isDirectory() ? "/" : ""))) {
          throw new DatasetException(Reason.DUPLICATE_ENTRY, raw, "appears twice in the archive");
        }
        if (e.isDirectory() || path.isEmpty() || isJunkPath(path)) {
          continue;
        }
        byPath.put(path, e);
      }
      AtomicLong inflated = new AtomicLong();
      return importEntries(
          new ArrayList<>(byPath.keySet()), rel -> readEntry(zf, byPath.get(rel), rel, inflated));
    } catch (ZipException e) {
      throw new DatasetException(
          Reason.CORRUPT_ARCHIVE, zipName, "not a valid zip archive (" + e.getMessage() + ")", e);
    } catch (IOException e) {
      throw unreadable(zip, e);
    }
  }

  /**
   * The most one entry may inflate to: 4 bytes for every pixel an image may have (at least 16 MiB),
   * never more than the whole archive's limit. Entries are held in memory, one per import thread,
   * so this bounds the memory a single highly compressed entry can take.
   */
  long maxEntryBytes() {
    long perImage = Math.max(MIN_ENTRY_BYTES, options.maxPixelsPerImage() * 4);
    return Math.min(Math.min(perImage, options.maxInflatedBytes()), Integer.MAX_VALUE - 16);
  }

  private static final long MIN_ENTRY_BYTES = 16L << 20;

  private byte[] readEntry(ZipFile zf, ZipEntry e, String rel, AtomicLong inflated)
      throws DatasetException {
    long limit = options.maxInflatedBytes();
    long entryLimit = maxEntryBytes();
    try (InputStream in = zf.getInputStream(e)) {
      byte[] buf = new byte[READ_CHUNK];
      byte[] out = new byte[READ_CHUNK];
      int len = 0;
      int n;
      while ((n = in.read(buf)) > 0) {
        if (inflated.addAndGet(n) > limit) {
          throw new DatasetException(
              Reason.ARCHIVE_TOO_LARGE,
              rel,
              "the archive inflates to more than the limit of " + limit + " bytes");
        }
        if ((long) len + n > entryLimit) {
          throw new DatasetException(
              Reason.ARCHIVE_TOO_LARGE,
              rel,
              "inflates to more than "
                  + entryLimit
                  + " bytes, more than any image within the limit of "
                  + options.maxPixelsPerImage()
                  + " pixels needs (a zip bomb?)");
        }
        if (len + n > out.length) {
          out = Arrays.copyOf(out, Math.max(len + n, out.length * 2));
        }
        System.arraycopy(buf, 0, out, len, n);
        len += n;
      }
      return Arrays.copyOf(out, len);
    } catch (ZipException ex) {
      throw new DatasetException(
          Reason.CORRUPT_ARCHIVE, rel, "corrupt archive entry (" + ex.getMessage() + ")", ex);
    } catch (IOException ex) {
      throw new DatasetException(Reason.UNREADABLE, rel, "cannot read: " + ex, ex);
    }
  }

  /**
   * The entry name with {@code \} turned into {@code /} and empty or {@code .} segments removed.
   *
   * @throws DatasetException for absolute paths, drive letters and {@code ..} segments
   */
  static String safeEntryPath(String raw) throws DatasetException {
    String p = raw.replace('\\', '/');
    if (p.startsWith("/") || p.matches("^[A-Za-z]:.*") || p.indexOf('\0') >= 0) {
      throw new DatasetException(
          Reason.UNSAFE_PATH, raw, "absolute path in archive entry (zip slip)");
    }
    StringBuilder sb = new StringBuilder();
    for (String seg : p.split("/")) {
      if (seg.equals("..")) {
        throw new DatasetException(
            Reason.UNSAFE_PATH, raw, "'..' in archive entry path (zip slip)");
      }
      if (seg.isEmpty() || seg.equals(".")) {
        continue;
      }
      if (sb.length() > 0) {
        sb.append('/');
      }
      sb.append(seg);
    }
    return sb.toString();
  }

  // ---------------------------------------------------------------- class folders (shared)

  @FunctionalInterface
  private interface EntryReader {
    byte[] read(String relativePath) throws DatasetException;
  }

  private LabeledImages importEntries(List<String> paths, EntryReader reader)
      throws DatasetException {
    String prefix = commonTopFolder(paths);
    String labelsFile = null;
    TreeMap<String, List<String>> classes = new TreeMap<>();
    for (String full : paths) {
      String rel = full.substring(prefix.length());
      int slash = rel.indexOf('/');
      if (slash < 0) {
        if (ClassNamesFile.isClassNamesFile(rel)) {
          if (labelsFile != null) {
            throw new DatasetException(
                Reason.INVALID_CLASS_NAMES,
                full,
                "a second class names file next to " + labelsFile + "; keep only one");
          }
          labelsFile = full;
          continue;
        }
        throw new DatasetException(
            Reason.NOT_IN_CLASS_FOLDER,
            full,
            "is not inside a class folder (expected <class>/<image>, e.g. cat/001.png)");
      }
      classes.computeIfAbsent(rel.substring(0, slash), k -> new ArrayList<>()).add(full);
    }
    List<String> folders = new ArrayList<>(classes.keySet());
    int total = 0;
    for (List<String> l : classes.values()) {
      l.sort(Comparator.naturalOrder());
      total += l.size();
    }
    if (total > options.maxImages()) {
      throw new DatasetException(
          Reason.TOO_MANY_IMAGES,
          null,
          "the dataset holds " + total + " files, more than the limit of " + options.maxImages());
    }
    checkClassCounts(folders, classes.values().stream().mapToInt(List::size).toArray());
    List<String> classNames = folders;
    if (labelsFile != null) {
      classNames = ClassNamesFile.forFolders(reader.read(labelsFile), labelsFile, folders);
    }
    int size = imageSize();
    checkArraySize(total, size);
    byte[] pixels = new byte[total * size];
    int[] labels = new int[total];
    String[] ids = new String[total];
    String[] sources = new String[total];
    int k = 0;
    for (int c = 0; c < folders.size(); c++) {
      for (String full : classes.get(folders.get(c))) {
        labels[k] = c;
        ids[k] = full.substring(prefix.length());
        sources[k] = full;
        k++;
      }
    }
    parallelFor(
        total,
        i -> {
          byte[] data = reader.read(sources[i]);
          ImageDecoding.decodeInto(data, sources[i], options, pixels, i * size);
        });
    return build(pixels, labels, List.of(ids), classNames);
  }

  /**
   * A single top-level folder holding the class folders (as when a folder is zipped), to be
   * stripped: every path starts with it and every image is at least two folders below it.
   */
  private static String commonTopFolder(List<String> paths) {
    if (paths.isEmpty()) {
      return "";
    }
    String first = paths.get(0);
    int slash = first.indexOf('/');
    if (slash < 0) {
      return "";
    }
    String top = first.substring(0, slash + 1);
    boolean deep = false;
    for (String p : paths) {
      if (!p.startsWith(top)) {
        return "";
      }
      String rest = p.substring(top.length());
      if (rest.indexOf('/') < 0) {
        if (!ClassNamesFile.isClassNamesFile(rest)) {
          return "";
        }
      } else {
        deep = true;
      }
    }
    return deep ? top : "";
  }

  private static boolean isJunk(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.startsWith(".")
        || n.equals("__macosx")
        || n.equals("thumbs.db")
        || n.equals("desktop.ini");
  }

  private static boolean isJunkPath(String path) {
    for (String seg : path.split("/")) {
      if (isJunk(seg)) {
        return true;
      }
    }
    return false;
  }

  // ---------------------------------------------------------------- IDX

  /**
   * Imports an IDX pair (MNIST format, gzipped or not).
   *
   * @param classNames display names in label order, or {@code null} for "0", "1", ... up to the
   *     largest label
   */
  public LabeledImages importIdx(Path images, Path labels, List<String> classNames)
      throws DatasetException {
    long bytes;
    try {
      bytes = Files.size(images) + Files.size(labels);
    } catch (IOException e) {
      throw unreadable(images, e);
    }
    if (bytes > options.maxTotalBytes()) {
      throw tooManyBytes(images.getFileName().toString(), options.maxTotalBytes());
    }
    IdxReader.Images img = IdxReader.readImages(images, options);
    int[] lab = IdxReader.readLabels(labels, options);
    if (lab.length != img.count()) {
      throw new DatasetException(
          Reason.COUNT_MISMATCH,
          images.getFileName().toString(),
          "holds "
              + img.count()
              + " images but "
              + labels.getFileName()
              + " holds "
              + lab.length
              + " labels");
    }
    int maxLabel = -1;
    for (int l : lab) {
      maxLabel = Math.max(maxLabel, l);
    }
    List<String> names = classNames;
    if (names == null) {
      String[] n = new String[maxLabel + 1];
      for (int i = 0; i < n.length; i++) {
        n[i] = Integer.toString(i);
      }
      names = List.of(n);
    } else if (names.size() <= maxLabel) {
      throw new DatasetException(
          Reason.INVALID_CLASS_NAMES,
          labels.getFileName().toString(),
          "uses label " + maxLabel + " but only " + names.size() + " class names are given");
    }
    int[] perClass = new int[names.size()];
    for (int l : lab) {
      perClass[l]++;
    }
    checkClassCounts(names, perClass);
    byte[] pixels = convertGray(img);
    String[] ids = new String[lab.length];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = "idx-" + i;
    }
    return build(pixels, lab, Arrays.asList(ids), names);
  }

  /**
   * Imports the IDX pair in {@code dir}: {@code <prefix>-images-idx3-ubyte[.gz]} and {@code
   * <prefix>-labels-idx1-ubyte[.gz]}, with display names from a {@code labels.txt} / {@code
   * classes.txt} in the directory if there is one.
   *
   * @param prefix e.g. {@code "train"} or {@code "t10k"}; {@code null} when the directory holds
   *     exactly one pair
   */
  public LabeledImages importIdxDirectory(Path dir, String prefix) throws DatasetException {
    Map<String, Path> images = new TreeMap<>();
    Map<String, Path> labels = new TreeMap<>();
    Path namesFile = null;
    try (var s = Files.list(dir)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        String n = p.getFileName().toString();
        Matcher mi = IDX_IMAGES.matcher(n);
        Matcher ml = IDX_LABELS.matcher(n);
        if (mi.matches()) {
          images.put(mi.group(1), p);
        } else if (ml.matches()) {
          labels.put(ml.group(1), p);
        } else if (ClassNamesFile.isClassNamesFile(n)) {
          namesFile = p;
        }
      }
    } catch (IOException e) {
      throw unreadable(dir, e);
    }
    String dirName = String.valueOf(dir.getFileName());
    if (prefix == null) {
      if (images.size() != 1) {
        throw new DatasetException(
            Reason.INVALID_IDX,
            dirName,
            images.isEmpty()
                ? "no *-images-idx3-ubyte[.gz] file"
                : "holds several IDX image files " + images.keySet() + "; choose one prefix");
      }
      prefix = images.keySet().iterator().next();
    }
    Path im = images.get(prefix);
    Path lb = labels.get(prefix);
    if (im == null || lb == null) {
      throw new DatasetException(
          Reason.INVALID_IDX,
          dirName,
          "no "
              + (im == null ? "images-idx3-ubyte" : "labels-idx1-ubyte")
              + " file for prefix '"
              + prefix
              + "'");
    }
    List<String> names = null;
    if (namesFile != null) {
      int[] lab = IdxReader.readLabels(lb, options);
      int max = Arrays.stream(lab).max().orElse(-1);
      byte[] data;
      try {
        data = Files.readAllBytes(namesFile);
      } catch (IOException e) {
        throw unreadable(namesFile, e);
      }
      names = ClassNamesFile.forIndices(data, namesFile.getFileName().toString(), max + 1);
    }
    return importIdx(im, lb, names);
  }

  private byte[] convertGray(IdxReader.Images img) throws DatasetException {
    int w = options.width();
    int h = options.height();
    int c = options.channels();
    if (img.rows() == h && img.cols() == w && c == 1) {
      return img.pixels();
    }
    int size = c * h * w;
    checkArraySize(img.count(), size);
    byte[] out = new byte[img.count() * size];
    int src = img.rows() * img.cols();
    parallelFor(
        img.count(),
        i -> {
          float[] plane = new float[src];
          for (int j = 0; j < src; j++) {
            plane[j] = img.pixels()[i * src + j] & 0xff;
          }
          Resampler.resize(plane, img.cols(), img.rows(), out, i * size, w, h);
          for (int ch = 1; ch < c; ch++) {
            System.arraycopy(out, i * size, out, i * size + ch * w * h, w * h);
          }
        });
    return out;
  }

  // ---------------------------------------------------------------- common checks

  private void checkClassCounts(List<String> names, int[] counts) throws DatasetException {
    if (names.size() < options.minClasses()) {
      throw new DatasetException(
          Reason.TOO_FEW_CLASSES,
          null,
          "the dataset has "
              + names.size()
              + " class"
              + (names.size() == 1 ? "" : "es")
              + " "
              + names
              + "; at least "
              + options.minClasses()
              + " class folders are needed");
    }
    for (int c = 0; c < names.size(); c++) {
      if (counts[c] < options.minImagesPerClass()) {
        throw new DatasetException(
            Reason.TOO_FEW_IMAGES_IN_CLASS,
            null,
            "class '"
                + names.get(c)
                + "' has "
                + counts[c]
                + " image"
                + (counts[c] == 1 ? "" : "s")
                + "; at least "
                + options.minImagesPerClass()
                + " are needed");
      }
    }
  }

  private int imageSize() {
    return options.channels() * options.height() * options.width();
  }

  private void checkArraySize(int count, int size) throws DatasetException {
    if ((long) count * size > Integer.MAX_VALUE - 8) {
      throw new DatasetException(
          Reason.TOO_MANY_IMAGES,
          null,
          count + " images of " + size + " bytes do not fit in memory; use a smaller target size");
    }
  }

  private LabeledImages build(
      byte[] pixels, int[] labels, List<String> ids, List<String> classNames) {
    int c = options.channels();
    int h = options.height();
    int w = options.width();
    String hash = DatasetHasher.hash(c, h, w, pixels, labels, classNames);
    return new LabeledImages(c, h, w, pixels, labels, ids, classNames, hash);
  }

  @FunctionalInterface
  private interface IndexTask {
    void run(int index) throws DatasetException;
  }

  /**
   * Runs {@code task} for 0..n-1 on up to {@link ImportOptions#threads()} threads; the failure of
   * the lowest index wins, so errors are reported deterministically.
   */
  private void parallelFor(int n, IndexTask task) throws DatasetException {
    int threads = Math.min(options.threads(), Math.max(1, n / 16));
    if (threads <= 1) {
      for (int i = 0; i < n; i++) {
        task.run(i);
      }
      return;
    }
    ExecutorService pool =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "dataset-import");
              t.setDaemon(true);
              return t;
            });
    try {
      AtomicInteger next = new AtomicInteger();
      AtomicInteger failedAt = new AtomicInteger(Integer.MAX_VALUE);
      DatasetException[] errors = new DatasetException[n];
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        futures.add(
            pool.submit(
                () -> {
                  int i;
                  while ((i = next.getAndIncrement()) < n && i < failedAt.get()) {
                    try {
                      task.run(i);
                    } catch (DatasetException e) {
                      errors[i] = e;
                      failedAt.accumulateAndGet(i, Math::min);
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
      int first = failedAt.get();
      if (first != Integer.MAX_VALUE) {
        throw errors[first];
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("dataset import interrupted", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(cause);
    } finally {
      pool.shutdownNow();
    }
  }

  private static String relative(Path root, Path f) {
    return root.relativize(f).toString().replace(java.io.File.separatorChar, '/');
  }

  private static DatasetException unreadable(Path p, IOException e) {
    return new DatasetException(
        Reason.UNREADABLE, String.valueOf(p.getFileName()), "cannot read: " + e.getMessage(), e);
  }

  private static DatasetException tooManyBytes(String file, long limit) {
    return new DatasetException(
        Reason.TOO_MANY_BYTES, file, "the dataset is larger than the limit of " + limit + " bytes");
  }

  private DatasetException tooManyEntries() {
    return new DatasetException(
        Reason.TOO_MANY_ENTRIES,
        null,
        "the dataset has more than the limit of " + options.maxEntries() + " files and folders");
  }
}
