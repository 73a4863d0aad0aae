package io.visiongrade.web.course;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.visiongrade.lms.domain.DomainException;
import io.visiongrade.lms.domain.course.Course;
import io.visiongrade.lms.domain.course.Exercise;
import io.visiongrade.lms.domain.course.SubmissionKind;
import io.visiongrade.lms.domain.grading.BlindPhase;
import io.visiongrade.lms.domain.submission.Submission;
import io.visiongrade.lms.domain.submission.SubmissionResults;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a student sees of a submission, and which kind a body is. */
class SubmissionJsonTest {

  static final Instant T0 = Instant.parse("2026-11-28T12:00:00Z");
  static final Instant DUE = T0.plusSeconds(3600);

  final Exercise exercise =
      new Exercise(
          new Course("https://lms.example", "client-1", "ctx", "Course", T0),
          Exercise.Kind.CLASSIFIER_CHALLENGE,
          "Shapes",
          10,
          T0);

  Submission graded() {
    SubmissionResults r =
        new SubmissionResults(
            "{\"metric\":\"ACCURACY\"}",
            0.8,
            8,
            0.6,
            6.0,
            0,
            "a".repeat(64),
            "b".repeat(64),
            3,
            T0);
    return Submission.received(
            1, 1, "s1", SubmissionKind.SPEC, "a".repeat(64), 10, T0, false, Optional.empty())
        .withId(5)
        .queued(9)
        .graded(r, "sent");
  }

  @Test
  void thePrivatePartIsHiddenUntilTheDueDate() {
    exercise.schedule(null, DUE);
    exercise.useBlindPhase(new BlindPhase(0.5));
    SubmissionJson before = SubmissionJson.of(graded(), exercise, 0, T0);
    assertNull(before.privateMetric());
    assertEquals(8.0, before.points());
    assertEquals(0.8, before.publicMetric());
    assertEquals("ACCURACY", before.metrics().getString("metric"));
    SubmissionJson after = SubmissionJson.of(graded(), exercise, 0, DUE.plusSeconds(1));
    assertEquals(0.6, after.privateMetric());
    assertEquals(6.0, after.points());
  }

  @Test
  void theKindComesFromTheParameterElseTheMediaType() {
    assertEquals(
        SubmissionKind.SPEC,
        ExerciseSubmissionsResource.kindOf(null, MediaType.APPLICATION_JSON_TYPE));
    assertEquals(
        SubmissionKind.PREDICTIONS_CSV,
        ExerciseSubmissionsResource.kindOf(null, new MediaType("text", "csv", "utf-8")));
    assertEquals(
        SubmissionKind.TORCHSCRIPT,
        ExerciseSubmissionsResource.kindOf(null, MediaType.APPLICATION_OCTET_STREAM_TYPE));
    assertEquals(
        SubmissionKind.PREDICTIONS_CSV,
        ExerciseSubmissionsResource.kindOf(
            "predictions_csv", MediaType.APPLICATION_OCTET_STREAM_TYPE));
    assertThrows(
        DomainException.Invalid.class,
        () -> ExerciseSubmissionsResource.kindOf("DRAWING", MediaType.APPLICATION_JSON_TYPE));
  }
}
