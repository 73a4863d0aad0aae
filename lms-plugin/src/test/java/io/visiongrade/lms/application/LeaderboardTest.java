package io.visiongrade.lms.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.visiongrade.lms.domain.course.SubmissionKind;
import io.visiongrade.lms.domain.submission.Grade;
import io.visiongrade.lms.domain.submission.Submission;
import io.visiongrade.lms.domain.submission.SubmissionResults;
import io.visiongrade.lms.infrastructure.persistence.Jdbc;
import io.visiongrade.lms.infrastructure.persistence.JdbcGradeRepository;
import io.visiongrade.lms.infrastructure.persistence.JdbcSubmissionRepository;
import io.visiongrade.lms.infrastructure.persistence.TestDatabase;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The pseudonymous leaderboard on H2: counting grades best first, pseudonyms, the caller's row. */
class LeaderboardTest {

  static final Instant T0 = Instant.parse("2026-11-28T12:00:00Z");

  @Test
  void pseudonymsAreStableDifferentPerCourseAndNeverTheId() {
    String a = Leaderboard.pseudonym(1, "user-sub-123");
    assertEquals(a, Leaderboard.pseudonym(1, "user-sub-123"));
    assertNotEquals(a, Leaderboard.pseudonym(2, "user-sub-123"));
    assertNotEquals(a, Leaderboard.pseudonym(1, "user-sub-124"));
    assertFalse(a.contains("user") || a.contains("123"), a);
    assertTrue(a.matches("[A-Z][a-z]+ [A-Z][a-z]+ [0-9A-F]{2}"), a);
  }

  @Test
  void rowsAreTheCountingGradesBestFirstWithSharedRanks() {
    DataSource ds = TestDatabase.migrated();
    long course = TestDatabase.addCourse(ds, "ctx-lb");
    Jdbc jdbc = new Jdbc(ds);
    jdbc.update(
        "INSERT INTO exercise (course_id, kind, title, max_score, created_at) VALUES (?, ?, ?, ?,"
            + " ?)",
        course,
        "CLASSIFIER_CHALLENGE",
        "Shapes",
        10.0,
        T0);
    long exercise =
        jdbc.queryOne("SELECT MAX(id) FROM exercise", rs -> rs.getLong(1)).orElseThrow();
    JdbcSubmissionRepository submissions = new JdbcSubmissionRepository(ds);
    JdbcGradeRepository grades = new JdbcGradeRepository(ds);
    String[] users = {"s1", "s2", "s3"};
    double[] points = {6, 9, 6};
    for (int i = 0; i < users.length; i++) {
      Submission s =
          submissions.add(
              Submission.received(
                  exercise,
                  course,
                  users[i],
                  SubmissionKind.SPEC,
                  "c".repeat(64),
                  1,
                  T0.plusSeconds(i),
                  false,
                  Optional.empty()));
      s =
          submissions.update(
              s.queued(100 + i)
                  .started()
                  .graded(
                      new SubmissionResults(
                          "{}",
                          points[i] / 10,
                          points[i],
                          null,
                          null,
                          0,
                          "c".repeat(64),
                          "d".repeat(64),
                          1,
                          T0),
                      null));
      grades.put(new Grade(exercise, users[i], s.requireId(), points[i], 10, T0.plusSeconds(i)));
    }
    List<Leaderboard.Row> rows = new Leaderboard(ds).of(course, exercise, "s3");
    assertEquals(3, rows.size());
    assertEquals(List.of(1, 2, 2), rows.stream().map(Leaderboard.Row::rank).toList());
    assertEquals(Leaderboard.pseudonym(course, "s2"), rows.get(0).pseudonym());
    assertEquals(0.9, rows.get(0).metric(), 1e-9);
    assertEquals(List.of(false, false, true), rows.stream().map(Leaderboard.Row::you).toList());
    for (Leaderboard.Row r : rows) {
      assertFalse(r.pseudonym().contains("s1") || r.pseudonym().contains("s2"));
    }
    assertTrue(new Leaderboard(ds).of(course, exercise + 1, "s1").isEmpty());
  }
}
