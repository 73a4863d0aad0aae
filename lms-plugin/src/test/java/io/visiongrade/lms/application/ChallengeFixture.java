package io.visiongrade.lms.application;

import io.visiongrade.engine.data.SyntheticShapes;
import io.visiongrade.lms.domain.DomainException;
import io.visiongrade.lms.domain.course.Course;
import io.visiongrade.lms.domain.course.Exercise;
import io.visiongrade.lms.domain.course.TestCourses;
import io.visiongrade.lms.domain.dataset.Dataset;
import io.visiongrade.lms.domain.grading.InMemoryScoreDeliveryRepository;
import io.visiongrade.lms.domain.job.InMemoryJobRepository;
import io.visiongrade.lms.domain.job.JobContext;
import io.visiongrade.lms.domain.job.JobDispatcher;
import io.visiongrade.lms.domain.job.JobOwner;
import io.visiongrade.lms.domain.job.JobProgress;
import io.visiongrade.lms.domain.job.JobView;
import io.visiongrade.lms.domain.job.ProgressSink;
import io.visiongrade.lms.infrastructure.config.DatasetSettings;
import io.visiongrade.lms.infrastructure.lti.LaunchSession;
import io.visiongrade.lms.infrastructure.persistence.Jdbc;
import io.visiongrade.lms.infrastructure.persistence.JdbcDatasetRepository;
import io.visiongrade.lms.infrastructure.persistence.JdbcGradeRepository;
import io.visiongrade.lms.infrastructure.persistence.JdbcSubmissionRepository;
import io.visiongrade.lms.infrastructure.persistence.JdbcTestImageKeyRepository;
import io.visiongrade.lms.infrastructure.persistence.TestDatabase;
import io.visiongrade.lms.infrastructure.storage.ContentStore;
import io.visiongrade.lms.infrastructure.storage.Upload;
import io.visiongrade.lms.lti.launch.LtiRole;
import io.visiongrade.lms.lti.testing.MutableClock;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;

/**
 * A course with one classifier challenge on a tiny synthetic dataset (3 classes, 12 images each,
 * 16x16 grayscale), H2 with the real migrations, the real content store, an in-memory job queue and
 * score outbox.
 */
final class ChallengeFixture {

  static final Instant T0 = Instant.parse("2026-11-28T12:00:00Z");
  static final URI LINE_ITEM = URI.create("https://lms.example/ags/lineitems/7");
  static final DatasetSettings LIMITS =
      new DatasetSettings(8L << 20, 64L << 20, 500, 64, 1L << 20, 2000, 2, 64L << 20, 4);

  /** A spec that fits the dataset: one small conv layer, one epoch. */
  static final String SPEC =
      "{\"input\": {\"width\": 16, \"height\": 16, \"channels\": 1},"
          + " \"layers\": [ {\"type\": \"conv2d\", \"filters\": 4, \"kernel\": 3,"
          + " \"activation\": \"relu\"}, {\"type\": \"maxpool2d\", \"pool\": 2},"
          + " {\"type\": \"flatten\"}, {\"type\": \"dense\", \"units\": \"classes\"} ],"
          + " \"optimizer\": {\"type\": \"adam\", \"learningRate\": 0.01},"
          + " \"training\": {\"epochs\": 1, \"batchSize\": 8, \"seed\": 1} }";

  final DataSource ds = TestDatabase.migrated();
  final long courseId = TestDatabase.addCourse(ds, "ctx-1");
  final ContentStore store;
  final MutableClock clock = new MutableClock(T0);
  final JdbcDatasetRepository datasetRepo = new JdbcDatasetRepository(ds);
  final JdbcSubmissionRepository submissionRepo = new JdbcSubmissionRepository(ds);
  final JdbcGradeRepository gradeRepo = new JdbcGradeRepository(ds);
  final InMemoryJobRepository jobRepo = new InMemoryJobRepository();
  final List<JobView> dispatched = new ArrayList<>();
  final JobQueue jobs;
  final InMemoryScoreDeliveryRepository deliveries = new InMemoryScoreDeliveryRepository();
  final ScoreOutbox outbox;
  final DatasetLibrary library;
  final Course course = TestCourses.course(courseId, "ctx-1");
  final Exercise exercise;
  final Dataset dataset;
  final ChallengeSubmissions submissions;
  final TestImages testImages;

  ChallengeFixture(Path dir) throws IOException {
    this(dir, 16);
  }

  /** With images of {@code size} x {@code size} pixels. */
  ChallengeFixture(Path dir, int size) throws IOException {
    store = new ContentStore(dir.resolve("storage"));
    jobs =
        new JobQueue(
            jobRepo,
            new JobDispatcher() {
              @Override
              public void submitted(JobView job) {
                dispatched.add(job);
              }

              @Override
              public void cancelRequested(JobView job) {}
            },
            3,
            clock);
    outbox = new ScoreOutbox(deliveries, clock);
    library =
        new DatasetLibrary(
            new DatasetLibrary.CourseScope() {
              @Override
              public long courseIdOf(LaunchSession session) {
                return courseId;
              }

              @Override
              public Set<Long> splitSeedsUsing(long datasetId) {
                return Set.of();
              }
            },
            datasetRepo,
            store,
            LIMITS,
            clock);
    Path zip = dir.resolve("shapes.zip");
    SyntheticShapes.builder()
        .optCountPerClass(12)
        .optSize(size)
        .optChannels(1)
        .optSeed(3)
        .build()
        .writeZip(zip);
    try (InputStream in = Files.newInputStream(zip);
        Upload upload = store.receive(in, 1L << 20)) {
      dataset =
          library.upload(
              teacher(),
              "shapes",
              upload,
              new DatasetLibrary.UploadOptions(size, size, 1, 5L, null, "shapes.zip"));
    }
    Jdbc jdbc = new Jdbc(ds);
    jdbc.update(
        "INSERT INTO exercise (course_id, kind, title, max_score, created_at) VALUES (?, ?, ?, ?,"
            + " ?)",
        courseId,
        "CLASSIFIER_CHALLENGE",
        "Shapes",
        10.0,
        T0);
    long exerciseId =
        jdbc.queryOne("SELECT MAX(id) FROM exercise", rs -> rs.getLong(1), new Object[0])
            .orElseThrow();
    exercise = TestCourses.exercise(exerciseId, course, Exercise.Kind.CLASSIFIER_CHALLENGE);
    exercise.useDataset(dataset, null, null, null, dataset.splitSeed());
    submissions =
        new ChallengeSubmissions(
            exercisesFor(exercise),
            submissionRepo,
            gradeRepo,
            datasetRepo,
            jobs,
            store,
            outbox,
            100_000,
            100_000,
            clock);
    testImages =
        new TestImages(exercisesFor(exercise), library, new JdbcTestImageKeyRepository(ds), clock);
  }

  /** The course's one exercise, as the use cases look it up. */
  ChallengeSubmissions.Exercises exercisesFor(Exercise only) {
    return new ChallengeSubmissions.Exercises() {
      @Override
      public Exercise inCourse(LaunchSession session, long id) {
        if (id != only.getId() || !session.contextId().orElse("").equals("ctx-1")) {
          throw new DomainException.NotFound("Exercise", id);
        }
        return only;
      }

      @Override
      public long courseIdOf(LaunchSession session) {
        return session.contextId().orElse("").equals("ctx-1") ? courseId : -1;
      }

      @Override
      public Exercise byId(long id) {
        return only;
      }
    };
  }

  static LaunchSession teacher() {
    return TestSessions.teacher("ctx-1");
  }

  /** A student whose launch carries the AGS line item. */
  static LaunchSession student(String userId) {
    LaunchSession s = TestSessions.session("ctx-1", userId, LtiRole.STUDENT);
    return new LaunchSession(
        s.platform(),
        s.deploymentId(),
        s.messageType(),
        s.contextId(),
        s.contextTitle(),
        s.userId(),
        s.displayName(),
        s.role(),
        s.resourceLinkId(),
        s.exerciseRef(),
        Optional.of(URI.create("https://lms.example/ags/lineitems")),
        Optional.of(LINE_ITEM),
        Set.of("https://purl.imsglobal.org/spec/lti-ags/scope/score"),
        s.nrpsMemberships(),
        s.deepLinking(),
        s.locale(),
        s.createdAt(),
        s.expiresAt());
  }

  /** A student whose launch granted no grade passback. */
  static LaunchSession studentWithoutAgs(String userId) {
    return TestSessions.session("ctx-1", userId, LtiRole.STUDENT);
  }

  static InputStream body(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * A CSV of the test split under its public ids (the downloaded file names) predicting every
   * image's true label (or class 0 when wrong).
   */
  String csv(boolean correct) {
    var test = testImages.withPublicIds(exercise, library.load(exercise));
    StringBuilder sb = new StringBuilder("id,label\n");
    for (int i = 0; i < test.size(); i++) {
      sb.append(test.id(i)).append(',').append(correct ? test.label(i) : 0).append('\n');
    }
    return sb.toString();
  }

  /** A job context for the handler, recording progress. */
  static class Context implements JobContext {
    final JobView job;
    final List<JobProgress> progress = new ArrayList<>();
    final AtomicBoolean cancelled = new AtomicBoolean();

    Context(JobView job) {
      this.job = job;
    }

    @Override
    public long jobId() {
      return job.id();
    }

    @Override
    public String kind() {
      return job.kind();
    }

    @Override
    public long courseId() {
      return job.courseId();
    }

    @Override
    public JobOwner owner() {
      return job.owner();
    }

    @Override
    public String payload() {
      return job.payload();
    }

    @Override
    public int attempt() {
      return 1;
    }

    @Override
    public ProgressSink progress() {
      return progress::add;
    }

    @Override
    public boolean isCancelled() {
      return cancelled.get();
    }

    @Override
    public Instant deadline() {
      return Instant.now().plusSeconds(3600);
    }
  }
}
