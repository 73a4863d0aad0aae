package io.visiongrade.lms.application;

import static io.visiongrade.lms.application.ChallengeFixture.SPEC;
import static io.visiongrade.lms.application.ChallengeFixture.student;
import static io.visiongrade.lms.application.ChallengeFixture.teacher;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.visiongrade.engine.data.SyntheticShapes;
import io.visiongrade.engine.model.Prediction;
import io.visiongrade.lms.domain.DomainException;
import io.visiongrade.lms.domain.coursemodel.CourseModel;
import io.visiongrade.lms.domain.job.FailureKind;
import io.visiongrade.lms.domain.job.JobFinished;
import io.visiongrade.lms.domain.job.JobLane;
import io.visiongrade.lms.domain.job.JobState;
import io.visiongrade.lms.domain.job.JobView;
import io.visiongrade.lms.domain.job.OwnerRole;
import io.visiongrade.lms.infrastructure.persistence.JdbcCourseModelRepository;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CourseModelsTest {

  @TempDir Path dir;

  ChallengeFixture f;
  JdbcCourseModelRepository repo;
  CourseModels models;
  TrainCourseModelHandler handler;

  @BeforeEach
  void setUp() throws IOException {
    f = new ChallengeFixture(dir);
    repo = new JdbcCourseModelRepository(f.ds);
    models = new CourseModels(s -> f.courseId, repo, f.library, f.jobs, f.store, 2, f.clock);
    handler = new TrainCourseModelHandler(models, f.library, f.store);
  }

  /** Trains a version with the tiny spec and runs its job. */
  private CourseModel trained() throws Exception {
    CourseModel m = models.train(teacher(), f.dataset.requireId(), SPEC);
    JobView job = f.jobs.get(m.jobId());
    handler.run(new ChallengeFixture.Context(job));
    return repo.find(m.requireId()).orElseThrow();
  }

  @Test
  void aTeacherTrainsAVersionAsATeacherJobOnTheTrainingLane() {
    CourseModel m = models.train(teacher(), f.dataset.requireId(), SPEC);
    assertEquals(CourseModel.State.TRAINING, m.state());
    assertEquals(1, m.version());
    assertEquals(f.dataset.contentHash(), m.datasetHash());
    JobView job = f.dispatched.get(0);
    assertEquals(CourseModels.JOB_KIND, job.kind());
    assertEquals(JobLane.TRAINING, job.lane());
    assertEquals(OwnerRole.TEACHER, job.owner().role());
    assertEquals(String.valueOf(m.requireId()), job.payload());
    assertEquals(2, models.train(teacher(), f.dataset.requireId(), SPEC).version());
    assertEquals(2, models.list(teacher()).size());
  }

  @Test
  void withoutASpecThePresetIsSizedToTheDataset() {
    CourseModel m = models.train(teacher(), f.dataset.requireId(), null);
    assertTrue(m.specJson().contains("\"width\": 16") || m.specJson().contains("\"width\":16"));
  }

  @Test
  void studentsBadSpecsAndOtherDatasetsAreRefused() {
    long ds = f.dataset.requireId();
    assertThrows(DomainException.Forbidden.class, () -> models.train(student("s1"), ds, SPEC));
    assertThrows(DomainException.Forbidden.class, () -> models.list(student("s1")));
    var wrongInput =
        assertThrows(
            DomainException.Invalid.class,
            () -> models.train(teacher(), ds, SPEC.replace("\"width\": 16", "\"width\": 20")));
    assertTrue(wrongInput.getMessage().contains("input"), wrongInput.getMessage());
    assertThrows(DomainException.Invalid.class, () -> models.train(teacher(), ds, "{"));
    assertThrows(DomainException.NotFound.class, () -> models.train(teacher(), 9999, SPEC));
    assertTrue(f.dispatched.isEmpty());
  }

  @Test
  void theJobTrainsEvaluatesAndStoresTheModel() throws Exception {
    CourseModel m = models.train(teacher(), f.dataset.requireId(), SPEC);
    var ctx = new ChallengeFixture.Context(f.jobs.get(m.jobId()));
    String outcome = handler.run(ctx).result();
    assertTrue(outcome.contains("ready"), outcome);
    CourseModel ready = repo.find(m.requireId()).orElseThrow();
    assertEquals(CourseModel.State.READY, ready.state());
    assertTrue(f.store.exists(ready.artifactSha256()));
    String metrics = ready.metricsJson();
    assertTrue(metrics.contains("\"test\"") && metrics.contains("\"confusion\""), metrics);
    assertTrue(metrics.contains("\"macroF1\""), metrics);
    assertTrue(ctx.progress.stream().anyMatch(p -> "training".equals(p.phase())));
    // a second run of the same job does nothing
    assertTrue(handler.run(ctx).result().contains("nothing done"));
  }

  @Test
  void onlyAReadyVersionIsPromotedAndOnlyOneAtATime() throws Exception {
    CourseModel training = models.train(teacher(), f.dataset.requireId(), SPEC);
    assertThrows(
        DomainException.Conflict.class, () -> models.promote(teacher(), training.requireId()));
    CourseModel a = trained();
    CourseModel b = trained();
    assertThrows(DomainException.Forbidden.class, () -> models.promote(student("s1"), a.id()));
    assertThrows(DomainException.NotFound.class, () -> models.promote(teacher(), 9999));
    assertTrue(models.promote(teacher(), a.requireId()).promoted());
    assertEquals(a.id(), models.promoted(f.courseId).orElseThrow().id());
    models.promote(teacher(), b.requireId());
    assertEquals(b.id(), models.promoted(f.courseId).orElseThrow().id());
    assertFalse(repo.find(a.requireId()).orElseThrow().promoted());
  }

  @Test
  void aFailedOrCancelledJobFailsTheVersion() {
    CourseModel m = models.train(teacher(), f.dataset.requireId(), SPEC);
    JobView job = f.jobs.get(m.jobId());
    JobView failed =
        GradeSubmissionHandlerTest.finished(
            job, JobState.FAILED, FailureKind.USER_ERROR, "Training diverged: nan.", false);
    models.jobFinished(new JobFinished(failed));
    CourseModel after = repo.find(m.requireId()).orElseThrow();
    assertEquals(CourseModel.State.FAILED, after.state());
    assertEquals("Training diverged: nan.", after.failure());
  }

  @Test
  void theClassifierIsLoadedOnceAndClassifiesPngs() throws Exception {
    CourseModel m = trained();
    Path shapes = dir.resolve("shapes");
    SyntheticShapes.builder()
        .optCountPerClass(1)
        .optSize(16)
        .optChannels(1)
        .build()
        .writeDirectory(shapes);
    byte[] png;
    try (Stream<Path> files = Files.walk(shapes.resolve("triangle"))) {
      png = Files.readAllBytes(files.filter(Files::isRegularFile).findFirst().orElseThrow());
    }
    List<Prediction> top = models.withClassifier(m, c -> c.classify(png, 3));
    assertEquals(3, top.size());
    double sum = top.stream().mapToDouble(Prediction::probability).sum();
    assertEquals(1.0, sum, 1e-3);
    assertEquals(top, models.withClassifier(m, c -> c.classify(png, 3)));
  }
}
