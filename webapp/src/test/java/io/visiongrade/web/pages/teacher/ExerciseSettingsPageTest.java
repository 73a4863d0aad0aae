package io.visiongrade.web.pages.teacher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** How the settings form puts a refused setting's message next to its field. */
class ExerciseSettingsPageTest {

  @Test
  void domainMessagesGoToTheFieldTheyNameFirst() {
    assertEquals(
        "rejectThreshold",
        ExerciseSettingsPage.fieldOfMessage(
            "rejectThreshold must be at least 0 and below acceptThreshold (0.5), got 0.9"));
    assertEquals(
        "dueAt",
        ExerciseSettingsPage.fieldOfMessage(
            "schedule: dueAt (2026-01-01T00:00:00Z) must be after opensAt (2026-02-01T00:00:00Z)"));
    assertEquals(
        "late.capPercent",
        ExerciseSettingsPage.fieldOfMessage(
            "late policy: capPercent must be between percentPerDay (10.0) and 100, got 5.0"));
    assertEquals(
        "prompts",
        ExerciseSettingsPage.fieldOfMessage(
            "prompt expectedClass 'dog' is not a class of dataset shapes [circle, square]"));
    assertEquals(
        "rubric.baseline",
        ExerciseSettingsPage.fieldOfMessage(
            "rubric: baseline must be at least 0 and below 1, got 1.5"));
    assertEquals(
        "computeCaps.maxEpochs",
        ExerciseSettingsPage.fieldOfMessage("maxEpochs must be between 1 and 1000, got 0"));
    assertEquals("extensions", ExerciseSettingsPage.fieldOfMessage("extension: userId must ..."));
    assertEquals("", ExerciseSettingsPage.fieldOfMessage("Something else entirely"));
    assertEquals("", ExerciseSettingsPage.fieldOfMessage(null));
  }

  @Test
  void validationPathsGoToTheirFormFields() {
    assertEquals("late.percentPerDay", ExerciseSettingsPage.fieldOfPath("late.percentPerDay"));
    assertEquals("prompts[2].class", ExerciseSettingsPage.fieldOfPath("prompts[2].expectedClass"));
    assertEquals("prompts[0].text", ExerciseSettingsPage.fieldOfPath("prompts[0].text"));
    assertEquals("inputWidth", ExerciseSettingsPage.fieldOfPath("inputWidth"));
    assertEquals(
        "computeCaps.wallSeconds", ExerciseSettingsPage.fieldOfPath("computeCaps.wallSeconds"));
    assertEquals(
        "allowedKinds", ExerciseSettingsPage.fieldOfPath("allowedKinds[].<iterable element>"));
    assertEquals("extensions", ExerciseSettingsPage.fieldOfPath("extensions<K>[x].<map key>"));
    assertEquals("rubric.metric", ExerciseSettingsPage.fieldOfPath("rubric.metric"));
    assertEquals("", ExerciseSettingsPage.fieldOfPath("somethingNew"));
  }

  @Test
  void browserDateTimesAreUtcInstants() {
    assertEquals("2026-12-08T09:00:00Z", ExerciseSettingsPage.instant("2026-12-08T09:00"));
    assertEquals("2026-12-08T09:00:30Z", ExerciseSettingsPage.instant(" 2026-12-08T09:00:30 "));
    assertEquals("2026-12-08T09:00:00Z", ExerciseSettingsPage.instant("2026-12-08T09:00:00Z"));
    assertEquals("next week", ExerciseSettingsPage.instant("next week"));
  }
}
