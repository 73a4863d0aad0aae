package io.visiongrade.lms.application;

import io.visiongrade.engine.model.ImageClassifier;
import io.visiongrade.engine.model.ModelFormatException;
import io.visiongrade.engine.spec.CnnSpec;
import io.visiongrade.engine.spec.Presets;
import io.visiongrade.engine.spec.SpecException;
import io.visiongrade.engine.spec.SpecJson;
import io.visiongrade.engine.spec.SpecLimits;
import io.visiongrade.lms.domain.DomainException;
import io.visiongrade.lms.domain.answer.ImageAnswerRepository;
import io.visiongrade.lms.domain.coursemodel.CourseModel;
import io.visiongrade.lms.domain.coursemodel.CourseModelRepository;
import io.visiongrade.lms.domain.dataset.Dataset;
import io.visiongrade.lms.domain.job.JobFinished;
import io.visiongrade.lms.domain.job.JobLane;
import io.visiongrade.lms.domain.job.JobOwner;
import io.visiongrade.lms.domain.job.JobRequest;
import io.visiongrade.lms.domain.job.JobState;
import io.visiongrade.lms.domain.job.JobView;
import io.visiongrade.lms.infrastructure.lti.LaunchSession;
import io.visiongrade.lms.infrastructure.storage.ContentStore;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Course models (see {@code docs/image-answers.md}): a teacher trains versions of the course's
 * classifier on a course dataset (a {@code TRAIN_COURSE_MODEL} job, {@link
 * TrainCourseModelHandler}), reads their metrics, and promotes one; image answers are classified
 * with the promoted version, loaded once and kept in a small cache ({@link #classifier}).
 */
@ApplicationScoped
public class CourseModels {

  private static final Logger LOG = Logger.getLogger(CourseModels.class);

  /** The job kind of a course model's training. */
  public static final String JOB_KIND = "TRAIN_COURSE_MODEL";

  /** The preset a training without a spec uses (sized to the dataset's images). */
  public static final String DEFAULT_PRESET = "seed-cnn";

  /** How the caller's course is found (the course catalog in the server, a fake in tests). */
  public interface Courses {
    long courseIdOf(LaunchSession session);
  }

  /** A course model and what training it needs, for the job. */
  public record Training(CourseModel model, CnnSpec spec) {}

  @Inject CourseCatalog catalog;
  @Inject CourseModelRepository models;
  @Inject DatasetLibrary datasets;
  @Inject JobQueue jobs;
  @Inject ContentStore store;
  @Inject ImageAnswerRepository answers;

  @Inject
  @ConfigProperty(name = "visiongrade.course-models.cache-size", defaultValue = "4")
  int cacheSize;

  private Courses courses;
  private ClassifierCache cache;
  Clock clock = Clock.systemUTC();

  /** For CDI. */
  protected CourseModels() {}

  /** Outside a container (tests). */
  public CourseModels(
      Courses courses,
      CourseModelRepository models,
      DatasetLibrary datasets,
      JobQueue jobs,
      ContentStore store,
      int cacheSize,
      Clock clock) {
    this(courses, models, datasets, jobs, store, null, cacheSize, clock);
  }

  /** Outside a container (tests), with the reviewed training images. */
  public CourseModels(
      Courses courses,
      CourseModelRepository models,
      DatasetLibrary datasets,
      JobQueue jobs,
      ContentStore store,
      ImageAnswerRepository answers,
      int cacheSize,
      Clock clock) {
    this.answers = answers;
    this.courses = Objects.requireNonNull(courses, "courses");
    this.models = Objects.requireNonNull(models, "models");
    this.datasets = Objects.requireNonNull(datasets, "datasets");
    this.jobs = Objects.requireNonNull(jobs, "jobs");
    this.store = Objects.requireNonNull(store, "store");
    this.cacheSize = cacheSize;
    this.clock = Objects.requireNonNull(clock, "clock");
    this.cache = new ClassifierCache(Math.max(1, cacheSize));
  }

  @PostConstruct
  void init() {
    courses = session -> catalog.courseOf(session).getId();
    cache = new ClassifierCache(Math.max(1, cacheSize));
  }

  @PreDestroy
  void close() {
    cache.clear();
  }

  // ---------------------------------------------------------------- what a teacher does

  /**
   * A teacher trains a new version of the course model on one of the course's datasets, with a spec
   * (JSON), a preset name, or nothing (the {@value #DEFAULT_PRESET} preset); a preset's input is
   * sized to the dataset's images, a spec's must match them. The version and its training job (lane
   * TRAINING, teacher priority) commit together.
   *
   * @throws DomainException.Forbidden not a teacher
   * @throws DomainException.NotFound no such dataset in the course
   * @throws DomainException.Invalid the spec is refused (the message lists every problem)
   */
  @Transactional
  public CourseModel train(LaunchSession session, long datasetId, String specJsonOrPreset) {
    String teacher = requireTeacher(session);
    Dataset dataset = datasets.get(session, datasetId);
    CnnSpec spec = specFor(specJsonOrPreset, dataset);
    long courseId = courses.courseIdOf(session);
    CourseModel m =
        models.add(
            CourseModel.training(
                courseId,
                models.nextVersion(courseId),
                dataset.requireId(),
                dataset.contentHash(),
                dataset.splitSeed(),
                SpecJson.toJson(spec),
                teacher,
                clock.instant()));
    JobView job =
        jobs.submit(
            JobRequest.of(
                JOB_KIND,
                JobLane.TRAINING,
                courseId,
                JobOwner.teacher(teacher),
                String.valueOf(m.requireId())));
    CourseModel queued = models.update(m.queued(job.id()));
    LOG.infof(
        "Course model %d (version %d of course %d) queued as job %d",
        queued.requireId(), queued.version(), courseId, job.id());
    return queued;
  }

  /**
   * A teacher trains a new version on the next version of a course dataset that adds the reviewed
   * answer images kept for training ({@link DatasetLibrary#withReviewedImages}); the version
   * records the new dataset's id and content hash. The dataset, the version and its job commit
   * together.
   *
   * @throws DomainException.Forbidden not a teacher
   * @throws DomainException.NotFound no such dataset in the course
   * @throws DomainException.Conflict no reviewed image was added since the dataset was made
   * @throws DomainException.Invalid the spec or the combined dataset is refused
   */
  @Transactional
  public CourseModel trainWithReviewedImages(
      LaunchSession session, long datasetId, String specJsonOrPreset) {
    requireTeacher(session);
    if (answers == null) {
      throw new IllegalStateException("No image-answer repository here");
    }
    long courseId = courses.courseIdOf(session);
    Dataset extended =
        datasets.withReviewedImages(session, datasetId, answers.trainingImages(courseId));
    return train(session, extended.requireId(), specJsonOrPreset);
  }

  /** The course's model versions, newest first (teachers only). */
  @Transactional
  public List<CourseModel> list(LaunchSession session) {
    requireTeacher(session);
    return models.forCourse(courses.courseIdOf(session));
  }

  /**
   * One version of the course's model (teachers only).
   *
   * @throws DomainException.NotFound not a version of this course
   */
  @Transactional
  public CourseModel get(LaunchSession session, long id) {
    requireTeacher(session);
    return inCourse(courses.courseIdOf(session), id);
  }

  /**
   * A teacher promotes a READY version: image answers are classified with it from now on (the
   * previously promoted one, if any, is not any more).
   *
   * @throws DomainException.NotFound not a version of this course
   * @throws DomainException.Conflict not READY
   */
  @Transactional
  public CourseModel promote(LaunchSession session, long id) {
    requireTeacher(session);
    long courseId = courses.courseIdOf(session);
    CourseModel m = inCourse(courseId, id);
    m.checkPromotable();
    models.promote(courseId, id);
    LOG.infof("Course model %d (version %d) promoted in course %d", id, m.version(), courseId);
    return models.find(id).orElseThrow();
  }

  /** A version by id (for use cases that hold a checked id, such as an answer's model). */
  @Transactional
  public Optional<CourseModel> find(long id) {
    return models.find(id);
  }

  /** The promoted version of a course, if any. */
  @Transactional
  public Optional<CourseModel> promoted(long courseId) {
    return models.promoted(courseId);
  }

  // ---------------------------------------------------------------- what the training job does

  /** The training starts; empty when the version is gone or no longer TRAINING. */
  @Transactional
  public Optional<Training> startTraining(long id) {
    return models
        .find(id)
        .filter(m -> m.state() == CourseModel.State.TRAINING)
        .map(
            m -> {
              try {
                return new Training(m, SpecJson.parse(m.specJson(), SpecLimits.DEFAULTS));
              } catch (SpecException e) {
                throw new IllegalStateException(
                    "Stored spec of course model " + id + " no longer parses: " + e.getMessage(),
                    e);
              }
            });
  }

  /** Records a trained version: its metrics and its saved model directory (zipped, stored). */
  @Transactional
  public CourseModel recordReady(long id, String metricsJson, Path modelDir) {
    CourseModel m =
        models.find(id).orElseThrow(() -> new DomainException.NotFound("Course model", id));
    Path zip = store.scratchDir().resolve("model.zip");
    try {
      zipDir(modelDir, zip);
      String sha = store.putFile(zip).sha256();
      return models.update(m.ready(metricsJson, sha, clock.instant()));
    } catch (IOException e) {
      throw new DomainException.Unavailable("Could not store course model " + id + ": " + e, e);
    } finally {
      deleteTree(zip.getParent());
    }
  }

  /** A training job ended failed or cancelled (observed in the server): the version FAILED. */
  @Transactional
  public void jobFinished(@Observes JobFinished event) {
    JobView job = event.job();
    if (!JOB_KIND.equals(job.kind())
        || (job.state() != JobState.FAILED && job.state() != JobState.CANCELLED)) {
      return;
    }
    models
        .findByJob(job.id())
        .filter(m -> m.state() == CourseModel.State.TRAINING)
        .ifPresent(
            m ->
                models.update(
                    m.failed(
                        job.message()
                            .orElse(
                                job.state() == JobState.CANCELLED
                                    ? "Cancelled."
                                    : "Training failed."),
                        clock.instant())));
  }

  // ---------------------------------------------------------------- the fast path

  /**
   * Runs {@code work} with the classifier of a READY version, loaded from the content store once
   * and kept in a bounded cache; an evicted classifier is closed when its last user is done.
   */
  public <T> T withClassifier(CourseModel m, ClassifierWork<T> work) throws Exception {
    if (m.state() != CourseModel.State.READY) {
      throw new DomainException.Conflict("Course model " + m.id() + " is " + m.state());
    }
    ClassifierCache.Entry e = cache.acquire(m.requireId(), () -> load(m));
    try {
      return work.run(e.classifier);
    } finally {
      cache.release(e);
    }
  }

  /** Work with a classifier. */
  @FunctionalInterface
  public interface ClassifierWork<T> {
    T run(ImageClassifier classifier) throws Exception;
  }

  private ImageClassifier load(CourseModel m) {
    Path dir = store.scratchDir();
    try {
      unzip(store.file(m.artifactSha256()), dir);
      return ImageClassifier.load(dir);
    } catch (IOException | ModelFormatException e) {
      throw new IllegalStateException(
          "Stored course model " + m.id() + " cannot be loaded: " + e.getMessage(), e);
    } finally {
      deleteTree(dir);
    }
  }

  // ---------------------------------------------------------------- helpers

  /**
   * The spec of a training: a preset (by name, or the default for blank) sized to the dataset, or a
   * teacher's JSON whose input must be the dataset's images; checked for its classes.
   *
   * @throws DomainException.Invalid listing every problem
   */
  static CnnSpec specFor(String specJsonOrPreset, Dataset d) {
    String text = specJsonOrPreset == null ? "" : specJsonOrPreset.strip();
    try {
      CnnSpec spec;
      if (text.isEmpty() || Presets.NAMES.contains(text)) {
        spec =
            Presets.get(text.isEmpty() ? DEFAULT_PRESET : text).toBuilder()
                .setInput(d.width(), d.height(), d.channels())
                .build();
      } else {
        spec = SpecJson.parse(text, SpecLimits.DEFAULTS);
        var in = spec.input();
        if (in.width() != d.width() || in.height() != d.height() || in.channels() != d.channels()) {
          throw new SpecException(
              "input: the dataset's images are "
                  + d.width()
                  + "x"
                  + d.height()
                  + "x"
                  + d.channels()
                  + " (width x height x channels), the spec says "
                  + in.width()
                  + "x"
                  + in.height()
                  + "x"
                  + in.channels());
        }
      }
      spec.summarize(d.classes().size(), SpecLimits.DEFAULTS);
      return spec;
    } catch (SpecException e) {
      throw new DomainException.Invalid(
          "The network is not valid: " + String.join("; ", e.problems()), e);
    }
  }

  private CourseModel inCourse(long courseId, long id) {
    return models
        .find(id)
        .filter(m -> m.courseId() == courseId)
        .orElseThrow(() -> new DomainException.NotFound("Course model", id));
  }

  private static String requireTeacher(LaunchSession session) {
    if (!session.isTeacher()) {
      throw new DomainException.Forbidden("Only the course's teachers can manage course models");
    }
    return session
        .userId()
        .orElseThrow(
            () -> new DomainException.Forbidden("This launch carries no user; launch again"));
  }

  /** Zips the files of a flat directory (a saved model). */
  static void zipDir(Path dir, Path zip) throws IOException {
    try (OutputStream out = Files.newOutputStream(zip);
        ZipOutputStream z = new ZipOutputStream(out);
        Stream<Path> files = Files.list(dir)) {
      for (Path f : files.sorted().toList()) {
        if (Files.isRegularFile(f)) {
          z.putNextEntry(new ZipEntry(f.getFileName().toString()));
          Files.copy(f, z);
          z.closeEntry();
        }
      }
    }
  }

  /** Unzips a flat zip written by {@link #zipDir}; entries with a path are refused. */
  static void unzip(Path zip, Path dir) throws IOException {
    try (InputStream in = Files.newInputStream(zip);
        ZipInputStream z = new ZipInputStream(in)) {
      for (ZipEntry e = z.getNextEntry(); e != null; e = z.getNextEntry()) {
        String name = e.getName();
        if (e.isDirectory() || name.contains("/") || name.contains("\\") || name.startsWith(".")) {
          throw new IOException("unexpected entry in a course model: " + name);
        }
        Files.copy(z, dir.resolve(name));
      }
    }
  }

  private static void deleteTree(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      LOG.debugf("Could not delete %s: %s", dir, e);
    }
  }

  /** Loaded classifiers by course model id, least recently used evicted first. */
  static final class ClassifierCache {
    static final class Entry {
      final long id;
      final ImageClassifier classifier;
      int users;
      boolean evicted;

      Entry(long id, ImageClassifier classifier) {
        this.id = id;
        this.classifier = classifier;
      }
    }

    private final int capacity;
    private final Map<Long, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);

    ClassifierCache(int capacity) {
      this.capacity = capacity;
    }

    /** The entry of {@code id} (loaded when missing), with one more user. */
    Entry acquire(long id, java.util.function.Supplier<ImageClassifier> loader) {
      synchronized (this) {
        Entry e = entries.get(id);
        if (e != null) {
          e.users++;
          return e;
        }
      }
      ImageClassifier loaded = loader.get(); // outside the lock: loading takes a while
      synchronized (this) {
        Entry e = entries.get(id);
        if (e != null) {
          loaded.close(); // another caller loaded it meanwhile
          e.users++;
          return e;
        }
        e = new Entry(id, loaded);
        e.users = 1;
        entries.put(id, e);
        while (entries.size() > capacity) {
          var eldest = entries.entrySet().iterator().next().getValue();
          entries.remove(eldest.id);
          eldest.evicted = true;
          if (eldest.users == 0) {
            eldest.classifier.close();
          }
        }
        return e;
      }
    }

    synchronized void release(Entry e) {
      e.users--;
      if (e.evicted && e.users == 0) {
        e.classifier.close();
      }
    }

    synchronized int size() {
      return entries.size();
    }

    synchronized boolean contains(long id) {
      return entries.containsKey(id);
    }

    synchronized void clear() {
      for (Entry e : entries.values()) {
        e.evicted = true;
        if (e.users == 0) {
          e.classifier.close();
        }
      }
      entries.clear();
    }
  }
}
