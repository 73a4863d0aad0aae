package io.visiongrade.lms.domain.course;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.visiongrade.lms.domain.DomainException;
import io.visiongrade.lms.domain.dataset.Dataset;
import io.visiongrade.lms.domain.dataset.DatasetClass;
import io.visiongrade.lms.domain.dataset.SplitFractions;
import io.visiongrade.lms.domain.grading.AttemptSelection;
import io.visiongrade.lms.domain.grading.BlindPhase;
import io.visiongrade.lms.domain.grading.LatePolicy;
import io.visiongrade.lms.domain.grading.Rubric;
import io.visiongrade.lms.domain.grading.StudentHistory;
import io.visiongrade.lms.domain.grading.SubmissionDecision;
import io.visiongrade.lms.domain.grading.SubmissionPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExerciseSettingsTest {

  static final Instant OPEN = Instant.parse("2026-12-01T09:00:00Z");
  static final Instant DUE = Instant.parse("2026-12-08T09:00:00Z");

  final Course course = TestCourses.course(1, "ctx-1");
  final Exercise challenge = TestCourses.exercise(10, course, Exercise.Kind.CLASSIFIER_CHALLENGE);
  final Exercise imageAnswer = TestCourses.exercise(11, course, Exercise.Kind.IMAGE_ANSWER);

  static Dataset shapes(long courseId) {
    return new Dataset(
        5L,
        courseId,
        "shapes",
        1,
        "a".repeat(64),
        "b".repeat(64),
        100,
        Dataset.Format.CLASS_FOLDERS_ZIP,
        32,
        32,
        3,
        List.of(new DatasetClass("circle", 10), new DatasetClass("square", 10)),
        9,
        SplitFractions.DEFAULT,
        "teacher-1",
        OPEN);
  }

  @Test
  void aNewExerciseIsOpenUnlimitedAndGradedOnAccuracyFromChance() {
    Exercise e = challenge;
    assertTrue(e.datasetId().isEmpty());
    assertTrue(e.opensAt().isEmpty());
    assertTrue(e.dueAt().isEmpty());
    assertTrue(e.latePolicy().isEmpty());
    assertTrue(e.maxAttempts().isEmpty());
    assertEquals(Duration.ZERO, e.minInterval());
    assertTrue(e.dailyCap().isEmpty());
    assertEquals(AttemptSelection.BEST, e.attemptSelection());
    assertEquals(ComputeCaps.DEFAULT, e.computeCaps());
    assertTrue(e.blindPhase().isEmpty());
    assertEquals(
        EnumSet.of(SubmissionKind.SPEC, SubmissionKind.TORCHSCRIPT, SubmissionKind.PREDICTIONS_CSV),
        e.allowedKinds());
    assertEquals(
        EnumSet.of(SubmissionKind.IMAGE_UPLOAD, SubmissionKind.DRAWING),
        imageAnswer.allowedKinds());
    assertEquals(Rubric.DEFAULT, e.rubric());
    assertEquals(5, e.points(0.75, 2, OptionalDouble.empty()), 1e-12);
    assertTrue(
        SubmissionPolicy.check(e.submissionRules(), StudentHistory.none("s"), OPEN).allowed());
  }

  @Test
  void theScheduleLatePolicyLimitsAndExtensionsReachTheSubmissionPolicy() {
    Exercise e = challenge;
    e.schedule(OPEN, DUE);
    e.limitAttempts(3, Duration.ofSeconds(60), 2);
    e.grantExtension("student-x", DUE.plus(Duration.ofDays(1)));
    Instant late = DUE.plusSeconds(3600);
    assertEquals(
        SubmissionDecision.Outcome.CLOSED,
        SubmissionPolicy.check(e.submissionRules(), StudentHistory.none("s"), late).outcome());
    assertTrue(
        SubmissionPolicy.check(e.submissionRules(), StudentHistory.none("student-x"), late)
            .allowed());
    e.setLatePolicy(new LatePolicy(10, 30));
    SubmissionDecision d =
        SubmissionPolicy.check(e.submissionRules(), StudentHistory.none("s"), late);
    assertTrue(d.allowed());
    assertTrue(d.late());
    assertEquals(DUE.plus(Duration.ofDays(1)), e.dueFor("student-x").orElseThrow());
    assertEquals(DUE, e.dueFor("s").orElseThrow());
    assertTrue(e.revokeExtension("student-x"));
    assertFalse(e.revokeExtension("student-x"));
    e.setLatePolicy(null);
    assertTrue(e.latePolicy().isEmpty());
  }

  @Test
  void limitsOfZeroOrNullMeanUnlimited() {
    challenge.limitAttempts(0, null, 0);
    assertTrue(challenge.maxAttempts().isEmpty());
    assertTrue(challenge.dailyCap().isEmpty());
    var e =
        assertThrows(
            DomainException.Invalid.class, () -> challenge.limitAttempts(-2, Duration.ZERO, null));
    assertEquals("maxAttempts must be at least 1, got -2", e.getMessage());
  }

  @Test
  void scheduleValidationNamesBothDates() {
    var e = assertThrows(DomainException.Invalid.class, () -> challenge.schedule(DUE, OPEN));
    assertEquals(
        "schedule: dueAt (2026-12-01T09:00:00Z) must be after opensAt (2026-12-08T09:00:00Z)",
        e.getMessage());
    challenge.schedule(OPEN, null);
    assertThrows(
        DomainException.Invalid.class, () -> challenge.grantExtension("s", OPEN.minusSeconds(1)));
    assertThrows(DomainException.Invalid.class, () -> challenge.grantExtension(" ", DUE));
  }

  @Test
  void aDatasetOfTheCourseSetsTheInputShapeAndSeed() {
    challenge.useDataset(shapes(1), null, null, 1, 42);
    assertEquals(5L, challenge.datasetId().orElseThrow());
    assertEquals(32, challenge.inputWidth().orElseThrow());
    assertEquals(32, challenge.inputHeight().orElseThrow());
    assertEquals(1, challenge.inputChannels().orElseThrow());
    assertEquals(42, challenge.splitSeed());
    var e =
        assertThrows(
            DomainException.Invalid.class, () -> challenge.useDataset(shapes(1), 4, null, null, 0));
    assertEquals("inputWidth must be between 8 and 1024, got 4", e.getMessage());
    assertThrows(
        DomainException.Invalid.class, () -> challenge.useDataset(shapes(1), null, null, 2, 0));
  }

  @Test
  void anotherCoursesDatasetIsNotFound() {
    var e =
        assertThrows(
            DomainException.NotFound.class,
            () -> challenge.useDataset(shapes(2), null, null, null, 0));
    assertEquals("Dataset 5 not found", e.getMessage());
  }

  @Test
  void kindsMustFitTheExercise() {
    challenge.allowSubmissions(Set.of(SubmissionKind.PREDICTIONS_CSV));
    assertEquals(EnumSet.of(SubmissionKind.PREDICTIONS_CSV), challenge.allowedKinds());
    var e =
        assertThrows(
            DomainException.Invalid.class,
            () -> challenge.allowSubmissions(Set.of(SubmissionKind.DRAWING)));
    assertTrue(
        e.getMessage()
            .startsWith("allowedKinds: a CLASSIFIER_CHALLENGE exercise cannot take DRAWING"),
        e.getMessage());
    assertThrows(DomainException.Invalid.class, () -> challenge.allowSubmissions(Set.of()));
  }

  @Test
  void promptsNeedAnImageAnswerExerciseClassesOfTheDatasetAndOrderedThresholds() {
    List<ImagePrompt> prompts =
        List.of(new ImagePrompt("Draw a circle", "circle"), new ImagePrompt("A square", "square"));
    imageAnswer.askFor(prompts, 0.9, 0.2, shapes(1));
    assertEquals(prompts, imageAnswer.prompts());
    assertEquals(0.9, imageAnswer.acceptThreshold());
    assertEquals(0.2, imageAnswer.rejectThreshold());

    var e =
        assertThrows(
            DomainException.Invalid.class,
            () ->
                imageAnswer.askFor(
                    List.of(new ImagePrompt("Draw a star", "star")), 0.9, 0.2, shapes(1)));
    assertEquals(
        "prompt expectedClass 'star' is not a class of dataset shapes [circle, square]",
        e.getMessage());
    e =
        assertThrows(
            DomainException.Invalid.class, () -> imageAnswer.askFor(prompts, 0.5, 0.6, null));
    assertEquals(
        "rejectThreshold must be at least 0 and below acceptThreshold (0.5), got 0.6",
        e.getMessage());
    e =
        assertThrows(
            DomainException.Invalid.class, () -> challenge.askFor(prompts, 0.8, 0.3, null));
    assertEquals("prompts: only image-answer exercises have prompts", e.getMessage());
    assertThrows(DomainException.Invalid.class, () -> new ImagePrompt(" ", "circle"));
    assertThrows(DomainException.Invalid.class, () -> new ImagePrompt("x", ""));
    // A dataset chosen later must have the prompts' classes too.
    Dataset digits =
        new Dataset(
            6L,
            1,
            "digits",
            1,
            "a".repeat(64),
            "b".repeat(64),
            1,
            Dataset.Format.IDX_ZIP,
            28,
            28,
            1,
            List.of(new DatasetClass("0", 3), new DatasetClass("1", 3)),
            0,
            SplitFractions.DEFAULT,
            null,
            OPEN);
    assertThrows(
        DomainException.Invalid.class, () -> imageAnswer.useDataset(digits, null, null, null, 0));
  }

  @Test
  void computeCapsBlindPhaseAndRubricRoundTrip() {
    challenge.capCompute(new ComputeCaps(120, 50_000, 2));
    assertEquals(new ComputeCaps(120, 50_000, 2), challenge.computeCaps());
    challenge.useBlindPhase(new BlindPhase(0.4));
    assertEquals(0.4, challenge.blindPhase().orElseThrow().publicFraction());
    challenge.useBlindPhase(null);
    assertTrue(challenge.blindPhase().isEmpty());
    challenge.useRubric(new Rubric(Rubric.Metric.MACRO_F1, 0.2, 0.9));
    assertEquals(new Rubric(Rubric.Metric.MACRO_F1, 0.2, 0.9), challenge.rubric());
    challenge.countAttempts(AttemptSelection.LAST);
    assertEquals(AttemptSelection.LAST, challenge.attemptSelection());
    var e = assertThrows(DomainException.Invalid.class, () -> new ComputeCaps(5, 1, 1));
    assertEquals("wallSeconds must be between 10 and 86400, got 5", e.getMessage());
    assertThrows(DomainException.Invalid.class, () -> new ComputeCaps(60, 0, 1));
    assertThrows(DomainException.Invalid.class, () -> new ComputeCaps(60, 1, 1001));
  }
}
