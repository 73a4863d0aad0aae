package io.visiongrade.lms.application;

import static io.visiongrade.lms.application.ChallengeFixture.student;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.visiongrade.lms.domain.course.SubmissionKind;
import io.visiongrade.lms.domain.job.JobLane;
import io.visiongrade.lms.domain.job.JobUserError;
import io.visiongrade.lms.domain.submission.Submission;
import java.io.InputStream;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TorchScript submissions on an 8x8 grayscale challenge (the fixtures' input). */
class TorchScriptGradingTest {

  @TempDir Path dir;
  ChallengeFixture f;
  GradeSubmissionHandler handler;

  @BeforeEach
  void setUp() throws Exception {
    f = new ChallengeFixture(dir, 8);
    handler = new GradeSubmissionHandler(f.submissions, f.library, f.testImages, f.store);
  }

  Submission submit(String resource) throws Exception {
    try (InputStream in = getClass().getResourceAsStream("/torchscript/" + resource)) {
      return f.submissions.submit(
          student("s1"), f.exercise.getId(), SubmissionKind.TORCHSCRIPT, in);
    }
  }

  @Test
  void aTracedModelIsEvaluatedAndGraded() throws Exception {
    Submission s = submit("three_classes.pt");
    assertEquals(JobLane.TRAINING, f.jobs.get(s.jobId()).lane());
    handler.run(new ChallengeFixture.Context(f.jobs.get(s.jobId())));
    Submission graded = f.submissionRepo.find(s.requireId()).orElseThrow();
    assertEquals(Submission.Status.GRADED, graded.status());
    var r = graded.results().orElseThrow();
    assertTrue(r.metricsJson().contains("\"publicTest\""), r.metricsJson());
    assertTrue(r.publicMetric() >= 0 && r.publicMetric() <= 1);
    assertTrue(f.gradeRepo.find(f.exercise.getId(), "s1").isPresent());
  }

  @Test
  void aCheckpointIsNotTorchScript() throws Exception {
    Submission s = submit("state_dict.pt");
    var e =
        assertThrows(
            JobUserError.class,
            () -> handler.run(new ChallengeFixture.Context(f.jobs.get(s.jobId()))));
    assertTrue(e.getMessage().startsWith("Not a usable TorchScript model"), e.getMessage());
  }
}
