package io.visiongrade.lms.infrastructure.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.visiongrade.lms.domain.course.SubmissionKind;
import io.visiongrade.lms.domain.submission.Grade;
import io.visiongrade.lms.domain.submission.Submission;
import io.visiongrade.lms.domain.submission.SubmissionResults;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Submissions and grades in JDBC (migration V6) on H2; on PostgreSQL by the subclass. */
class JdbcSubmissionRepositoryTest {

  static final Instant T0 = Instant.parse("2026-11-28T12:00:00.123456Z");

  DataSource ds;
  JdbcSubmissionRepository submissions;
  JdbcGradeRepository grades;
  long courseId;
  long exerciseId;

  @BeforeEach
  void setUp() {
    ds = newDataSource();
    submissions = new JdbcSubmissionRepository(ds);
    grades = new JdbcGradeRepository(ds);
    courseId = TestDatabase.addCourse(ds, "ctx-1");
    Jdbc jdbc = new Jdbc(ds);
    jdbc.update(
        "INSERT INTO exercise (course_id, kind, title, max_score, created_at) VALUES (?, ?, ?, ?,"
            + " ?)",
        courseId,
        "CLASSIFIER_CHALLENGE",
        "Shapes",
        10.0,
        T0);
    exerciseId = jdbc.queryOne("SELECT MAX(id) FROM exercise", rs -> rs.getLong(1)).orElseThrow();
  }

  protected DataSource newDataSource() {
    return TestDatabase.migrated();
  }

  Submission received(String user, Instant at) {
    return Submission.received(
        exerciseId,
        courseId,
        user,
        SubmissionKind.SPEC,
        "c".repeat(64),
        42,
        at,
        false,
        Optional.of(URI.create("https://lms.example/ags/lineitems/1")));
  }

  @Test
  void aSubmissionGoesThroughItsStatesAndKeepsItsResults() {
    Submission s = submissions.add(received("s1", T0));
    assertEquals(s, submissions.find(s.requireId()).orElseThrow());
    Submission queued = submissions.update(s.queued(77));
    assertEquals(queued, submissions.findByJob(77).orElseThrow());
    SubmissionResults r =
        new SubmissionResults(
            "{\"metric\":\"ACCURACY\"}",
            0.75,
            7.5,
            0.5,
            5.0,
            10,
            "c".repeat(64),
            "d".repeat(64),
            3,
            T0.plusSeconds(5));
    Submission graded = submissions.update(queued.started().graded(r, "sent"));
    assertEquals(graded, submissions.find(s.requireId()).orElseThrow());
    Submission failed = submissions.update(graded.failed("boom", false));
    assertTrue(submissions.find(s.requireId()).orElseThrow().results().isEmpty());
    assertEquals(failed, submissions.find(s.requireId()).orElseThrow());
  }

  @Test
  void listsAreTheStudentsOwnInOrder() {
    Submission a = submissions.add(received("s1", T0));
    Submission b = submissions.add(received("s1", T0.plusSeconds(1)));
    submissions.add(received("s2", T0.plusSeconds(2)));
    assertEquals(List.of(a, b), submissions.forStudent(exerciseId, "s1"));
    assertEquals(List.of(b, a), submissions.forStudentInCourse(courseId, "s1", 10));
    assertEquals(List.of(b), submissions.forStudentInCourse(courseId, "s1", 1));
  }

  @Test
  void aGradeIsInsertedThenReplaced() {
    Submission a = submissions.add(received("s1", T0));
    Submission b = submissions.add(received("s1", T0.plusSeconds(1)));
    Grade first = grades.put(new Grade(exerciseId, "s1", a.requireId(), 4, 10, T0));
    assertEquals(first, grades.find(exerciseId, "s1").orElseThrow());
    Grade second = grades.put(new Grade(exerciseId, "s1", b.requireId(), 6, 10, T0.plusSeconds(9)));
    assertEquals(second, grades.find(exerciseId, "s1").orElseThrow());
    assertTrue(grades.find(exerciseId, "s2").isEmpty());
  }

  @Test
  void whatResultsWereMeasuredAsIsKeptAndTheStudentsAreListed() {
    Submission s = submissions.add(received("s2", T0));
    submissions.add(received("s1", T0.plusSeconds(1)));
    submissions.add(received("s2", T0.plusSeconds(2)));
    SubmissionResults r =
        new SubmissionResults(
            "{}",
            0.75,
            7.5,
            0.5,
            5.0,
            0,
            "c".repeat(64),
            "d".repeat(64),
            3,
            T0,
            io.visiongrade.lms.domain.grading.Rubric.Metric.MACRO_F1,
            0.4);
    Submission graded = submissions.update(s.queued(1).started().graded(r, null));
    SubmissionResults back = submissions.find(graded.requireId()).orElseThrow().results().get();
    assertEquals(r, back);
    assertTrue(
        back.measuredAs(
            io.visiongrade.lms.domain.grading.Rubric.Metric.MACRO_F1, "d".repeat(64), 3, 0.4));
    assertTrue(
        !back.measuredAs(
            io.visiongrade.lms.domain.grading.Rubric.Metric.MACRO_F1, "d".repeat(64), 3, null));
    assertEquals(List.of("s1", "s2"), submissions.studentsOf(exerciseId));
  }

  @Test
  void dueDatesThatPassedAreFoundOncePerStudentAndDueDate() {
    JdbcDeadlinePassRepository passes = new JdbcDeadlinePassRepository(ds);
    Jdbc jdbc = new Jdbc(ds);
    Instant due = T0.plusSeconds(3600);
    Instant extended = due.plusSeconds(86_400);
    jdbc.update(
        "UPDATE exercise SET due_at = ?, public_test_fraction = 0.5 WHERE id = ?",
        Jdbc.ts(due),
        exerciseId);
    jdbc.update(
        "INSERT INTO exercise_extension (exercise_id, user_id, due_at) VALUES (?, ?, ?)",
        exerciseId,
        "s2",
        Jdbc.ts(extended));
    SubmissionResults r =
        new SubmissionResults("{}", 0.75, 7.5, 0.5, 5.0, 0, "c".repeat(64), "d".repeat(64), 3, T0);
    for (String user : List.of("s1", "s1", "s2", "s3")) {
      Submission s = submissions.add(received(user, T0));
      if (!user.equals("s3")) {
        submissions.update(s.queued(1).started().graded(r, null)); // s3: not graded
      }
    }
    assertTrue(passes.pending(due.minusSeconds(1), 10).isEmpty());
    var s1 =
        new io.visiongrade.lms.domain.submission.DeadlinePassRepository.DuePass(
            exerciseId, "s1", due);
    assertEquals(List.of(s1), passes.pending(due, 10));
    passes.markDone(s1, due);
    assertTrue(passes.pending(due.plusSeconds(60), 10).isEmpty());
    var s2 =
        new io.visiongrade.lms.domain.submission.DeadlinePassRepository.DuePass(
            exerciseId, "s2", extended);
    assertEquals(List.of(s2), passes.pending(extended.plusSeconds(1), 10));
    passes.markDone(s2, extended);
    assertTrue(passes.pending(extended.plusSeconds(60), 10).isEmpty());
    // A moved due date is a new pass.
    Instant later = due.plusSeconds(7200);
    jdbc.update("UPDATE exercise SET due_at = ? WHERE id = ?", Jdbc.ts(later), exerciseId);
    assertEquals(
        List.of(
            new io.visiongrade.lms.domain.submission.DeadlinePassRepository.DuePass(
                exerciseId, "s1", later)),
        passes.pending(extended.plusSeconds(60), 10));
    // Without a blind phase there is nothing to switch.
    jdbc.update("UPDATE exercise SET public_test_fraction = NULL WHERE id = ?", exerciseId);
    assertTrue(passes.pending(extended.plusSeconds(60), 10).isEmpty());
  }

  @Test
  void aGradeRecomputationWaitsForAnotherOfTheSameExerciseToCommit() throws Exception {
    try (Connection first = ds.getConnection()) {
      first.setAutoCommit(false);
      try (PreparedStatement ps =
          first.prepareStatement("SELECT id FROM exercise WHERE id = ? FOR UPDATE")) {
        ps.setLong(1, exerciseId);
        ps.executeQuery().close();
      }
      CompletableFuture<Void> second =
          CompletableFuture.runAsync(() -> grades.lockForRegrade(exerciseId));
      Thread.sleep(300);
      assertFalse(second.isDone(), "the second recomputation must wait for the first");
      first.commit();
      second.get(10, TimeUnit.SECONDS);
    }
  }
}
