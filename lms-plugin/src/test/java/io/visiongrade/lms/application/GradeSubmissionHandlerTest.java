package io.visiongrade.lms.application;

import static io.visiongrade.lms.application.ChallengeFixture.SPEC;
import static io.visiongrade.lms.application.ChallengeFixture.body;
import static io.visiongrade.lms.application.ChallengeFixture.student;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.visiongrade.lms.domain.course.SubmissionKind;
import io.visiongrade.lms.domain.grading.BlindPhase;
import io.visiongrade.lms.domain.grading.DeliveryFilter;
import io.visiongrade.lms.domain.grading.LatePolicy;
import io.visiongrade.lms.domain.grading.ScoreDeliveryView;
import io.visiongrade.lms.domain.job.JobUserError;
import io.visiongrade.lms.domain.submission.Grade;
import io.visiongrade.lms.domain.submission.Submission;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Grading jobs: training a spec, scoring a CSV, points, grades and the score outbox. */
class GradeSubmissionHandlerTest {

  @TempDir Path dir;
  ChallengeFixture f;
  GradeSubmissionHandler handler;
  long exerciseId;

  @BeforeEach
  void setUp() throws Exception {
    f = new ChallengeFixture(dir);
    handler = new GradeSubmissionHandler(f.submissions, f.library, f.testImages, f.store);
    exerciseId = f.exercise.getId();
  }

  ChallengeFixture.Context run(Submission s) throws JobUserError {
    ChallengeFixture.Context ctx = new ChallengeFixture.Context(f.jobs.get(s.jobId()));
    handler.run(ctx);
    return ctx;
  }

  Submission reload(Submission s) {
    return f.submissionRepo.find(s.requireId()).orElseThrow();
  }

  List<ScoreDeliveryView> scores() {
    return f.outbox.deliveries(
        DeliveryFilter.course(
            new io.visiongrade.lms.lti.registration.RegistrationKey(
                "https://lms.example", "client-1"),
            "ctx-1"));
  }

  @Test
  void aSpecIsTrainedGradedAndItsScoreEnqueued() throws Exception {
    Submission s = f.submissions.submit(student("s1"), exerciseId, SubmissionKind.SPEC, body(SPEC));
    ChallengeFixture.Context ctx = run(s);

    Submission graded = reload(s);
    assertEquals(Submission.Status.GRADED, graded.status());
    assertTrue(graded.charged());
    var r = graded.results().orElseThrow();
    assertTrue(r.metricsJson().contains("\"validation\""), r.metricsJson());
    assertTrue(r.metricsJson().contains("\"epochs\""), r.metricsJson());
    // Every misclassified validation image has its predicted class (and nothing else has one).
    com.google.gson.JsonObject m =
        com.google.gson.JsonParser.parseString(r.metricsJson()).getAsJsonObject();
    java.util.Set<String> wrong = new java.util.TreeSet<>();
    m.getAsJsonObject("validation")
        .getAsJsonArray("misclassifiedIds")
        .forEach(v -> wrong.add(v.getAsString()));
    com.google.gson.JsonObject predicted = m.getAsJsonObject("validationPredicted");
    assertEquals(wrong, new java.util.TreeSet<>(predicted.keySet()));
    predicted
        .entrySet()
        .forEach(
            e ->
                assertTrue(
                    f.dataset.classNames().contains(e.getValue().getAsString()), e.toString()));
    assertTrue(r.publicPoints() >= 0 && r.publicPoints() <= 10);
    assertNull(r.privateMetric());
    assertEquals(s.contentSha256(), r.modelHash());
    assertEquals(f.dataset.contentHash(), r.datasetHash());
    assertTrue(
        ctx.progress.stream().anyMatch(p -> p.phase().equals("training") && p.epochs() == 1));

    Grade grade = f.gradeRepo.find(exerciseId, "s1").orElseThrow();
    assertEquals(s.requireId(), grade.submissionId());
    assertEquals(r.publicPoints(), grade.points(), 1e-9);
    List<ScoreDeliveryView> sent = scores();
    assertEquals(1, sent.size());
    assertEquals(ChallengeFixture.LINE_ITEM, sent.get(0).target().lineItemUrl());
    assertEquals("s1", sent.get(0).score().userId());
    assertTrue(graded.passbackNote().orElseThrow().contains("sent"));
  }

  @Test
  void aGradedSpecCarriesStoredHeatMapsOfItsMisclassifiedValidationImages() throws Exception {
    Submission s = f.submissions.submit(student("s2"), exerciseId, SubmissionKind.SPEC, body(SPEC));
    run(s);
    String json = reload(s).results().orElseThrow().metricsJson();
    com.google.gson.JsonObject m = com.google.gson.JsonParser.parseString(json).getAsJsonObject();
    List<String> wrong = new java.util.ArrayList<>();
    m.getAsJsonObject("validation")
        .getAsJsonArray("misclassifiedIds")
        .forEach(v -> wrong.add(v.getAsString()));
    assertFalse(
        wrong.isEmpty(), "one epoch on the fixture must leave mistakes to explain: " + json);
    com.google.gson.JsonObject heat = m.getAsJsonObject("validationHeatMaps");
    // The first N misclassified images, in the results' order: exactly those the gallery shows.
    assertEquals(
        wrong.subList(0, Math.min(wrong.size(), GradeSubmissionHandler.MAX_HEAT_MAPS)),
        List.copyOf(heat.keySet()));
    List<String> hashes = GradeSubmissionHandler.heatMapHashes(json);
    assertEquals(heat.size(), hashes.size());
    for (String id : heat.keySet()) {
      String sha = heat.get(id).getAsString();
      assertTrue(hashes.contains(sha), sha);
      assertTrue(f.store.exists(sha), "stored: " + sha);
      byte[] png = java.nio.file.Files.readAllBytes(f.store.file(sha));
      java.awt.image.BufferedImage img =
          javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png));
      // 16x16 images enlarged to at least 96 px a side (nearest neighbour, integer scale).
      assertEquals(96, img.getWidth());
      assertEquals(96, img.getHeight());
    }
  }

  @Test
  void aModelWithoutConvolutionGradesWithoutHeatMaps() throws Exception {
    String dense =
        SPEC.replace(
            "{\"type\": \"conv2d\", \"filters\": 4, \"kernel\": 3,"
                + " \"activation\": \"relu\"}, {\"type\": \"maxpool2d\", \"pool\": 2},",
            "");
    assertFalse(dense.contains("conv2d"), dense);
    Submission s =
        f.submissions.submit(student("s3"), exerciseId, SubmissionKind.SPEC, body(dense));
    run(s);
    Submission graded = reload(s);
    assertEquals(Submission.Status.GRADED, graded.status());
    String json = graded.results().orElseThrow().metricsJson();
    assertTrue(json.contains("\"validationPredicted\""), json);
    assertFalse(json.contains("validationHeatMaps"), json);
    assertTrue(GradeSubmissionHandler.heatMapHashes(json).isEmpty());
  }

  @Test
  void heatMapHashesReadOnlyTheHeatMapObject() {
    String a = "a".repeat(64);
    String b = "b".repeat(64);
    String json =
        "{\"validationPredicted\":{\"validationHeatMaps\":\""
            + "c".repeat(64)
            + "\"},\"validationHeatMaps\":{\"odd\\\"}:,id\":\""
            + a
            + "\",\""
            + b
            + "\":\""
            + b
            + "\"},\"other\":\""
            + "d".repeat(64)
            + "\"}";
    assertEquals(List.of(a, b), GradeSubmissionHandler.heatMapHashes(json));
    assertTrue(GradeSubmissionHandler.heatMapHashes("{\"validation\":{}}").isEmpty());
    assertTrue(GradeSubmissionHandler.heatMapHashes(null).isEmpty());
  }

  @Test
  void aPerfectCsvGetsFullPointsAndTheBestAttemptKeepsTheGrade() throws Exception {
    Submission good =
        f.submissions.submit(
            student("s1"), exerciseId, SubmissionKind.PREDICTIONS_CSV, body(f.csv(true)));
    run(good);
    assertEquals(10.0, reload(good).results().orElseThrow().publicPoints(), 1e-9);
    assertEquals(1.0, reload(good).results().orElseThrow().publicMetric(), 1e-9);

    f.clock.advance(Duration.ofMinutes(1));
    Submission worse =
        f.submissions.submit(
            student("s1"), exerciseId, SubmissionKind.PREDICTIONS_CSV, body(f.csv(false)));
    run(worse);
    assertTrue(reload(worse).results().orElseThrow().publicPoints() < 10);
    assertEquals(good.requireId(), f.gradeRepo.find(exerciseId, "s1").orElseThrow().submissionId());
    assertTrue(reload(worse).passbackNote().orElseThrow().contains("unchanged"));
    assertEquals(1, scores().size());
  }

  @Test
  void aBlindPhaseKeepsThePrivatePartServerSideAndNoTestIdLeaks() throws Exception {
    f.exercise.useBlindPhase(new BlindPhase(0.5));
    Submission s =
        f.submissions.submit(
            student("s1"), exerciseId, SubmissionKind.PREDICTIONS_CSV, body(f.csv(true)));
    run(s);
    var r = reload(s).results().orElseThrow();
    assertEquals(1.0, r.privateMetric(), 1e-9);
    var test = f.library.load(f.exercise).splits().test();
    for (String id : test.ids()) {
      assertFalse(r.metricsJson().contains("\"" + id + "\""), id + " in " + r.metricsJson());
    }
  }

  @Test
  void aLateSubmissionLosesItsPenaltyAndWithoutALineItemNothingIsSent() throws Exception {
    f.exercise.schedule(null, ChallengeFixture.T0.minusSeconds(60));
    f.exercise.setLatePolicy(new LatePolicy(10, 50));
    Submission s =
        f.submissions.submit(
            ChallengeFixture.studentWithoutAgs("s1"),
            exerciseId,
            SubmissionKind.PREDICTIONS_CSV,
            body(f.csv(true)));
    assertTrue(s.late());
    run(s);
    Submission graded = reload(s);
    assertEquals(9.0, graded.results().orElseThrow().publicPoints(), 1e-9);
    assertEquals(10.0, graded.results().orElseThrow().penaltyPercent(), 1e-9);
    assertTrue(graded.passbackNote().orElseThrow().startsWith("Not sent"));
    assertTrue(scores().isEmpty());
    assertEquals(9.0, f.gradeRepo.find(exerciseId, "s1").orElseThrow().points(), 1e-9);
  }

  @Test
  void aBrokenCsvIsTheStudentsErrorWithTheScorersMessage() {
    Submission s =
        f.submissions.submit(
            student("s1"), exerciseId, SubmissionKind.PREDICTIONS_CSV, body("id,label\nx,1\n"));
    var e = assertThrows(JobUserError.class, () -> run(s));
    assertTrue(e.getMessage().startsWith("Your predictions CSV was refused"), e.getMessage());
    assertEquals(Submission.Status.RUNNING, reload(s).status());
    assertTrue(f.gradeRepo.find(exerciseId, "s1").isEmpty());
  }

  @Test
  void aCancelledSubmissionIsNotGraded() throws Exception {
    Submission s = f.submissions.submit(student("s1"), exerciseId, SubmissionKind.SPEC, body(SPEC));
    f.submissions.cancel(student("s1"), s.requireId());
    run(s);
    assertEquals(Submission.Status.CANCELLED, reload(s).status());
    assertTrue(reload(s).results().isEmpty());
  }

  static io.visiongrade.lms.domain.job.JobView finished(
      io.visiongrade.lms.domain.job.JobView v,
      io.visiongrade.lms.domain.job.JobState state,
      io.visiongrade.lms.domain.job.FailureKind kind,
      String message,
      boolean chargeUserErrors) {
    return new io.visiongrade.lms.domain.job.JobView(
        v.id(),
        v.kind(),
        v.lane(),
        v.courseId(),
        v.owner(),
        v.payload(),
        chargeUserErrors,
        state,
        java.util.Optional.ofNullable(kind),
        java.util.Optional.ofNullable(message),
        java.util.Optional.empty(),
        1,
        0,
        3,
        false,
        v.createdAt(),
        v.notBefore(),
        v.startedAt(),
        v.finishedAt(),
        v.leaseOwner(),
        v.leaseUntil(),
        v.heartbeatAt(),
        v.progress(),
        v.progressAt(),
        v.version());
  }

  @Test
  void aFinishedJobSetsTheSubmissionsFailureAndCharge() {
    Submission s =
        f.submissions.submit(
            student("s1"), exerciseId, SubmissionKind.PREDICTIONS_CSV, body("id,label\nx,1\n"));
    var e = assertThrows(JobUserError.class, () -> run(s));
    var view = f.jobs.get(s.jobId());
    f.submissions.jobFinished(
        new io.visiongrade.lms.domain.job.JobFinished(
            finished(
                view,
                io.visiongrade.lms.domain.job.JobState.FAILED,
                io.visiongrade.lms.domain.job.FailureKind.USER_ERROR,
                e.getMessage(),
                false)));
    Submission failed = reload(s);
    assertEquals(Submission.Status.FAILED, failed.status());
    assertEquals(e.getMessage(), failed.failure().orElseThrow());
    assertFalse(failed.charged());

    Submission other =
        f.submissions.submit(student("s1"), exerciseId, SubmissionKind.SPEC, body(SPEC));
    f.submissions.jobFinished(
        new io.visiongrade.lms.domain.job.JobFinished(
            finished(
                f.jobs.get(other.jobId()),
                io.visiongrade.lms.domain.job.JobState.FAILED,
                io.visiongrade.lms.domain.job.FailureKind.INFRASTRUCTURE,
                "boom at /internal/path",
                false)));
    Submission ours = reload(other);
    assertEquals(Submission.Status.FAILED, ours.status());
    assertTrue(ours.failure().orElseThrow().contains("our side"), ours.failure().toString());
  }

  @Test
  void theTeachersPolicyDecidesWhetherAStudentsOwnErrorCountsAsAnAttempt() {
    f.exercise.limitAttempts(1, Duration.ZERO, null);
    // Default: not charged; the student may try again.
    Submission free =
        f.submissions.submit(
            student("s1"), exerciseId, SubmissionKind.PREDICTIONS_CSV, body("id,label\nx,1\n"));
    assertFalse(f.jobs.get(free.jobId()).chargeUserErrors());
    failByUserError(free);
    assertFalse(reload(free).charged());

    // Charged: the failed attempt uses the only one.
    f.exercise.chargeUserErrors(true);
    Submission charged =
        f.submissions.submit(
            student("s1"), exerciseId, SubmissionKind.PREDICTIONS_CSV, body("id,label\nx,1\n"));
    assertTrue(f.jobs.get(charged.jobId()).chargeUserErrors());
    failByUserError(charged);
    assertTrue(reload(charged).charged());
    var e =
        assertThrows(
            io.visiongrade.lms.domain.DomainException.LimitExceeded.class,
            () ->
                f.submissions.submit(
                    student("s1"), exerciseId, SubmissionKind.PREDICTIONS_CSV, body(f.csv(true))));
    assertTrue(e.getMessage().contains("all 1 attempt"), e.getMessage());

    // A failure of ours is never charged, whatever the policy.
    Submission ours =
        f.submissions.submit(
            student("s2"), exerciseId, SubmissionKind.PREDICTIONS_CSV, body(f.csv(true)));
    f.submissions.jobFinished(
        new io.visiongrade.lms.domain.job.JobFinished(
            finished(
                f.jobs.get(ours.jobId()),
                io.visiongrade.lms.domain.job.JobState.FAILED,
                io.visiongrade.lms.domain.job.FailureKind.INFRASTRUCTURE,
                "disk full",
                true)));
    assertFalse(reload(ours).charged());
  }

  private void failByUserError(Submission s) {
    var view = f.jobs.get(s.jobId());
    var e = assertThrows(JobUserError.class, () -> run(s));
    f.submissions.jobFinished(
        new io.visiongrade.lms.domain.job.JobFinished(
            finished(
                view,
                io.visiongrade.lms.domain.job.JobState.FAILED,
                io.visiongrade.lms.domain.job.FailureKind.USER_ERROR,
                e.getMessage(),
                view.chargeUserErrors())));
  }

  @Test
  void theTrainingBudgetIsTheWallCapWithinTheJobsTimeLimit() {
    f.exercise.capCompute(new io.visiongrade.lms.domain.course.ComputeCaps(600, 1000, 2));
    Submission s =
        f.submissions.submit(
            student("s1"), exerciseId, SubmissionKind.PREDICTIONS_CSV, body(f.csv(true)));
    ChallengeFixture.Context ctx = new ChallengeFixture.Context(f.jobs.get(s.jobId()));
    assertEquals(Duration.ofSeconds(600), GradeSubmissionHandler.budget(f.exercise, ctx));
    ChallengeFixture.Context soon =
        new ChallengeFixture.Context(f.jobs.get(s.jobId())) {
          @Override
          public java.time.Instant deadline() {
            return java.time.Instant.now().plusSeconds(100);
          }
        };
    Duration b = GradeSubmissionHandler.budget(f.exercise, soon);
    assertTrue(
        b.compareTo(Duration.ofSeconds(91)) < 0 && b.compareTo(Duration.ofSeconds(80)) > 0,
        b.toString());
  }
}
