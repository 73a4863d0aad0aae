package io.visiongrade.lms.application;

import static io.visiongrade.lms.application.ChallengeFixture.SPEC;
import static io.visiongrade.lms.application.ChallengeFixture.T0;
import static io.visiongrade.lms.application.ChallengeFixture.student;
import static io.visiongrade.lms.application.ChallengeFixture.teacher;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.visiongrade.engine.data.SyntheticShapes;
import io.visiongrade.lms.domain.DomainException;
import io.visiongrade.lms.domain.answer.ImageAnswer;
import io.visiongrade.lms.domain.answer.Review;
import io.visiongrade.lms.domain.course.Exercise;
import io.visiongrade.lms.domain.course.ImagePrompt;
import io.visiongrade.lms.domain.course.TestCourses;
import io.visiongrade.lms.domain.coursemodel.CourseModel;
import io.visiongrade.lms.domain.grading.DeliveryFilter;
import io.visiongrade.lms.domain.grading.ImageAnswerDecision;
import io.visiongrade.lms.domain.grading.ScoreDeliveryView;
import io.visiongrade.lms.infrastructure.lti.LaunchSession;
import io.visiongrade.lms.infrastructure.persistence.Jdbc;
import io.visiongrade.lms.infrastructure.persistence.JdbcCourseModelRepository;
import io.visiongrade.lms.infrastructure.persistence.JdbcImageAnswerRepository;
import io.visiongrade.lms.lti.registration.RegistrationKey;
import io.visiongrade.lms.lti.services.Score;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Image answers: checks, the fast-path classification, decisions, grades and the outbox. */
class ImageAnswersTest {

  @TempDir Path dir;

  ChallengeFixture f;
  CourseModels models;
  JdbcImageAnswerRepository repo;
  ImageAnswers answers;
  Exercise exercise;
  byte[] triangle;

  @BeforeEach
  void setUp() throws IOException {
    f = new ChallengeFixture(dir);
    models =
        new CourseModels(
            s -> f.courseId,
            new JdbcCourseModelRepository(f.ds),
            f.library,
            f.jobs,
            f.store,
            2,
            f.clock);
    repo = new JdbcImageAnswerRepository(f.ds);
    Jdbc jdbc = new Jdbc(f.ds);
    jdbc.update(
        "INSERT INTO exercise (course_id, kind, title, max_score, created_at) VALUES (?, ?, ?, ?,"
            + " ?)",
        f.courseId,
        "IMAGE_ANSWER",
        "Draw shapes",
        10.0,
        T0);
    long id =
        jdbc.queryOne("SELECT MAX(id) FROM exercise", rs -> rs.getLong(1), new Object[0])
            .orElseThrow();
    exercise = TestCourses.exercise(id, f.course, Exercise.Kind.IMAGE_ANSWER);
    exercise.useDataset(f.dataset, null, null, null, f.dataset.splitSeed());
    exercise.askFor(
        List.of(
            new ImagePrompt("Draw a triangle", "triangle"),
            new ImagePrompt("Draw a circle", "circle")),
        0.8,
        0.3,
        f.dataset);
    answers = new ImageAnswers(exercises(), repo, models, f.store, f.outbox, 100_000, f.clock);
    Path shapes = dir.resolve("shapes");
    SyntheticShapes.builder()
        .optCountPerClass(1)
        .optSize(16)
        .optChannels(1)
        .build()
        .writeDirectory(shapes);
    try (Stream<Path> files = Files.walk(shapes.resolve("triangle"))) {
      triangle = Files.readAllBytes(files.filter(Files::isRegularFile).findFirst().orElseThrow());
    }
  }

  private ChallengeSubmissions.Exercises exercises() {
    return new ChallengeSubmissions.Exercises() {
      @Override
      public Exercise inCourse(LaunchSession session, long exerciseId) {
        if (exerciseId != exercise.getId() || !session.contextId().orElse("").equals("ctx-1")) {
          throw new DomainException.NotFound("Exercise", exerciseId);
        }
        return exercise;
      }

      @Override
      public long courseIdOf(LaunchSession session) {
        return session.contextId().orElse("").equals("ctx-1") ? f.courseId : -1;
      }

      @Override
      public Exercise byId(long exerciseId) {
        return exercise;
      }
    };
  }

  private CourseModel promotedModel() throws Exception {
    CourseModel m = models.train(teacher(), f.dataset.requireId(), SPEC);
    new TrainCourseModelHandler(models, f.library, f.store)
        .run(new ChallengeFixture.Context(f.jobs.get(m.jobId())));
    return models.promote(teacher(), m.requireId());
  }

  private ImageAnswers.Answered answer(String user, int prompt, String type, byte[] body) {
    return answers.answer(
        student(user), exercise.getId(), prompt, type, new ByteArrayInputStream(body));
  }

  private ScoreDeliveryView latest() {
    return scores().stream()
        .max(java.util.Comparator.comparingLong(ScoreDeliveryView::id))
        .orElseThrow();
  }

  private List<ScoreDeliveryView> scores() {
    return f.outbox.deliveries(
        DeliveryFilter.course(new RegistrationKey("https://lms.example", "client-1"), "ctx-1"));
  }

  @Test
  void withoutAPromotedModelAnswersAreRefused() {
    var e =
        assertThrows(DomainException.Conflict.class, () -> answer("s1", 0, "image/png", triangle));
    assertTrue(e.getMessage().contains("has not trained a model yet"), e.getMessage());
  }

  @Test
  void anImageIsClassifiedAtOnceAndItsVerdictStored() throws Exception {
    CourseModel model = promotedModel();
    ImageAnswers.Answered r = answer("s1", 0, "image/png", triangle);
    ImageAnswer a = r.answer();
    assertEquals("triangle", a.expectedClass());
    assertEquals(model.version(), a.modelVersion());
    assertEquals(f.dataset.contentHash(), a.datasetHash());
    assertTrue(f.store.exists(a.imageSha256()));
    assertTrue(a.topClassesJson().startsWith("[{\"class\":"), a.topClassesJson());
    boolean top = a.topClassesJson().startsWith("[{\"class\":\"triangle\"");
    double p = a.expectedProbability();
    switch (a.decision()) {
      case ACCEPTED -> assertTrue(top && p >= 0.8, a.toString());
      case REJECTED -> assertTrue(p < 0.3, a.toString());
      case REVIEW -> assertTrue(p >= 0.3 && !(top && p >= 0.8), a.toString());
    }
    double expectedPoints = a.decision() == ImageAnswerDecision.ACCEPTED ? 5.0 : 0.0;
    assertEquals(expectedPoints, r.grade().points(), 1e-9);
    assertEquals(List.of(a), answers.list(student("s1")));
    assertEquals(a, answers.get(student("s1"), a.requireId()));
    assertThrows(DomainException.NotFound.class, () -> answers.get(student("s2"), a.requireId()));
  }

  @Test
  void theGradeIsTheFractionOfPromptsAcceptedAndAChangeGoesToTheOutbox() throws Exception {
    CourseModel model = promotedModel();
    ImageAnswer accepted = stored("s1", 1, ImageAnswerDecision.ACCEPTED, model);
    var first = answers.regrade(exercise, "s1", f.clock.instant());
    assertEquals(5.0, first.grade().points(), 1e-9);
    assertEquals(1, scores().size());
    assertEquals(5.0, scores().get(0).score().scoreGiven().orElseThrow(), 1e-9);
    // a rejected answer to another prompt changes nothing: nothing sent
    stored("s1", 0, ImageAnswerDecision.REJECTED, model);
    var same = answers.regrade(exercise, "s1", f.clock.instant());
    assertTrue(same.note().contains("unchanged"), same.note());
    assertEquals(1, scores().size());
    // one waiting for review: same points, but the LMS is told the grading is not final
    stored("s1", 0, ImageAnswerDecision.REVIEW, model);
    answers.regrade(exercise, "s1", f.clock.instant());
    assertEquals(2, scores().size());
    assertEquals(Score.GradingProgress.PendingManual, latest().score().gradingProgress());
    // a second accepted answer to the same prompt does not count twice
    stored("s1", 1, ImageAnswerDecision.ACCEPTED, model);
    assertEquals(5.0, answers.regrade(exercise, "s1", f.clock.instant()).grade().points(), 1e-9);
    stored("s1", 0, ImageAnswerDecision.ACCEPTED, model);
    assertEquals(10.0, answers.regrade(exercise, "s1", f.clock.instant()).grade().points(), 1e-9);
    assertEquals(3, scores().size());
    assertEquals(Score.GradingProgress.FullyGraded, latest().score().gradingProgress());
    assertEquals(accepted.lineItemUrl(), ChallengeFixture.LINE_ITEM);
  }

  private ImageAnswer stored(String user, int prompt, ImageAnswerDecision d, CourseModel m) {
    return repo.add(
        new ImageAnswer(
            null,
            exercise.getId(),
            f.courseId,
            user,
            prompt,
            exercise.prompts().get(prompt).expectedClass(),
            "0".repeat(64),
            1,
            "image/png",
            f.clock.instant(),
            m.requireId(),
            m.version(),
            m.datasetHash(),
            m.seed(),
            "[]",
            0.5,
            d,
            ChallengeFixture.LINE_ITEM));
  }

  @Test
  void aLateAcceptedAnswerLosesTheLatePenaltyOnItsPromptsShareAndRescoringFollowsThePolicy()
      throws Exception {
    CourseModel m = promotedModel();
    java.time.Instant due = f.clock.instant().plus(java.time.Duration.ofHours(1));
    exercise.schedule(null, due);
    exercise.setLatePolicy(new io.visiongrade.lms.domain.grading.LatePolicy(10, 50));
    stored("s1", 0, ImageAnswerDecision.ACCEPTED, m);
    f.clock.advance(java.time.Duration.ofHours(2));
    stored("s1", 1, ImageAnswerDecision.REJECTED, m);
    stored("s1", 1, ImageAnswerDecision.ACCEPTED, m);
    ImageAnswers.Regraded r = answers.regrade(exercise, "s1", f.clock.instant());
    assertTrue(r.changed());
    // Prompt 0 on time: 5 points; prompt 1 one started day late: 5 x 90%.
    assertEquals(9.5, r.grade().points(), 1e-9);
    assertEquals(2, r.grade().accepted());
    assertTrue(
        latest().score().comment().orElseThrow().contains("less the late penalty"),
        latest().score().comment().toString());
    // An on-time accepted answer to a prompt keeps its full share, whatever came later.
    stored("s1", 0, ImageAnswerDecision.ACCEPTED, m);
    assertEquals(9.5, answers.regrade(exercise, "s1", f.clock.instant()).grade().points(), 1e-9);

    // The teacher doubles the penalty: re-scoring recomputes, once.
    exercise.setLatePolicy(new io.visiongrade.lms.domain.grading.LatePolicy(20, 50));
    Rescoring rescoring =
        new Rescoring(exercises(), f.submissionRepo, repo, f.submissions, answers, f.jobs, f.clock);
    int before = scores().size();
    assertEquals(List.of("s1"), rescoring.students(exercise.getId()));
    Rescoring.StudentRescored done =
        rescoring.rescoreStudent(
            exercise.getId(), "s1", io.visiongrade.lms.domain.job.JobOwner.teacher("t"));
    assertTrue(done.gradeChanged());
    assertEquals(9.0, answers.grade(exercise.getId(), "s1").orElseThrow().points(), 1e-9);
    assertEquals(before + 1, scores().size());
    assertTrue(
        !rescoring
            .rescoreStudent(
                exercise.getId(), "s1", io.visiongrade.lms.domain.job.JobOwner.teacher("t"))
            .gradeChanged());
    assertEquals(before + 1, scores().size());
  }

  @Test
  void reviewedImagesMakeANewDatasetVersionThatTheNextModelIsTrainedOn() throws Exception {
    CourseModel m = promotedModel();
    String sha;
    try (var upload = f.store.receive(new ByteArrayInputStream(triangle), 100_000)) {
      sha = f.store.keep(upload).sha256();
    }
    f.clock.advance(java.time.Duration.ofMinutes(1));
    ImageAnswer first = repo.add(withImage(stored("s1", 0, ImageAnswerDecision.REVIEW, m), sha));
    ImageAnswer second = repo.add(withImage(stored("s2", 1, ImageAnswerDecision.REVIEW, m), sha));
    repo.addTrainingImage(first, "triangle", "teacher-1", f.clock.instant());
    repo.addTrainingImage(second, "square", "teacher-1", f.clock.instant());

    CourseModels withReviews =
        new CourseModels(
            s -> f.courseId,
            new JdbcCourseModelRepository(f.ds),
            f.library,
            f.jobs,
            f.store,
            repo,
            2,
            f.clock);
    CourseModel v = withReviews.trainWithReviewedImages(teacher(), f.dataset.requireId(), SPEC);
    var extended = f.datasetRepo.findById(v.datasetId()).orElseThrow();
    assertTrue(extended.requireId() != f.dataset.requireId());
    assertEquals(f.dataset.name(), extended.name());
    assertEquals(f.dataset.version() + 1, extended.version());
    assertEquals(f.dataset.imageCount() + 2, extended.imageCount());
    assertEquals(extended.contentHash(), v.datasetHash(), "the model records the new hash");
    assertTrue(!extended.contentHash().equals(f.dataset.contentHash()));
    assertEquals(f.dataset.classNames(), extended.classNames());
    assertEquals(f.dataset.width(), extended.width());
    int triangle = f.dataset.classNames().indexOf("triangle");
    assertEquals(
        f.dataset.classes().get(triangle).imageCount() + 1,
        extended.classes().get(triangle).imageCount());
    // The base images are carried over unchanged: the same pixels as the base's, in their classes.
    var base = f.library.load(f.dataset.requireId()).splits();
    var more = f.library.load(extended.requireId()).splits();
    assertEquals(
        base.train().size() + base.validation().size() + base.test().size() + 2,
        more.train().size() + more.validation().size() + more.test().size());
    new TrainCourseModelHandler(withReviews, f.library, f.store)
        .run(new ChallengeFixture.Context(f.jobs.get(v.jobId())));
    assertEquals(CourseModel.State.READY, withReviews.get(teacher(), v.requireId()).state());

    // Nothing new since the extended version: refused with what to do.
    var none =
        assertThrows(
            DomainException.Conflict.class,
            () -> withReviews.trainWithReviewedImages(teacher(), extended.requireId(), SPEC));
    assertTrue(none.getMessage().contains("add to training data"), none.getMessage());
    assertThrows(
        DomainException.Forbidden.class,
        () -> withReviews.trainWithReviewedImages(student("s1"), f.dataset.requireId(), SPEC));
  }

  private static ImageAnswer withImage(ImageAnswer a, String sha) {
    return new ImageAnswer(
        null,
        a.exerciseId(),
        a.courseId(),
        a.userId(),
        a.promptIndex(),
        a.expectedClass(),
        sha,
        a.imageSize(),
        a.contentType(),
        a.submittedAt(),
        a.modelId(),
        a.modelVersion(),
        a.datasetHash(),
        a.seed(),
        a.topClassesJson(),
        a.expectedProbability(),
        a.decision(),
        a.lineItemUrl());
  }

  @Test
  void badImagesTypesPromptsAndCallersAreRefused() throws Exception {
    promotedModel();
    var notPng =
        assertThrows(
            DomainException.Invalid.class, () -> answer("s1", 0, "image/png", "hello".getBytes()));
    assertTrue(notPng.getMessage().contains("not a PNG"), notPng.getMessage());
    assertThrows(DomainException.Invalid.class, () -> answer("s1", 0, "image/jpeg", triangle));
    var type =
        assertThrows(DomainException.Invalid.class, () -> answer("s1", 0, "text/plain", triangle));
    assertTrue(type.getMessage().contains("image/png"), type.getMessage());
    byte[] truncated = java.util.Arrays.copyOf(triangle, 20);
    assertThrows(DomainException.Invalid.class, () -> answer("s1", 0, "image/png", truncated));
    assertThrows(
        DomainException.TooLarge.class, () -> answer("s1", 0, "image/png", new byte[200_000]));
    assertThrows(DomainException.Invalid.class, () -> answer("s1", 2, "image/png", triangle));
    assertThrows(
        DomainException.Forbidden.class,
        () ->
            answers.answer(
                teacher(), exercise.getId(), 0, "image/png", new ByteArrayInputStream(triangle)));
    assertThrows(
        DomainException.NotFound.class,
        () ->
            answers.answer(student("s1"), 999, 0, "image/png", new ByteArrayInputStream(triangle)));
    assertTrue(answers.list(student("s1")).isEmpty());
  }

  @Test
  void theAttemptLimitApplies() throws Exception {
    promotedModel();
    exercise.limitAttempts(1, null, null);
    answer("s1", 0, "image/png", triangle);
    assertThrows(DomainException.LimitExceeded.class, () -> answer("s1", 0, "image/png", triangle));
  }

  // ---------------------------------------------------------------- the review queue

  private ReviewQueue reviews() {
    return new ReviewQueue(exercises(), repo, answers, f.store, f.clock);
  }

  @Test
  void theTeacherSeesPendingAnswersAndAnAcceptanceRegradesAndSends() throws Exception {
    CourseModel model = promotedModel();
    stored("s1", 1, ImageAnswerDecision.REJECTED, model);
    ImageAnswer pending = stored("s1", 0, ImageAnswerDecision.REVIEW, model);
    ReviewQueue queue = reviews();
    assertEquals(List.of(pending), queue.pending(teacher()));
    assertThrows(DomainException.Forbidden.class, () -> queue.pending(student("s1")));

    ReviewQueue.Decided d =
        queue.decide(teacher(), pending.requireId(), Review.Verdict.ACCEPT, null, true);
    assertEquals(ImageAnswerDecision.ACCEPTED, d.answer().decision());
    assertTrue(queue.pending(teacher()).isEmpty());
    assertEquals(5.0, repo.findGrade(exercise.getId(), "s1").orElseThrow().points(), 1e-9);
    assertEquals(1, scores().size());
    assertEquals(5.0, scores().get(0).score().scoreGiven().orElseThrow(), 1e-9);
    var training = repo.trainingImages(f.courseId);
    assertEquals(1, training.size());
    assertEquals("triangle", training.get(0).className());
  }

  @Test
  void aRelabelledImageIsKeptWithItsClassAndARejectedOneCannotBe() throws Exception {
    CourseModel model = promotedModel();
    ImageAnswer a = stored("s1", 0, ImageAnswerDecision.REVIEW, model);
    ReviewQueue queue = reviews();
    assertThrows(
        DomainException.Invalid.class,
        () -> queue.decide(teacher(), a.requireId(), Review.Verdict.REJECT, null, true));
    assertThrows(
        DomainException.Invalid.class,
        () -> queue.decide(teacher(), a.requireId(), Review.Verdict.RELABEL, " ", false));
    ReviewQueue.Decided d =
        queue.decide(teacher(), a.requireId(), Review.Verdict.RELABEL, "circle", true);
    assertEquals(ImageAnswerDecision.REJECTED, d.answer().decision());
    assertEquals("circle", repo.trainingImages(f.courseId).get(0).className());
    assertEquals(0.0, repo.findGrade(exercise.getId(), "s1").orElseThrow().points(), 1e-9);
    assertThrows(
        DomainException.Forbidden.class,
        () -> queue.decide(student("s1"), a.requireId(), Review.Verdict.ACCEPT, null, false));
    assertThrows(
        DomainException.NotFound.class,
        () ->
            queue.decide(
                TestSessions.teacher("ctx-2"), a.requireId(), Review.Verdict.ACCEPT, null, false));
  }
}
