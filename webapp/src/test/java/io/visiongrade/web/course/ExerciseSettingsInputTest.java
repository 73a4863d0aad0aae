package io.visiongrade.web.course;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.visiongrade.lms.application.ExerciseSettings;
import io.visiongrade.lms.domain.DomainException;
import io.visiongrade.lms.domain.course.ComputeCaps;
import io.visiongrade.lms.domain.course.SubmissionKind;
import io.visiongrade.lms.domain.grading.AttemptSelection;
import io.visiongrade.lms.domain.grading.LatePolicy;
import io.visiongrade.lms.domain.grading.Rubric;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExerciseSettingsInputTest {

  static ExerciseSettingsInput input(String opensAt, String dueAt, Map<String, String> ext) {
    return new ExerciseSettingsInput(
        3L,
        28,
        28,
        1,
        5L,
        opensAt,
        dueAt,
        new ExerciseSettingsInput.LateInput(10.0, 40.0),
        ext,
        3,
        60L,
        4,
        "LAST",
        new ExerciseSettingsInput.CapsInput(120, 5000L, 2),
        0.3,
        Set.of("SPEC", "PREDICTIONS_CSV"),
        List.of(new ExerciseSettingsInput.PromptInput("Draw a 7", "7")),
        0.9,
        0.1,
        new ExerciseSettingsInput.RubricInput("MACRO_F1", null, 0.95),
        25.0,
        true);
  }

  @Test
  void everyFieldReachesTheUseCase() {
    ExerciseSettings s =
        input(
                "2026-12-01T09:00:00Z",
                "2026-12-08T09:00:00Z",
                Map.of("student-2", "2026-12-10T09:00:00Z"))
            .toSettings();
    assertEquals(3L, s.datasetId());
    assertEquals(Instant.parse("2026-12-01T09:00:00Z"), s.opensAt());
    assertEquals(Instant.parse("2026-12-08T09:00:00Z"), s.dueAt());
    assertEquals(new LatePolicy(10, 40), s.latePolicy());
    assertEquals(Instant.parse("2026-12-10T09:00:00Z"), s.extensions().get("student-2"));
    assertEquals(AttemptSelection.LAST, s.attemptSelection());
    assertEquals(new ComputeCaps(120, 5000, 2), s.computeCaps());
    assertEquals(0.3, s.blindPhase().publicFraction());
    assertEquals(EnumSet.of(SubmissionKind.SPEC, SubmissionKind.PREDICTIONS_CSV), s.allowedKinds());
    assertEquals("7", s.prompts().get(0).expectedClass());
    assertEquals(new Rubric(Rubric.Metric.MACRO_F1, null, 0.95), s.rubric());
    assertEquals(25.0, s.maxScore());
    assertEquals(true, s.chargeUserErrors());
  }

  @Test
  void absentFieldsStayAbsent() {
    ExerciseSettings s =
        new ExerciseSettingsInput(
                null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null)
            .toSettings();
    assertNull(s.maxScore());
    assertNull(s.chargeUserErrors());
    assertNull(s.datasetId());
    assertNull(s.latePolicy());
    assertNull(s.extensions());
    assertNull(s.allowedKinds());
    assertNull(s.rubric());
  }

  @Test
  void badInstantsAreA400NamingTheField() {
    var e =
        assertThrows(DomainException.Invalid.class, () -> input("monday", null, null).toSettings());
    assertEquals(
        "opensAt must be an ISO-8601 instant such as 2026-12-08T09:00:00Z, got \"monday\"",
        e.getMessage());
    e =
        assertThrows(
            DomainException.Invalid.class,
            () -> input(null, null, Map.of("student-2", "soon")).toSettings());
    assertTrue(e.getMessage().startsWith("extensions.student-2 must be"), e.getMessage());
  }

  @Test
  void domainRulesStillApply() {
    var e =
        assertThrows(
            DomainException.Invalid.class,
            () ->
                new ExerciseSettingsInput(
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        new ExerciseSettingsInput.LateInput(50.0, 10.0),
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null)
                    .toSettings());
    assertTrue(e.getMessage().startsWith("late policy: capPercent"), e.getMessage());
  }
}
