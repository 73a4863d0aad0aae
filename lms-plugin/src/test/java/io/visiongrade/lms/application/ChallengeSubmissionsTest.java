package io.visiongrade.lms.application;

import static io.visiongrade.lms.application.ChallengeFixture.SPEC;
import static io.visiongrade.lms.application.ChallengeFixture.body;
import static io.visiongrade.lms.application.ChallengeFixture.student;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.visiongrade.lms.domain.DomainException;
import io.visiongrade.lms.domain.course.SubmissionKind;
import io.visiongrade.lms.domain.job.JobLane;
import io.visiongrade.lms.domain.job.JobState;
import io.visiongrade.lms.domain.submission.Submission;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Submitting, listing and cancelling classifier-challenge submissions. */
class ChallengeSubmissionsTest {

  @TempDir Path dir;
  ChallengeFixture f;
  long exerciseId;

  @BeforeEach
  void setUp() throws Exception {
    f = new ChallengeFixture(dir);
    exerciseId = f.exercise.getId();
  }

  @Test
  void aSpecIsStoredByItsHashAndQueuedForTrainingInOneGo() {
    Submission s = f.submissions.submit(student("s1"), exerciseId, SubmissionKind.SPEC, body(SPEC));
    assertEquals(Submission.Status.QUEUED, s.status());
    assertTrue(f.store.exists(s.contentSha256()));
    assertEquals(ChallengeFixture.LINE_ITEM, s.lineItemUrl().orElseThrow());
    var job = f.jobs.get(s.jobId());
    assertEquals(ChallengeSubmissions.JOB_KIND, job.kind());
    assertEquals(JobLane.TRAINING, job.lane());
    assertEquals(String.valueOf(s.requireId()), job.payload());
    assertEquals(s, f.submissionRepo.find(s.requireId()).orElseThrow());
    assertEquals(1, f.submissions.get(student("s1"), s.requireId()).queuePosition());
  }

  @Test
  void aCsvGoesToTheFastLane() {
    Submission s =
        f.submissions.submit(
            student("s1"), exerciseId, SubmissionKind.PREDICTIONS_CSV, body(f.csv(true)));
    assertEquals(JobLane.FAST, f.jobs.get(s.jobId()).lane());
  }

  @Test
  void aBadSpecIsRefusedNamingTheLayerAndNothingIsQueued() {
    String bad = SPEC.replace("\"filters\": 4", "\"filters\": 2.5");
    var e =
        assertThrows(
            DomainException.Invalid.class,
            () -> f.submissions.submit(student("s1"), exerciseId, SubmissionKind.SPEC, body(bad)));
    assertTrue(e.getMessage().contains("layer 0 (conv2d)"), e.getMessage());
    assertTrue(f.dispatched.isEmpty());
    assertTrue(f.submissions.list(student("s1")).isEmpty());
  }

  @Test
  void theComputeCapsBoundTheSpec() {
    f.exercise.capCompute(new io.visiongrade.lms.domain.course.ComputeCaps(60, 100, 1));
    var e =
        assertThrows(
            DomainException.Invalid.class,
            () -> f.submissions.submit(student("s1"), exerciseId, SubmissionKind.SPEC, body(SPEC)));
    assertTrue(e.getMessage().contains("parameters"), e.getMessage());
    String wrongInput = SPEC.replace("\"width\": 16", "\"width\": 20");
    var e2 =
        assertThrows(
            DomainException.Invalid.class,
            () ->
                f.submissions.submit(
                    student("s1"), exerciseId, SubmissionKind.SPEC, body(wrongInput)));
    assertTrue(e2.getMessage().contains("16x16x1"), e2.getMessage());
    f.exercise.useDataset(f.dataset, 20, 20, 1, f.dataset.splitSeed());
    assertThrows(
        DomainException.Conflict.class,
        () -> f.submissions.submit(student("s1"), exerciseId, SubmissionKind.SPEC, body(SPEC)));
  }

  @Test
  void notTorchScriptAndOversizedUploadsAreRefused() {
    var e =
        assertThrows(
            DomainException.Invalid.class,
            () ->
                f.submissions.submit(
                    student("s1"), exerciseId, SubmissionKind.TORCHSCRIPT, body("not a model")));
    assertTrue(e.getMessage().contains("Not a TorchScript model"), e.getMessage());
    assertThrows(
        DomainException.TooLarge.class,
        () ->
            f.submissions.submit(
                student("s1"),
                exerciseId,
                SubmissionKind.TORCHSCRIPT,
                new ByteArrayInputStream(new byte[200_000])));
  }

  @Test
  void onlyStudentsSubmitAndOnlyKindsTheExerciseAllows() {
    assertThrows(
        DomainException.Forbidden.class,
        () ->
            f.submissions.submit(
                ChallengeFixture.teacher(), exerciseId, SubmissionKind.SPEC, body(SPEC)));
    f.exercise.allowSubmissions(EnumSet.of(SubmissionKind.PREDICTIONS_CSV));
    var e =
        assertThrows(
            DomainException.Invalid.class,
            () -> f.submissions.submit(student("s1"), exerciseId, SubmissionKind.SPEC, body(SPEC)));
    assertTrue(e.getMessage().contains("PREDICTIONS_CSV"), e.getMessage());
    assertThrows(
        DomainException.NotFound.class,
        () ->
            f.submissions.submit(
                TestSessions.student("ctx-2", "s1"), exerciseId, SubmissionKind.SPEC, body(SPEC)));
  }

  @Test
  void studentsSeeOnlyTheirOwnSubmissions() {
    Submission mine =
        f.submissions.submit(student("s1"), exerciseId, SubmissionKind.SPEC, body(SPEC));
    f.submissions.submit(student("s2"), exerciseId, SubmissionKind.SPEC, body(SPEC));
    assertEquals(1, f.submissions.list(student("s1")).size());
    assertThrows(
        DomainException.NotFound.class, () -> f.submissions.get(student("s2"), mine.requireId()));
    assertThrows(
        DomainException.NotFound.class,
        () -> f.submissions.cancel(student("s2"), mine.requireId()));
  }

  @Test
  void attemptsInFlightCountAgainstTheLimitsWithRetryAfter() {
    f.exercise.limitAttempts(null, Duration.ofSeconds(60), null);
    f.submissions.submit(student("s1"), exerciseId, SubmissionKind.SPEC, body(SPEC));
    f.clock.advance(Duration.ofSeconds(20));
    var e =
        assertThrows(
            DomainException.LimitExceeded.class,
            () -> f.submissions.submit(student("s1"), exerciseId, SubmissionKind.SPEC, body(SPEC)));
    assertEquals(40, e.retryAfterSeconds());
    f.exercise.limitAttempts(1, Duration.ZERO, null);
    assertThrows(
        DomainException.LimitExceeded.class,
        () -> f.submissions.submit(student("s1"), exerciseId, SubmissionKind.SPEC, body(SPEC)));
  }

  @Test
  void aCancelledSubmissionDoesNotCountAndAClosedExerciseRefuses() {
    f.exercise.limitAttempts(1, Duration.ZERO, null);
    Submission s = f.submissions.submit(student("s1"), exerciseId, SubmissionKind.SPEC, body(SPEC));
    Submission cancelled = f.submissions.cancel(student("s1"), s.requireId());
    assertEquals(Submission.Status.CANCELLED, cancelled.status());
    assertEquals(JobState.CANCELLED, f.jobs.get(s.jobId()).state());
    assertFalse(cancelled.charged());
    assertThrows(
        DomainException.Conflict.class, () -> f.submissions.cancel(student("s1"), s.requireId()));
    f.submissions.submit(student("s1"), exerciseId, SubmissionKind.SPEC, body(SPEC));

    f.exercise.schedule(null, ChallengeFixture.T0.plusSeconds(10));
    f.clock.advance(Duration.ofMinutes(1));
    assertThrows(
        DomainException.Conflict.class,
        () -> f.submissions.submit(student("s2"), exerciseId, SubmissionKind.SPEC, body(SPEC)));
  }
}
