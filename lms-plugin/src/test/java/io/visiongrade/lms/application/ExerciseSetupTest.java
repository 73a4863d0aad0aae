package io.visiongrade.lms.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.visiongrade.lms.domain.DomainException;
import io.visiongrade.lms.domain.course.ComputeCaps;
import io.visiongrade.lms.domain.course.Course;
import io.visiongrade.lms.domain.course.Exercise;
import io.visiongrade.lms.domain.course.ImagePrompt;
import io.visiongrade.lms.domain.course.SubmissionKind;
import io.visiongrade.lms.domain.course.TestCourses;
import io.visiongrade.lms.domain.dataset.Dataset;
import io.visiongrade.lms.domain.dataset.DatasetClass;
import io.visiongrade.lms.domain.dataset.SplitFractions;
import io.visiongrade.lms.domain.grading.AttemptSelection;
import io.visiongrade.lms.domain.grading.BlindPhase;
import io.visiongrade.lms.domain.grading.LatePolicy;
import io.visiongrade.lms.domain.grading.Rubric;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Saving every setting at once: all applied, or none when one is refused. */
class ExerciseSetupTest {

  static final Instant OPEN = Instant.parse("2026-12-01T09:00:00Z");
  static final Instant DUE = Instant.parse("2026-12-08T09:00:00Z");

  final Course course = TestCourses.course(1, "ctx-1");
  final Exercise exercise = TestCourses.exercise(10, course, Exercise.Kind.IMAGE_ANSWER);
  final Dataset shapes =
      new Dataset(
          5L,
          1,
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

  static ExerciseSettings full(Long datasetId, Double accept) {
    return new ExerciseSettings(
        datasetId,
        null,
        null,
        1,
        null,
        OPEN,
        DUE,
        new LatePolicy(10, 50),
        Map.of("student-x", DUE.plus(Duration.ofDays(2))),
        3,
        60L,
        2,
        AttemptSelection.LAST,
        new ComputeCaps(120, 10_000, 2),
        new BlindPhase(0.5),
        Set.of(SubmissionKind.DRAWING),
        List.of(new ImagePrompt("Draw a circle", "circle")),
        accept,
        0.2,
        new Rubric(Rubric.Metric.MACRO_F1, null, 0.9),
        20.0,
        true);
  }

  @Test
  void everySettingIsApplied() {
    ExerciseSetup.apply(exercise, full(5L, 0.9), shapes);
    assertEquals(5L, exercise.datasetId().orElseThrow());
    assertEquals(9, exercise.splitSeed(), "the dataset's seed unless set");
    assertEquals(1, exercise.inputChannels().orElseThrow());
    assertEquals(32, exercise.inputWidth().orElseThrow());
    assertEquals(OPEN, exercise.opensAt().orElseThrow());
    assertEquals(DUE, exercise.dueAt().orElseThrow());
    assertEquals(new LatePolicy(10, 50), exercise.latePolicy().orElseThrow());
    assertEquals(Set.of("student-x"), exercise.extensions().keySet());
    assertEquals(3, exercise.maxAttempts().orElseThrow());
    assertEquals(Duration.ofSeconds(60), exercise.minInterval());
    assertEquals(2, exercise.dailyCap().orElseThrow());
    assertEquals(AttemptSelection.LAST, exercise.attemptSelection());
    assertEquals(new ComputeCaps(120, 10_000, 2), exercise.computeCaps());
    assertEquals(0.5, exercise.blindPhase().orElseThrow().publicFraction());
    assertEquals(EnumSet.of(SubmissionKind.DRAWING), exercise.allowedKinds());
    assertEquals("circle", exercise.prompts().get(0).expectedClass());
    assertEquals(0.9, exercise.acceptThreshold());
    assertEquals(Rubric.Metric.MACRO_F1, exercise.rubric().metric());
  }

  @Test
  void nullsResetToTheDefaults() {
    ExerciseSetup.apply(exercise, full(5L, 0.9), shapes);
    ExerciseSetup.apply(
        exercise,
        new ExerciseSettings(
            5L, null, null, null, 4L, null, null, null, null, null, null, null, null, null, null,
            null, null, null, null, null, null, null),
        shapes);
    assertEquals(4, exercise.splitSeed());
    assertEquals(3, exercise.inputChannels().orElseThrow());
    assertTrue(exercise.opensAt().isEmpty());
    assertTrue(exercise.latePolicy().isEmpty());
    assertTrue(exercise.extensions().isEmpty());
    assertTrue(exercise.maxAttempts().isEmpty());
    assertEquals(ComputeCaps.DEFAULT, exercise.computeCaps());
    assertTrue(exercise.blindPhase().isEmpty());
    assertEquals(SubmissionKind.possibleFor(Exercise.Kind.IMAGE_ANSWER), exercise.allowedKinds());
    assertTrue(exercise.prompts().isEmpty());
    assertEquals(Exercise.DEFAULT_ACCEPT_THRESHOLD, exercise.acceptThreshold());
    assertEquals(Rubric.DEFAULT, exercise.rubric());
  }

  @Test
  void theMaximumScoreAndTheChargePolicyAreSettings() {
    assertEquals(false, exercise.chargesUserErrors());
    double before = exercise.getMaxScore();
    ExerciseSetup.apply(exercise, full(5L, 0.9), shapes);
    assertEquals(20.0, exercise.getMaxScore());
    assertTrue(exercise.chargesUserErrors());
    ExerciseSetup.apply(
        exercise,
        new ExerciseSettings(
            5L, null, null, null, 4L, null, null, null, null, null, null, null, null, null, null,
            null, null, null, null, null, null, null),
        shapes);
    assertEquals(20.0, exercise.getMaxScore(), "absent: unchanged");
    assertEquals(false, exercise.chargesUserErrors(), "absent: not charged");
    var e =
        assertThrows(
            DomainException.Invalid.class,
            () ->
                ExerciseSetup.apply(
                    exercise,
                    new ExerciseSettings(
                        5L, null, null, null, 4L, null, null, null, null, null, null, null, null,
                        null, null, null, null, null, null, null, 0.0, null),
                    shapes));
    assertTrue(e.getMessage().contains("maximum score"), e.getMessage());
    assertTrue(before > 0);
  }

  @Test
  void theGradingTermsChangeWithWhatGradesAreComputedFromOnly() {
    ExerciseSetup.apply(exercise, full(5L, 0.9), shapes);
    Exercise.GradingTerms terms = exercise.gradingTerms();
    exercise.limitAttempts(7, Duration.ZERO, null);
    exercise.capCompute(new ComputeCaps(100, 1000, 2));
    assertEquals(terms, exercise.gradingTerms(), "attempt limits and caps grade nothing");

    exercise.useRubric(new Rubric(Rubric.Metric.MACRO_F1, null, 0.8));
    Exercise.GradingTerms target = exercise.gradingTerms();
    assertTrue(!terms.equals(target));
    assertTrue(!target.needsEvaluation(terms), "a new target only needs new points");

    exercise.rescale(5);
    assertTrue(!target.equals(exercise.gradingTerms()));
    assertTrue(!exercise.gradingTerms().needsEvaluation(target));

    Exercise.GradingTerms scaled = exercise.gradingTerms();
    exercise.useBlindPhase(new BlindPhase(0.25));
    assertTrue(exercise.gradingTerms().needsEvaluation(scaled), "a new cut of the test split");
    Exercise.GradingTerms blind = exercise.gradingTerms();
    exercise.useRubric(new Rubric(Rubric.Metric.ACCURACY, null, 0.8));
    assertTrue(exercise.gradingTerms().needsEvaluation(blind), "another metric");
  }

  @Test
  void aRefusedSettingLeavesTheExerciseAsItWas() {
    ExerciseSetup.apply(exercise, full(5L, 0.9), shapes);
    // The last setting checked (thresholds) is bad: nothing before it may have changed either.
    ExerciseSettings bad =
        new ExerciseSettings(
            5L, null, null, 3, 1L, null, null, null, null, null, null, null, null, null, null, null,
            null, 0.1, 0.5, null, null, null);
    var e =
        assertThrows(
            DomainException.Invalid.class, () -> ExerciseSetup.apply(exercise, bad, shapes));
    assertEquals(
        "rejectThreshold must be at least 0 and below acceptThreshold (0.1), got 0.5",
        e.getMessage());
    assertEquals(9, exercise.splitSeed());
    assertEquals(OPEN, exercise.opensAt().orElseThrow());
    assertEquals(3, exercise.maxAttempts().orElseThrow());
    assertEquals(1, exercise.prompts().size());
  }

  @Test
  void aChosenDatasetCannotBeDropped() {
    ExerciseSetup.apply(exercise, full(5L, 0.9), shapes);
    var e =
        assertThrows(
            DomainException.Invalid.class,
            () -> ExerciseSetup.apply(exercise, full(null, 0.9), null));
    assertTrue(e.getMessage().startsWith("datasetId:"), e.getMessage());
  }

  @Test
  void promptsNeedTheirClassInTheDataset() {
    ExerciseSettings s = full(null, 0.9);
    // Without a dataset the classes cannot be checked yet; with one they are.
    ExerciseSetup.apply(TestCourses.exercise(11, course, Exercise.Kind.IMAGE_ANSWER), s, null);
    Dataset other =
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
        DomainException.Invalid.class, () -> ExerciseSetup.apply(exercise, full(6L, 0.9), other));
  }
}
