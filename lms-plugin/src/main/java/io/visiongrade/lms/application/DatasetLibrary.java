package io.visiongrade.lms.application;

import io.visiongrade.engine.data.DatasetException;
import io.visiongrade.engine.data.DatasetSplits;
import io.visiongrade.engine.data.DatasetSplitter;
import io.visiongrade.engine.data.DatasetWriter;
import io.visiongrade.engine.data.ImportOptions;
import io.visiongrade.engine.data.LabeledImages;
import io.visiongrade.engine.data.SyntheticShapes;
import io.visiongrade.lms.domain.DomainException;
import io.visiongrade.lms.domain.answer.TrainingImage;
import io.visiongrade.lms.domain.course.CourseRepository;
import io.visiongrade.lms.domain.course.Exercise;
import io.visiongrade.lms.domain.dataset.Dataset;
import io.visiongrade.lms.domain.dataset.DatasetClass;
import io.visiongrade.lms.domain.dataset.DatasetRepository;
import io.visiongrade.lms.domain.dataset.SplitFractions;
import io.visiongrade.lms.domain.privacy.Pseudonyms;
import io.visiongrade.lms.infrastructure.config.DatasetSettings;
import io.visiongrade.lms.infrastructure.config.Settings;
import io.visiongrade.lms.infrastructure.lti.LaunchSession;
import io.visiongrade.lms.infrastructure.storage.ContentStore;
import io.visiongrade.lms.infrastructure.storage.StoredContent;
import io.visiongrade.lms.infrastructure.storage.Upload;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.jboss.logging.Logger;

/**
 * A course's datasets: teachers upload them (imported and validated by model-engine, stored in the
 * content store, versioned by name), list them and look at a few of their images; the grading
 * pipeline loads them split for a seed.
 *
 * <p>Every look-up from a session is scoped to the session's course: another course's dataset is
 * "not found". Uploads and thumbnails are for teachers only; students never see a dataset.
 */
@ApplicationScoped
public class DatasetLibrary {

  private static final Logger LOG = Logger.getLogger(DatasetLibrary.class);

  /** The name of the built-in demo dataset. */
  public static final String DEMO_SHAPES = "demo shapes";

  /** Default target size and channels of a zip of class folders. */
  public static final int DEFAULT_SIZE = 32;

  public static final int DEFAULT_CHANNELS = 3;

  /** Default target size and channels of IDX data (MNIST-like: 28x28 grayscale). */
  public static final int DEFAULT_IDX_SIZE = 28;

  /**
   * How the caller's course and the seeds of its exercises are found (the course catalog in the
   * server, a fake in tests).
   */
  public interface CourseScope {
    /** The id of the session's course. */
    long courseIdOf(LaunchSession session);

    /** The split seeds of every exercise that uses a dataset. */
    Set<Long> splitSeedsUsing(long datasetId);
  }

  /**
   * What a teacher chooses for an upload; null fields take the defaults.
   *
   * @param width target width (default 32, or 28 for IDX), at most {@code
   *     visiongrade.dataset.max-image-size}
   * @param height target height (default: the width)
   * @param channels 1 or 3 (default 3, or 1 for IDX)
   * @param splitSeed the split seed (default 0)
   * @param fractions train / validation / test fractions (default 0.7 / 0.15 / 0.15)
   * @param fileName the uploaded file's name, only to name it in messages
   */
  public record UploadOptions(
      Integer width,
      Integer height,
      Integer channels,
      Long splitSeed,
      SplitFractions fractions,
      String fileName) {

    /** All defaults. */
    public static final UploadOptions DEFAULTS =
        new UploadOptions(null, null, null, null, null, null);
  }

  /**
   * A dataset imported and split for a seed.
   *
   * @param dataset the dataset's record
   * @param seed the split seed
   * @param splits train, validation and test sets
   */
  public record Loaded(Dataset dataset, long seed, DatasetSplits splits) {
    long bytes() {
      return (long) splits.train().pixels().length
          + splits.validation().pixels().length
          + splits.test().pixels().length;
    }
  }

  /** A few PNG images of one class, from the training and validation sets only. */
  public record ClassThumbnails(int classIndex, String className, List<byte[]> pngs) {}

  @Inject CourseCatalog catalog;
  @Inject CourseRepository courses;
  @Inject DatasetRepository datasets;
  @Inject ContentStore store;
  @Inject Settings settings;

  private CourseScope scope;
  private DatasetSettings limits;
  private Clock clock;
  private final ReentrantLock importLock = new ReentrantLock();
  private final Map<Key, Loaded> cache = new LinkedHashMap<>(16, 0.75f, true);
  private final Map<ThumbKey, List<ClassThumbnails>> thumbnails =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ThumbKey, List<ClassThumbnails>> e) {
          return size() > 8;
        }
      };

  private record Key(long datasetId, long seed) {}

  private record ThumbKey(long datasetId, Set<Long> seeds) {}

  /** For CDI. */
  protected DatasetLibrary() {}

  /** Outside a container (tests). */
  public DatasetLibrary(
      CourseScope scope,
      DatasetRepository datasets,
      ContentStore store,
      DatasetSettings limits,
      Clock clock) {
    this.scope = Objects.requireNonNull(scope, "scope");
    this.datasets = Objects.requireNonNull(datasets, "datasets");
    this.store = Objects.requireNonNull(store, "store");
    this.limits = Objects.requireNonNull(limits, "limits");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @PostConstruct
  void init() {
    limits = settings.dataset();
    clock = Clock.systemUTC();
    scope =
        new CourseScope() {
          @Override
          public long courseIdOf(LaunchSession session) {
            return catalog.courseOf(session).getId();
          }

          @Override
          public Set<Long> splitSeedsUsing(long datasetId) {
            return courses.splitSeedsUsing(datasetId);
          }
        };
  }

  /** The upload limits and defaults in force. */
  public DatasetSettings limits() {
    return limits;
  }

  /**
   * Checks that the caller may upload, before anything is read.
   *
   * @throws DomainException.Forbidden not a teacher
   */
  public void checkCanUpload(LaunchSession session) {
    requireTeacher(session, "upload datasets");
  }

  /**
   * A teacher uploads a dataset: a zip of class folders, or a zip holding one IDX pair. It is
   * imported with the configured limits; if it is valid it becomes the next version of {@code name}
   * in the course and the upload is kept in the content store.
   *
   * @param upload the received file (closed by the caller; kept here when valid)
   * @throws DomainException.Forbidden not a teacher
   * @throws DomainException.Invalid a bad name or option, or the engine refused the content (the
   *     message names the file and the reason)
   */
  public Dataset upload(LaunchSession session, String name, Upload upload, UploadOptions options) {
    requireTeacher(session, "upload datasets");
    String checkedName = Dataset.checkName(name);
    long courseId = scope.courseIdOf(session);
    String display = displayName(options.fileName(), "the upload");
    try {
      if (!DatasetFiles.isZip(upload.file())) {
        throw new DomainException.Invalid(
            display
                + ": not a zip archive; upload a zip of class folders (cat/001.png, dog/002.png,"
                + " ...), a zip of an IDX pair, or the two IDX files together");
      }
    } catch (IOException e) {
      throw new DomainException.Unavailable("Could not read the upload: " + e.getMessage(), e);
    }
    return importAndKeep(session, courseId, checkedName, upload, options, display);
  }

  /**
   * A teacher uploads an IDX pair as two files (images and labels); they are packed into one zip,
   * which is what is stored.
   *
   * @see #upload
   */
  public Dataset uploadIdxPair(
      LaunchSession session, String name, Upload images, Upload labels, UploadOptions options) {
    requireTeacher(session, "upload datasets");
    String checkedName = Dataset.checkName(name);
    long courseId = scope.courseIdOf(session);
    Path scratch = store.scratchDir();
    try {
      for (Upload u : List.of(images, labels)) {
        if (!DatasetFiles.looksLikeIdx(u.file())) {
          throw new DomainException.Invalid(
              (u == images ? "the images file" : "the labels file")
                  + ": not an IDX file (expected *-images-idx3-ubyte and *-labels-idx1-ubyte,"
                  + " gzipped or not)");
        }
      }
      Path zip = scratch.resolve("idx.zip");
      try (OutputStream out = Files.newOutputStream(zip)) {
        DatasetFiles.packIdxPair(images.file(), labels.file(), out);
      }
      if (Files.size(zip) > limits.maxUploadBytes()) {
        throw new DomainException.TooLarge(
            "The IDX files are larger than the limit of " + limits.maxUploadBytes() + " bytes",
            limits.maxUploadBytes());
      }
      try (var in = Files.newInputStream(zip);
          Upload packed = store.receive(in, limits.maxUploadBytes())) {
        return importAndKeep(session, courseId, checkedName, packed, options, "the IDX files");
      }
    } catch (IOException e) {
      throw new DomainException.Unavailable("Could not pack the IDX files: " + e.getMessage(), e);
    } finally {
      DatasetFiles.deleteTree(scratch);
    }
  }

  private Dataset importAndKeep(
      LaunchSession session,
      long courseId,
      String name,
      Upload upload,
      UploadOptions options,
      String display) {
    SplitFractions fractions =
        options.fractions() == null ? SplitFractions.DEFAULT : options.fractions();
    long seed = options.splitSeed() == null ? 0 : options.splitSeed();
    Path scratch = store.scratchDir();
    DatasetFiles.Imported imported;
    try {
      boolean idx = DatasetFiles.isIdxZip(upload.file());
      int width = size("width", options.width(), idx ? DEFAULT_IDX_SIZE : DEFAULT_SIZE);
      int height = size("height", options.height(), width);
      int channels = options.channels() == null ? (idx ? 1 : DEFAULT_CHANNELS) : options.channels();
      if (channels != 1 && channels != 3) {
        throw new DomainException.Invalid(
            "channels must be 1 (grayscale) or 3 (RGB), got " + channels);
      }
      ImportOptions importOptions = limits.importOptions(width, height, channels);
      imported = DatasetFiles.importZip(upload.file(), importOptions, scratch, display);
    } catch (DatasetException e) {
      throw new DomainException.Invalid("The dataset was refused: " + e.getMessage(), e);
    } finally {
      DatasetFiles.deleteTree(scratch);
    }
    LabeledImages images = imported.images();
    DatasetSplits splits = splitter(fractions).split(images, seed);
    StoredContent artifact = store.keep(upload);
    Dataset stored =
        datasets.add(
            new Dataset(
                null,
                courseId,
                name,
                1,
                images.contentHash(),
                artifact.sha256(),
                artifact.size(),
                imported.format(),
                images.width(),
                images.height(),
                images.channels(),
                classes(images),
                seed,
                fractions,
                session.userId().orElse(null),
                clock.instant()));
    LOG.infof(
        "Dataset %s uploaded by %s: %d images, %d classes, %dx%dx%d",
        stored,
        Pseudonyms.log(session.userId().orElse(null)),
        images.size(),
        images.numClasses(),
        images.width(),
        images.height(),
        images.channels());
    remember(new Loaded(stored, seed, splits));
    return stored;
  }

  /**
   * A teacher builds the next version of a course dataset: its images plus the reviewed answer
   * images added to the training data since it was made (teachers chose "add to training data" in
   * the review queue), each in the class it was labelled with (a class the dataset does not have
   * becomes a new class). The result is imported like an upload (resized to the dataset's shape,
   * content-hashed) and kept as the next version of the dataset's name, with its split seed and
   * fractions; its content hash differs from the base's, and models trained on it record it.
   *
   * <p>Only images added after {@code base} was made are taken, so extending an extended version
   * adds each image once.
   *
   * @param reviewed the course's training images (oldest first)
   * @throws DomainException.Forbidden not a teacher
   * @throws DomainException.NotFound no such dataset in the course
   * @throws DomainException.Conflict no reviewed image was added since the dataset was made
   * @throws DomainException.Invalid the combined dataset breaks a limit (the message says which)
   */
  public Dataset withReviewedImages(
      LaunchSession session, long datasetId, List<TrainingImage> reviewed) {
    requireTeacher(session, "build datasets");
    Dataset base = find(session, datasetId);
    List<TrainingImage> fresh =
        reviewed.stream()
            .filter(t -> t.courseId() == base.courseId() && t.addedAt().isAfter(base.createdAt()))
            .toList();
    if (fresh.isEmpty()) {
      throw new DomainException.Conflict(
          "No reviewed answer images were added to the training data since "
              + base.name()
              + " v"
              + base.version()
              + " was made; in the review queue, decide answers with \"add to training data\""
              + " first");
    }
    LabeledImages images = importStored(base);
    List<String> classes = new ArrayList<>(images.classNames());
    for (TrainingImage t : fresh) {
      if (!classes.contains(t.className())) {
        classes.add(t.className());
      }
    }
    Path scratch = store.scratchDir();
    try {
      Path zip = scratch.resolve("dataset.zip");
      try (OutputStream out = Files.newOutputStream(zip);
          ZipOutputStream zos = new ZipOutputStream(out)) {
        StringBuilder labels = new StringBuilder();
        for (int c = 0; c < classes.size(); c++) {
          labels.append(classFolder(c)).append('=').append(classes.get(c)).append('\n');
        }
        zos.putNextEntry(new ZipEntry("labels.txt"));
        zos.write(labels.toString().getBytes(StandardCharsets.UTF_8));
        zos.closeEntry();
        for (int i = 0; i < images.size(); i++) {
          zos.putNextEntry(
              new ZipEntry(
                  classFolder(images.label(i)) + "/" + String.format(Locale.ROOT, "%07d.png", i)));
          zos.write(DatasetWriter.png(images, i));
          zos.closeEntry();
        }
        for (TrainingImage t : fresh) {
          byte[] data = Files.readAllBytes(store.file(t.imageSha256()));
          zos.putNextEntry(
              new ZipEntry(
                  classFolder(classes.indexOf(t.className()))
                      + "/review-"
                      + t.answerId()
                      + (isPng(data) ? ".png" : ".jpg")));
          zos.write(data);
          zos.closeEntry();
        }
      }
      try (InputStream in = Files.newInputStream(zip);
          Upload combined = store.receive(in, Math.max(limits.maxUploadBytes(), Files.size(zip)))) {
        Dataset next =
            importAndKeep(
                session,
                base.courseId(),
                base.name(),
                combined,
                new UploadOptions(
                    base.width(),
                    base.height(),
                    base.channels(),
                    base.splitSeed(),
                    base.fractions(),
                    base.name() + " with reviewed images"),
                base.name() + " with " + fresh.size() + " reviewed images");
        LOG.infof(
            "Dataset %s built from %s and %d reviewed answer images", next, base, fresh.size());
        return next;
      }
    } catch (IOException e) {
      throw new DomainException.Unavailable(
          "Could not build the dataset with reviewed images: " + e.getMessage(), e);
    } finally {
      DatasetFiles.deleteTree(scratch);
    }
  }

  /** Class folders that sort in class order (the importer orders classes by folder name). */
  private static String classFolder(int classIndex) {
    return String.format(Locale.ROOT, "c%04d", classIndex);
  }

  private static boolean isPng(byte[] data) {
    return data.length >= 4
        && (data[0] & 0xff) == 0x89
        && data[1] == 'P'
        && data[2] == 'N'
        && data[3] == 'G';
  }

  private int size(String field, Integer value, int dflt) {
    int v = value == null ? dflt : value;
    if (v < 8 || v > limits.maxImageSize()) {
      throw new DomainException.Invalid(
          field + " must be between 8 and " + limits.maxImageSize() + " pixels, got " + v);
    }
    return v;
  }

  /** The course's datasets, by name then version (teachers only). */
  public List<Dataset> list(LaunchSession session) {
    requireTeacher(session, "see the course's datasets");
    return datasets.list(scope.courseIdOf(session));
  }

  /**
   * A dataset of the caller's course (teachers only).
   *
   * @throws DomainException.NotFound no such dataset in this course
   */
  public Dataset get(LaunchSession session, long datasetId) {
    requireTeacher(session, "see the course's datasets");
    return find(session, datasetId);
  }

  /**
   * A dataset's record, looked up in the caller's course whatever the caller's role: for use cases
   * that show students what their exercise needs (class names, input shape), never images.
   *
   * @throws DomainException.NotFound no such dataset in this course
   */
  public Dataset find(LaunchSession session, long datasetId) {
    return datasets
        .find(scope.courseIdOf(session), datasetId)
        .orElseThrow(() -> new DomainException.NotFound("Dataset", datasetId));
  }

  /**
   * Loads the dataset of an exercise, split with the exercise's seed: what the grading pipeline
   * trains and evaluates on.
   *
   * @throws DomainException.Conflict the exercise has no dataset yet
   */
  public Loaded load(Exercise exercise) {
    long id =
        exercise
            .datasetId()
            .orElseThrow(
                () ->
                    new DomainException.Conflict(
                        "Exercise "
                            + exercise.getId()
                            + " has no dataset yet; its teacher picks one"));
    return load(id, exercise.splitSeed());
  }

  /** Loads a dataset split with its own seed. */
  public Loaded load(long datasetId) {
    Dataset d =
        datasets
            .findById(datasetId)
            .orElseThrow(() -> new DomainException.NotFound("Dataset", datasetId));
    return load(d, d.splitSeed());
  }

  /**
   * Loads a dataset split for a seed (an exercise's), from memory when it was loaded recently.
   *
   * @throws DomainException.NotFound no such dataset
   * @throws IllegalStateException the stored upload no longer gives the recorded content hash
   */
  public Loaded load(long datasetId, long seed) {
    Dataset d =
        datasets
            .findById(datasetId)
            .orElseThrow(() -> new DomainException.NotFound("Dataset", datasetId));
    return load(d, seed);
  }

  private Loaded load(Dataset d, long seed) {
    Key key = new Key(d.requireId(), seed);
    Loaded hit = cached(key);
    if (hit != null) {
      return hit;
    }
    importLock.lock();
    try {
      hit = cached(key);
      if (hit != null) {
        return hit;
      }
      Loaded loaded = new Loaded(d, seed, splitter(d.fractions()).split(importStored(d), seed));
      remember(loaded);
      return loaded;
    } finally {
      importLock.unlock();
    }
  }

  /** Imports the stored upload again and checks that it still gives the recorded content. */
  private LabeledImages importStored(Dataset d) {
    Path scratch = store.scratchDir();
    try {
      // Generous limits: the dataset passed the limits in force when it was uploaded.
      ImportOptions options =
          ImportOptions.builder()
              .setImageSize(d.width(), d.height())
              .setChannels(d.channels())
              .optMaxImages(Math.max(1, d.imageCount()))
              .optMaxTotalBytes(Math.max(1, d.artifactSize()))
              .optMaxInflatedBytes(
                  Math.max(limits.maxInflatedBytes(), ImportOptions.DEFAULT_MAX_INFLATED_BYTES))
              .optMaxPixelsPerImage(
                  Math.max(limits.maxPixelsPerImage(), ImportOptions.DEFAULT_MAX_PIXELS_PER_IMAGE))
              .optThreads(limits.threads())
              .build();
      LabeledImages images =
          DatasetFiles.importZip(store.file(d.artifactSha256()), options, scratch, d.name())
              .images();
      if (!images.contentHash().equals(d.contentHash())) {
        throw new IllegalStateException(
            d + ": the stored upload now imports to content " + images.contentHash());
      }
      return images;
    } catch (DatasetException e) {
      throw new IllegalStateException(d + ": the stored upload no longer imports: " + e, e);
    } finally {
      DatasetFiles.deleteTree(scratch);
    }
  }

  private Loaded cached(Key key) {
    synchronized (cache) {
      return cache.get(key);
    }
  }

  private void remember(Loaded loaded) {
    long budget = limits.cacheMaxBytes();
    if (loaded.bytes() > budget) {
      return;
    }
    synchronized (cache) {
      cache.put(new Key(loaded.dataset().requireId(), loaded.seed()), loaded);
      long total = cache.values().stream().mapToLong(Loaded::bytes).sum();
      var it = cache.entrySet().iterator();
      while (total > budget && it.hasNext()) {
        total -= it.next().getValue().bytes();
        it.remove();
      }
    }
  }

  /**
   * One thumbnail: the {@code n}-th sample image of a class (teachers only).
   *
   * @throws DomainException.NotFound no such dataset in the course, class or image number
   */
  public byte[] thumbnail(LaunchSession session, long datasetId, int classIndex, int n) {
    List<ClassThumbnails> all =
        sampleThumbnails(session, datasetId, limits.maxThumbnailsPerClass());
    if (classIndex < 0 || classIndex >= all.size()) {
      throw new DomainException.NotFound("Class", classIndex + " of dataset " + datasetId);
    }
    List<byte[]> pngs = all.get(classIndex).pngs();
    if (n < 0 || n >= pngs.size()) {
      throw new DomainException.NotFound("Thumbnail", n + " of class " + classIndex);
    }
    return pngs.get(n);
  }

  /**
   * A few PNG images of every class for the teacher's page: from the training and validation sets
   * only, and never an image that is in the test set for the dataset's seed or for the split seed
   * of any exercise that uses the dataset.
   *
   * @param perClass at most this many per class (capped by {@code
   *     visiongrade.dataset.max-thumbnails-per-class})
   * @throws DomainException.Forbidden not a teacher
   * @throws DomainException.NotFound no such dataset in this course
   */
  public List<ClassThumbnails> sampleThumbnails(
      LaunchSession session, long datasetId, int perClass) {
    requireTeacher(session, "see a dataset's images");
    Dataset d = find(session, datasetId);
    int limit = Math.max(0, Math.min(perClass, limits.maxThumbnailsPerClass()));
    Set<Long> seeds = new TreeSet<>(scope.splitSeedsUsing(datasetId));
    seeds.add(d.splitSeed());
    ThumbKey key = new ThumbKey(datasetId, Set.copyOf(seeds));
    List<ClassThumbnails> full;
    synchronized (thumbnails) {
      full = thumbnails.get(key);
    }
    if (full == null) {
      full = drawThumbnails(d, seeds);
      synchronized (thumbnails) {
        thumbnails.put(key, full);
      }
    }
    List<ClassThumbnails> out = new ArrayList<>();
    for (ClassThumbnails c : full) {
      out.add(
          new ClassThumbnails(
              c.classIndex(),
              c.className(),
              c.pngs().subList(0, Math.min(limit, c.pngs().size()))));
    }
    return out;
  }

  private List<ClassThumbnails> drawThumbnails(Dataset d, Set<Long> seeds) {
    Loaded own = load(d, d.splitSeed());
    Set<String> testIds = new HashSet<>(own.splits().test().ids());
    List<Long> others = seeds.stream().filter(s -> s != d.splitSeed()).toList();
    if (!others.isEmpty()) {
      LabeledImages all = importStored(d);
      DatasetSplitter splitter = splitter(d.fractions());
      for (long s : others) {
        testIds.addAll(splitter.split(all, s).test().ids());
      }
    }
    int max = limits.maxThumbnailsPerClass();
    List<List<byte[]>> byClass = new ArrayList<>();
    for (int c = 0; c < d.classes().size(); c++) {
      byClass.add(new ArrayList<>());
    }
    for (LabeledImages part : List.of(own.splits().train(), own.splits().validation())) {
      for (int i = 0; i < part.size(); i++) {
        List<byte[]> list = byClass.get(part.label(i));
        if (list.size() < max && !testIds.contains(part.id(i))) {
          list.add(DatasetWriter.png(part, i));
        }
      }
    }
    List<ClassThumbnails> out = new ArrayList<>();
    for (int c = 0; c < byClass.size(); c++) {
      out.add(new ClassThumbnails(c, d.classes().get(c).name(), List.copyOf(byClass.get(c))));
    }
    return out;
  }

  /** Images per class of the built-in demo dataset. */
  public static final int DEMO_SHAPES_PER_CLASS = 400;

  /** Width and height, and channels, of the built-in demo dataset's images. */
  public static final int DEMO_SHAPES_SIZE = 32;

  public static final int DEMO_SHAPES_CHANNELS = 1;

  /**
   * The built-in "demo shapes" dataset of a course (circles, squares, stars and triangles, {@value
   * #DEMO_SHAPES_PER_CLASS} each, 32x32 grayscale, drawn by model-engine's {@link SyntheticShapes}
   * like drawings on a canvas: a dark pen of random colour and width on a light background, random
   * size, position, rotation and noise); created on the first call, the same one afterwards. For
   * the demo course's bootstrap.
   */
  public Dataset demoShapes(long courseId) {
    var existing = datasets.latest(courseId, DEMO_SHAPES);
    if (existing.isPresent()) {
      return existing.get();
    }
    SyntheticShapes shapes =
        SyntheticShapes.builder()
            .optKinds(
                SyntheticShapes.Kind.CIRCLE,
                SyntheticShapes.Kind.SQUARE,
                SyntheticShapes.Kind.STAR,
                SyntheticShapes.Kind.TRIANGLE)
            .optCountPerClass(DEMO_SHAPES_PER_CLASS)
            .optSize(DEMO_SHAPES_SIZE)
            .optChannels(DEMO_SHAPES_CHANNELS)
            .optSeed(1)
            .optNoise(0.02)
            .optStyle(SyntheticShapes.Style.DRAWN)
            .build();
    Path scratch = store.scratchDir();
    try {
      Path zip = scratch.resolve("demo-shapes.zip");
      LabeledImages images = shapes.writeZip(zip);
      StoredContent artifact = store.putFile(zip);
      SplitFractions fractions = SplitFractions.DEFAULT;
      Dataset stored =
          datasets.add(
              new Dataset(
                  null,
                  courseId,
                  DEMO_SHAPES,
                  1,
                  images.contentHash(),
                  artifact.sha256(),
                  artifact.size(),
                  Dataset.Format.CLASS_FOLDERS_ZIP,
                  shapes.size(),
                  shapes.size(),
                  shapes.channels(),
                  classes(images),
                  0,
                  fractions,
                  null,
                  clock.instant()));
      remember(new Loaded(stored, 0, splitter(fractions).split(images, 0)));
      return stored;
    } catch (IOException e) {
      throw new DomainException.Unavailable("Could not write the demo dataset: " + e, e);
    } finally {
      DatasetFiles.deleteTree(scratch);
    }
  }

  private static List<DatasetClass> classes(LabeledImages images) {
    int[] counts = new int[images.numClasses()];
    for (int l : images.labels()) {
      counts[l]++;
    }
    List<DatasetClass> out = new ArrayList<>();
    for (int c = 0; c < counts.length; c++) {
      out.add(new DatasetClass(images.classNames().get(c), counts[c]));
    }
    return out;
  }

  private static DatasetSplitter splitter(SplitFractions f) {
    return DatasetSplitter.builder().optFractions(f.train(), f.validation(), f.test()).build();
  }

  private static String displayName(String fileName, String dflt) {
    if (fileName == null || fileName.isBlank()) {
      return dflt;
    }
    String base = fileName.replace('\\', '/');
    base = base.substring(base.lastIndexOf('/') + 1).replaceAll("[^\\p{L}\\p{N} ._()-]", "_");
    return base.isBlank() ? dflt : (base.length() > 100 ? base.substring(0, 100) : base);
  }

  private static void requireTeacher(LaunchSession session, String what) {
    if (!session.isTeacher()) {
      throw new DomainException.Forbidden("Only the course's teachers can " + what);
    }
  }
}
