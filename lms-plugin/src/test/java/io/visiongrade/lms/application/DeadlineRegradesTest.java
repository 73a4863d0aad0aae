package io.visiongrade.lms.application;

import static io.visiongrade.lms.application.ChallengeFixture.T0;
import static io.visiongrade.lms.application.ChallengeFixture.body;
import static io.visiongrade.lms.application.ChallengeFixture.student;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.visiongrade.lms.domain.DomainException;
import io.visiongrade.lms.domain.course.Exercise;
import io.visiongrade.lms.domain.course.SubmissionKind;
import io.visiongrade.lms.domain.grading.BlindPhase;
import io.visiongrade.lms.domain.grading.DeliveryFilter;
import io.visiongrade.lms.domain.grading.ScoreDeliveryView;
import io.visiongrade.lms.domain.submission.DeadlinePassRepository.DuePass;
import io.visiongrade.lms.infrastructure.lti.LaunchSession;
import io.visiongrade.lms.infrastructure.persistence.Jdbc;
import io.visiongrade.lms.infrastructure.persistence.JdbcDeadlinePassRepository;
import io.visiongrade.lms.lti.registration.RegistrationKey;
import io.visiongrade.lms.lti.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The blind phase at the deadline: after each student's due date their grade switches to the
 * private part's points, once per due date, with the changed score enqueued; what passed while the
 * server was down is caught up; extensions and moved due dates are respected.
 */
class DeadlineRegradesTest {

  static final Instant DUE = T0.plus(Duration.ofHours(1));

  @TempDir Path dir;
  ChallengeFixture f;
  GradeSubmissionHandler grader;
  JdbcDeadlinePassRepository passes;
  Jdbc jdbc;
  long exerciseId;

  @BeforeEach
  void setUp() throws Exception {
    f = new ChallengeFixture(dir);
    exerciseId = f.exercise.getId();
    grader = new GradeSubmissionHandler(f.submissions, f.library, f.testImages, f.store);
    passes = new JdbcDeadlinePassRepository(f.ds);
    jdbc = new Jdbc(f.ds);
    // The exercise as the teacher saved it (the fixture's exercise object and its row).
    f.exercise.useBlindPhase(new BlindPhase(0.5));
    f.exercise.schedule(null, DUE);
    jdbc.update(
        "UPDATE exercise SET due_at = ?, public_test_fraction = ? WHERE id = ?",
        Jdbc.ts(DUE),
        0.5,
        exerciseId);
  }

  DeadlineRegrades regrades(java.time.Clock clock) {
    return new DeadlineRegrades(
        passes,
        f.submissions,
        new ChallengeSubmissions.Exercises() {
          @Override
          public Exercise inCourse(LaunchSession session, long id) {
            throw new DomainException.NotFound("Exercise", id);
          }

          @Override
          public long courseIdOf(LaunchSession session) {
            return f.courseId;
          }

          @Override
          public Exercise byId(long id) {
            return f.exercise;
          }
        },
        clock);
  }

  /** Right on the public part of the test split only, class 0 on the private part. */
  String publicOnlyCsv() {
    var test = f.testImages.withPublicIds(f.exercise, f.library.load(f.exercise));
    BlindPhase.Parts parts =
        f.exercise.blindPhase().orElseThrow().split(test.labels(), f.exercise.splitSeed());
    Set<Integer> pub = new HashSet<>();
    for (int i : parts.publicIndices()) {
      pub.add(i);
    }
    StringBuilder sb = new StringBuilder("id,label\n");
    for (int i = 0; i < test.size(); i++) {
      sb.append(test.id(i)).append(',').append(pub.contains(i) ? test.label(i) : 0).append('\n');
    }
    return sb.toString();
  }

  void grade(String user) throws Exception {
    var s =
        f.submissions.submit(
            student(user), exerciseId, SubmissionKind.PREDICTIONS_CSV, body(publicOnlyCsv()));
    grader.run(new ChallengeFixture.Context(f.jobs.get(s.jobId())));
  }

  double points(String user) {
    return f.gradeRepo.find(exerciseId, user).orElseThrow().points();
  }

  List<ScoreDeliveryView> scores() {
    return f.outbox.deliveries(
        DeliveryFilter.course(new RegistrationKey("https://lms.example", "client-1"), "ctx-1"));
  }

  /** What the scheduler does in one pass. */
  int pass(DeadlineRegrades r) {
    int changed = 0;
    for (DuePass p : r.due(100)) {
      changed += r.regradeAtDeadline(p) ? 1 : 0;
    }
    return changed;
  }

  @Test
  void atTheDueDateTheGradeSwitchesToThePrivatePartOnce() throws Exception {
    grade("s1");
    assertEquals(10.0, points("s1"), 1e-9, "the public part before the due date");
    assertEquals(1, scores().size());
    DeadlineRegrades r = regrades(f.clock);
    assertTrue(r.due(100).isEmpty(), "not due yet");

    f.clock.advance(Duration.ofHours(1).plusSeconds(1));
    assertEquals(List.of(new DuePass(exerciseId, "s1", DUE)), r.due(100));
    assertEquals(1, pass(r));
    assertTrue(points("s1") < 10.0, "the private part after it: " + points("s1"));
    assertEquals(2, scores().size());
    assertEquals(points("s1"), scores().get(0).score().scoreGiven().orElseThrow(), 1e-9);

    f.clock.advance(Duration.ofMinutes(5));
    assertTrue(r.due(100).isEmpty(), "done once");
    assertEquals(0, pass(r));
    assertEquals(2, scores().size());
  }

  @Test
  void anExtensionDefersTheSwitchForThatStudentOnly() throws Exception {
    Instant extended = DUE.plus(Duration.ofDays(1));
    f.exercise.grantExtension("s2", extended);
    jdbc.update(
        "INSERT INTO exercise_extension (exercise_id, user_id, due_at) VALUES (?, ?, ?)",
        exerciseId,
        "s2",
        Jdbc.ts(extended));
    grade("s1");
    grade("s2");
    DeadlineRegrades r = regrades(f.clock);

    f.clock.advance(Duration.ofHours(2));
    assertEquals(List.of(new DuePass(exerciseId, "s1", DUE)), r.due(100));
    assertEquals(1, pass(r));
    assertEquals(10.0, points("s2"), 1e-9);

    f.clock.advance(Duration.ofDays(1));
    assertEquals(List.of(new DuePass(exerciseId, "s2", extended)), r.due(100));
    assertEquals(1, pass(r));
    assertTrue(points("s2") < 10.0);
  }

  @Test
  void deadlinesThatPassedWhileDownAreCaughtUpOnStartUp() throws Exception {
    grade("s1");
    grade("s2");
    // The server is down across the deadline; a new instance (after a restart) with a later clock.
    MutableClock later = new MutableClock(DUE.plus(Duration.ofDays(3)));
    DeadlineRegrades restarted = regrades(later);
    assertEquals(2, restarted.due(100).size());
    // The first student is done, then the server dies again before the second.
    assertTrue(restarted.regradeAtDeadline(restarted.due(1).get(0)));
    DeadlineRegrades again = regrades(later);
    assertEquals(1, again.due(100).size());
    assertEquals(1, pass(again));
    assertTrue(again.due(100).isEmpty());
    assertEquals(4, scores().size());
  }

  @Test
  void aMovedDueDateIsHandledAgainAndExercisesWithoutBlindPhaseAreNot() throws Exception {
    grade("s1");
    DeadlineRegrades r = regrades(f.clock);
    f.clock.advance(Duration.ofHours(2));
    assertEquals(1, pass(r));

    Instant moved = DUE.plus(Duration.ofHours(3));
    f.exercise.schedule(null, moved);
    jdbc.update("UPDATE exercise SET due_at = ? WHERE id = ?", Jdbc.ts(moved), exerciseId);
    assertTrue(r.due(100).isEmpty(), "the new due date has not passed");
    f.clock.advance(Duration.ofHours(3));
    assertEquals(List.of(new DuePass(exerciseId, "s1", moved)), r.due(100));
    assertFalse(r.regradeAtDeadline(r.due(100).get(0)), "already the private part");
    assertTrue(r.due(100).isEmpty());

    jdbc.update("UPDATE exercise SET public_test_fraction = NULL WHERE id = ?", exerciseId);
    f.clock.advance(Duration.ofDays(10));
    assertTrue(r.due(100).isEmpty());
  }
}
