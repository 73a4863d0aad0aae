package io.visiongrade.lms.application;

import static io.visiongrade.lms.application.ChallengeFixture.body;
import static io.visiongrade.lms.application.ChallengeFixture.student;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.visiongrade.lms.domain.DomainException;
import io.visiongrade.lms.domain.course.Exercise;
import io.visiongrade.lms.domain.course.SubmissionKind;
import io.visiongrade.lms.domain.grading.AttemptSelection;
import io.visiongrade.lms.domain.grading.DeliveryFilter;
import io.visiongrade.lms.domain.grading.LatePolicy;
import io.visiongrade.lms.domain.grading.Rubric;
import io.visiongrade.lms.domain.grading.ScoreDeliveryView;
import io.visiongrade.lms.domain.job.JobOwner;
import io.visiongrade.lms.domain.job.JobState;
import io.visiongrade.lms.domain.job.JobView;
import io.visiongrade.lms.domain.submission.Grade;
import io.visiongrade.lms.domain.submission.Submission;
import io.visiongrade.lms.infrastructure.lti.LaunchSession;
import io.visiongrade.lms.infrastructure.persistence.JdbcImageAnswerRepository;
import io.visiongrade.lms.lti.registration.RegistrationKey;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Re-scoring after the teacher changes the rubric, maximum score, late policy, attempt selection or
 * metric: new points from stored metrics, re-evaluation when needed, changed grades enqueued once,
 * and nothing changed by a second run.
 */
class RescoringTest {

  static final JobOwner TEACHER = JobOwner.teacher("teacher-1");

  @TempDir Path dir;
  ChallengeFixture f;
  GradeSubmissionHandler grader;
  Rescoring rescoring;
  RescoreHandler handler;
  long exerciseId;

  @BeforeEach
  void setUp() throws Exception {
    f = new ChallengeFixture(dir);
    exerciseId = f.exercise.getId();
    grader = new GradeSubmissionHandler(f.submissions, f.library, f.testImages, f.store);
    rescoring =
        new Rescoring(
            new ChallengeSubmissions.Exercises() {
              @Override
              public Exercise inCourse(LaunchSession session, long id) {
                if (id != exerciseId || !session.contextId().orElse("").equals("ctx-1")) {
                  throw new DomainException.NotFound("Exercise", id);
                }
                return f.exercise;
              }

              @Override
              public long courseIdOf(LaunchSession session) {
                return f.courseId;
              }

              @Override
              public Exercise byId(long id) {
                return f.exercise;
              }
            },
            f.submissionRepo,
            new JdbcImageAnswerRepository(f.ds),
            f.submissions,
            null,
            f.jobs,
            f.clock);
    handler = new RescoreHandler(rescoring);
  }

  /** A CSV right for the test images whose index passes {@code right}, class 0 otherwise. */
  String csv(IntPredicate right) {
    var test = f.testImages.withPublicIds(f.exercise, f.library.load(f.exercise));
    StringBuilder sb = new StringBuilder("id,label\n");
    for (int i = 0; i < test.size(); i++) {
      sb.append(test.id(i)).append(',').append(right.test(i) ? test.label(i) : 0).append('\n');
    }
    return sb.toString();
  }

  Submission graded(String user, String csv) throws Exception {
    Submission s =
        f.submissions.submit(student(user), exerciseId, SubmissionKind.PREDICTIONS_CSV, body(csv));
    grader.run(new ChallengeFixture.Context(f.jobs.get(s.jobId())));
    f.clock.advance(Duration.ofMinutes(1));
    return reload(s);
  }

  Submission reload(Submission s) {
    return f.submissionRepo.find(s.requireId()).orElseThrow();
  }

  Grade grade(String user) {
    return f.gradeRepo.find(exerciseId, user).orElseThrow();
  }

  List<ScoreDeliveryView> scores() {
    return f.outbox.deliveries(
        DeliveryFilter.course(new RegistrationKey("https://lms.example", "client-1"), "ctx-1"));
  }

  /** Queues a re-scoring as the teacher does and runs its job; the job's result. */
  String rescore() {
    JobView job = rescoring.requestFor(f.exercise, TEACHER).job();
    assertEquals(Rescoring.JOB_KIND, job.kind());
    return handler.run(new ChallengeFixture.Context(job)).result();
  }

  @Test
  void aNewRubricTargetGivesNewPointsFromStoredMetricsAndSendsTheGradeOnce() throws Exception {
    Submission s = graded("s1", csv(i -> i % 3 != 0));
    double metric = s.results().orElseThrow().publicMetric();
    assertTrue(metric > 0.5 && metric < 1, "metric " + metric);
    double before = grade("s1").points();
    assertEquals(1, scores().size());

    f.exercise.useRubric(new Rubric(Rubric.Metric.ACCURACY, null, 0.5));
    String result = rescore();

    assertEquals(
        "re-scored 1 students: 1 submissions given new points, 0 queued to be evaluated again,"
            + " 1 grades changed",
        result);
    Submission after = reload(s);
    assertEquals(10.0, after.results().orElseThrow().publicPoints(), 1e-9, "clamped at the target");
    assertEquals(metric, after.results().orElseThrow().publicMetric(), "the metric is kept");
    assertEquals(
        s.results().orElseThrow().gradedAt(),
        after.results().orElseThrow().gradedAt(),
        "no re-run");
    assertEquals(10.0, grade("s1").points(), 1e-9);
    assertTrue(before < 10.0);
    assertEquals(2, scores().size());
    assertEquals(10.0, scores().get(0).score().scoreGiven().orElseThrow(), 1e-9);
    assertTrue(
        f.dispatched.stream()
            .noneMatch(j -> j.kind().equals(ChallengeSubmissions.JOB_KIND) && j.id() != s.jobId()),
        "nothing evaluated again");

    // Idempotent: a second run changes nothing and sends nothing.
    f.clock.advance(Duration.ofMinutes(1));
    assertEquals(
        "re-scored 1 students: 0 submissions given new points, 0 queued to be evaluated again,"
            + " 0 grades changed",
        rescore());
    assertEquals(2, scores().size());
    assertEquals(after, reload(s));
  }

  @Test
  void aNewMaximumScoreScalesTheGrade() throws Exception {
    graded("s1", csv(i -> true));
    assertEquals(10.0, grade("s1").maxPoints());
    f.exercise.rescale(25);
    rescore();
    assertEquals(25.0, grade("s1").points(), 1e-9);
    assertEquals(25.0, grade("s1").maxPoints(), 1e-9);
    assertEquals(25.0, scores().get(0).score().scoreMaximum().orElseThrow(), 1e-9);
    assertEquals(2, scores().size());
  }

  @Test
  void aChangedLatePolicyChangesTheLatePenalty() throws Exception {
    f.exercise.schedule(null, ChallengeFixture.T0.minusSeconds(60));
    f.exercise.setLatePolicy(new LatePolicy(10, 50));
    Submission s = graded("s1", csv(i -> true));
    assertEquals(9.0, grade("s1").points(), 1e-9);

    f.exercise.setLatePolicy(new LatePolicy(30, 50));
    rescore();
    assertEquals(7.0, grade("s1").points(), 1e-9);
    assertEquals(30.0, reload(s).results().orElseThrow().penaltyPercent(), 1e-9);

    f.exercise.grantExtension("s1", ChallengeFixture.T0.plusSeconds(3600));
    rescore();
    assertEquals(10.0, grade("s1").points(), 1e-9, "an extension takes the penalty away");
    assertEquals(3, scores().size());
  }

  @Test
  void bestToLastPicksAnotherAttempt() throws Exception {
    Submission good = graded("s1", csv(i -> true));
    Submission worse = graded("s1", csv(i -> i % 2 == 0));
    assertEquals(good.requireId(), grade("s1").submissionId());
    f.exercise.countAttempts(AttemptSelection.LAST);
    rescore();
    assertEquals(worse.requireId(), grade("s1").submissionId());
    assertEquals(worse.results().orElseThrow().publicPoints(), grade("s1").points(), 1e-9);
    assertEquals(2, scores().size());
  }

  @Test
  void anotherMetricNeedsEvaluationAgainAndTheGradeWaitsForIt() throws Exception {
    Submission s = graded("s1", csv(i -> i % 3 != 0));
    assertEquals(Rubric.Metric.ACCURACY, s.results().orElseThrow().metric());
    Grade before = grade("s1");

    f.exercise.useRubric(new Rubric(Rubric.Metric.MACRO_F1, null, null));
    String result = rescore();
    assertTrue(result.contains("1 queued to be evaluated again"), result);
    Submission queued = reload(s);
    assertEquals(Submission.Status.QUEUED, queued.status());
    assertTrue(queued.charged(), "still one attempt");
    assertTrue(queued.results().isPresent(), "earlier results stay until replaced");
    JobView again = f.jobs.get(queued.jobId());
    assertEquals(ChallengeSubmissions.JOB_KIND, again.kind());
    assertEquals(TEACHER, again.owner());
    assertFalse(again.chargeUserErrors());
    assertEquals(before, grade("s1"), "left for the evaluation");
    assertEquals(1, scores().size());

    // A second run while it waits queues nothing more.
    assertTrue(rescore().contains("0 queued"));

    grader.run(new ChallengeFixture.Context(again));
    Submission regraded = reload(queued);
    assertEquals(Submission.Status.GRADED, regraded.status());
    assertEquals(Rubric.Metric.MACRO_F1, regraded.results().orElseThrow().metric());
    assertEquals(2, scores().size());
    assertTrue(rescore().endsWith("0 grades changed"));
    assertEquals(2, scores().size());
  }

  @Test
  void anotherSplitSeedQueuesEvaluationAgain() throws Exception {
    Submission s = graded("s1", csv(i -> true));
    f.exercise.useDataset(f.dataset, null, null, null, f.dataset.splitSeed() + 1);
    assertTrue(rescore().contains("1 queued to be evaluated again"));
    assertEquals(Submission.Status.QUEUED, reload(s).status());
    assertTrue(reload(s).jobId() != s.jobId());
  }

  @Test
  void aWaitingRescoringIsReusedAndOnlyTeachersAskForOne() {
    Rescoring.Requested first = rescoring.requestFor(f.exercise, TEACHER);
    Rescoring.Requested second = rescoring.request(ChallengeFixture.teacher(), exerciseId);
    assertFalse(first.alreadyQueued());
    assertTrue(second.alreadyQueued());
    assertEquals(first.job().id(), second.job().id());
    assertEquals(JobState.QUEUED, second.job().state());
    assertEquals(1, rescoring.jobs(ChallengeFixture.teacher(), exerciseId).size());
    assertThrows(
        DomainException.Forbidden.class, () -> rescoring.request(student("s1"), exerciseId));
    assertThrows(
        DomainException.NotFound.class,
        () -> rescoring.request(ChallengeFixture.teacher(), exerciseId + 1));
  }

  @Test
  void aStudentWhoseGradingIsRunningIsLeftToItsJob() throws Exception {
    graded("s1", csv(i -> true));
    Submission pending =
        f.submissions.submit(
            student("s1"), exerciseId, SubmissionKind.PREDICTIONS_CSV, body(csv(i -> true)));
    f.exercise.rescale(20);
    assertTrue(rescore().endsWith("0 grades changed"));
    assertEquals(10.0, grade("s1").maxPoints());
    grader.run(new ChallengeFixture.Context(f.jobs.get(pending.jobId())));
    assertEquals(20.0, grade("s1").maxPoints(), "its job records under the new settings");
  }
}
