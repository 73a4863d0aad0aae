package io.visiongrade.web.course;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.visiongrade.lms.application.Gradebook;
import io.visiongrade.lms.domain.DomainException;
import io.visiongrade.lms.domain.course.Exercise;
import io.visiongrade.lms.domain.grading.AttemptSelection;
import io.visiongrade.lms.domain.grading.DeliveryState;
import io.visiongrade.lms.lti.services.Member;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** The gradebook's JSON shape and its query parameter. */
class GradebookResourceTest {

  static final Instant T = Instant.parse("2026-11-28T12:00:00Z");

  @Test
  void theExerciseParameterIsAnIdOrNothing() {
    assertEquals(Optional.empty(), GradebookResource.exerciseParam(null));
    assertEquals(Optional.empty(), GradebookResource.exerciseParam(" "));
    assertEquals(Optional.of(42L), GradebookResource.exerciseParam("42"));
    DomainException.Invalid e =
        assertThrows(
            DomainException.Invalid.class, () -> GradebookResource.exerciseParam("forty-two"));
    assertTrue(e.getMessage().contains("forty-two"), e.getMessage());
  }

  @Test
  void cellsAndDeliveriesBecomeJsonWithARetryLinkWhenOneHelps() {
    Gradebook.Delivery failed =
        new Gradebook.Delivery(
            7,
            DeliveryState.FAILED_PERMANENT,
            1,
            Optional.of("400"),
            T,
            Optional.empty(),
            Optional.of(5.0),
            true);
    Gradebook.Delivery done =
        new Gradebook.Delivery(
            8,
            DeliveryState.DELIVERED,
            1,
            Optional.empty(),
            T,
            Optional.of(T),
            Optional.of(5.0),
            false);
    Gradebook.View v =
        new Gradebook.View(
            List.of(
                new Gradebook.Column(
                    3,
                    "Shapes",
                    Exercise.Kind.CLASSIFIER_CHALLENGE,
                    10,
                    Optional.of(T),
                    Optional.of(2),
                    AttemptSelection.BEST)),
            List.of(
                new Gradebook.Row(
                    "s1",
                    Optional.of("Ada"),
                    true,
                    Optional.of(Member.Status.ACTIVE),
                    List.of(cell(Optional.of(failed)))),
                new Gradebook.Row(
                    "s2",
                    Optional.empty(),
                    false,
                    Optional.empty(),
                    List.of(cell(Optional.of(done))))),
            Optional.of("roster down"),
            T);
    GradebookResource.GradebookJson json = GradebookResource.of(v);
    assertEquals("roster down", json.rosterProblem());
    assertEquals("CLASSIFIER_CHALLENGE", json.exercises().get(0).kind());
    assertEquals(2, json.exercises().get(0).maxAttempts());
    GradebookResource.CellJson c1 = json.students().get(0).cells().get(0);
    assertEquals(5.0, c1.points());
    assertNull(c1.bestPoints());
    assertEquals("api/course/score-deliveries/7/retry", c1.delivery().retry());
    assertEquals("FAILED_PERMANENT", c1.delivery().state());
    assertNull(json.students().get(1).cells().get(0).delivery().retry());
    assertNull(json.students().get(1).name());
    assertEquals("ACTIVE", json.students().get(0).rosterStatus());
  }

  static Gradebook.Cell cell(Optional<Gradebook.Delivery> d) {
    return new Gradebook.Cell(
        3,
        "GRADED",
        OptionalDouble.of(5),
        OptionalDouble.empty(),
        Optional.of(11L),
        1,
        1,
        false,
        0,
        0,
        Optional.empty(),
        Optional.of(T),
        d);
  }
}
