package io.visiongrade.lms.infrastructure.persistence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.visiongrade.lms.domain.answer.AnswerGrade;
import io.visiongrade.lms.domain.course.SubmissionKind;
import io.visiongrade.lms.domain.gradebook.GradebookRecords;
import io.visiongrade.lms.domain.submission.Grade;
import io.visiongrade.lms.domain.submission.Submission;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The course-wide reads of the gradebook (submissions of a course and of an exercise, grades,
 * answers) and the test-image keys (migration V9), on H2; on PostgreSQL by the subclass. Rows of
 * another course never show.
 */
class JdbcGradebookRecordsTest {

  static final Instant T0 = Instant.parse("2026-11-28T12:00:00.123456Z");

  DataSource ds;
  Jdbc jdbc;
  JdbcSubmissionRepository submissions;
  JdbcGradeRepository grades;
  JdbcGradebookRecords records;
  long course;
  long otherCourse;
  long exercise;
  long otherExercise;

  @BeforeEach
  void setUp() {
    ds = newDataSource();
    jdbc = new Jdbc(ds);
    submissions = new JdbcSubmissionRepository(ds);
    grades = new JdbcGradeRepository(ds);
    records = new JdbcGradebookRecords(ds);
    course = TestDatabase.addCourse(ds, "ctx-1");
    otherCourse = TestDatabase.addCourse(ds, "ctx-2");
    exercise = addExercise(course);
    otherExercise = addExercise(otherCourse);
  }

  protected DataSource newDataSource() {
    return TestDatabase.migrated();
  }

  long addExercise(long courseId) {
    jdbc.update(
        "INSERT INTO exercise (course_id, kind, title, max_score, created_at) VALUES (?, ?, ?, ?,"
            + " ?)",
        courseId,
        "CLASSIFIER_CHALLENGE",
        "Shapes",
        10.0,
        T0);
    return jdbc.queryOne("SELECT MAX(id) FROM exercise", rs -> rs.getLong(1)).orElseThrow();
  }

  Submission add(long exerciseId, long courseId, String user, Instant at) {
    return submissions.add(
        Submission.received(
            exerciseId,
            courseId,
            user,
            SubmissionKind.PREDICTIONS_CSV,
            "c".repeat(64),
            42,
            at,
            false,
            Optional.of(URI.create("https://lms.example/ags/lineitems/1"))));
  }

  @Test
  void submissionsOfACourseAndOfAnExercise() {
    Submission a = add(exercise, course, "s1", T0);
    Submission b = add(exercise, course, "s2", T0.plusSeconds(5));
    add(otherExercise, otherCourse, "s1", T0.plusSeconds(1));

    assertEquals(List.of(a, b), submissions.inCourse(course, 100));
    assertEquals(List.of(b, a), submissions.forExercise(exercise, 100));
    assertEquals(List.of(b), submissions.forExercise(exercise, 1));
    assertEquals(List.of(), submissions.forExercise(exercise + 999, 100));
  }

  @Test
  void gradesAndAnswersOfACourseOnly() {
    Submission a = add(exercise, course, "s1", T0);
    Submission other = add(otherExercise, otherCourse, "s1", T0);
    Grade g = new Grade(exercise, "s1", a.requireId(), 7.5, 10, T0);
    grades.put(g);
    grades.put(new Grade(otherExercise, "s1", other.requireId(), 1, 10, T0));
    jdbc.update(
        "INSERT INTO image_answer_grade (exercise_id, user_id, accepted, in_review, prompts,"
            + " points, max_points, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        exercise,
        "s2",
        1,
        1,
        3,
        10.0 / 3,
        10.0,
        T0);

    assertEquals(List.of(g), records.challengeGrades(course));
    assertEquals(
        List.of(new AnswerGrade(exercise, "s2", 1, 1, 3, 10.0 / 3, 10.0, T0)),
        records.answerGrades(course));
    assertEquals(List.<GradebookRecords.AnswerAttempt>of(), records.answers(course));
  }

  @Test
  void aTestImageKeyIsMadeOnceAndKept() {
    JdbcTestImageKeyRepository keys = new JdbcTestImageKeyRepository(ds);
    byte[] first = keys.keyFor(exercise, T0);
    assertEquals(32, first.length);
    assertArrayEquals(first, keys.keyFor(exercise, T0.plusSeconds(60)));
    assertArrayEquals(first, new JdbcTestImageKeyRepository(ds).keyFor(exercise, T0));
    byte[] other = keys.keyFor(otherExercise, T0);
    assertEquals(false, java.util.Arrays.equals(first, other));
  }
}
