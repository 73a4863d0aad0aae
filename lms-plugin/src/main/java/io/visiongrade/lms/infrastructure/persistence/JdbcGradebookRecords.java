package io.visiongrade.lms.infrastructure.persistence;

import io.visiongrade.lms.domain.answer.AnswerGrade;
import io.visiongrade.lms.domain.gradebook.GradebookRecords;
import io.visiongrade.lms.domain.submission.Grade;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/** {@link GradebookRecords} in plain JDBC (the same SQL on H2 and PostgreSQL). */
@ApplicationScoped
public class JdbcGradebookRecords implements GradebookRecords {

  @Resource(lookup = DatabaseMigrator.DATA_SOURCE)
  DataSource dataSource;

  private Jdbc jdbc;

  /** For CDI. */
  protected JdbcGradebookRecords() {}

  /** Outside a container (tests, tools). */
  public JdbcGradebookRecords(DataSource dataSource) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    this.jdbc = new Jdbc(dataSource);
  }

  @PostConstruct
  void init() {
    jdbc = new Jdbc(dataSource);
  }

  @Override
  public List<Grade> challengeGrades(long courseId) {
    return jdbc.query(
        "SELECT g.exercise_id, g.user_id, g.submission_id, g.points, g.max_points, g.updated_at"
            + " FROM grade g JOIN exercise e ON e.id = g.exercise_id WHERE e.course_id = ?"
            + " ORDER BY g.exercise_id, g.user_id FETCH FIRST "
            + MAX_ROWS
            + " ROWS ONLY",
        rs ->
            new Grade(
                rs.getLong("exercise_id"),
                rs.getString("user_id"),
                rs.getLong("submission_id"),
                rs.getDouble("points"),
                rs.getDouble("max_points"),
                Jdbc.instant(rs, "updated_at")),
        courseId);
  }

  @Override
  public List<AnswerGrade> answerGrades(long courseId) {
    return jdbc.query(
        "SELECT g.exercise_id, g.user_id, g.accepted, g.in_review, g.prompts, g.points,"
            + " g.max_points, g.updated_at FROM image_answer_grade g"
            + " JOIN exercise e ON e.id = g.exercise_id WHERE e.course_id = ?"
            + " ORDER BY g.exercise_id, g.user_id FETCH FIRST "
            + MAX_ROWS
            + " ROWS ONLY",
        rs ->
            new AnswerGrade(
                rs.getLong("exercise_id"),
                rs.getString("user_id"),
                rs.getInt("accepted"),
                rs.getInt("in_review"),
                rs.getInt("prompts"),
                rs.getDouble("points"),
                rs.getDouble("max_points"),
                Jdbc.instant(rs, "updated_at")),
        courseId);
  }

  @Override
  public List<AnswerAttempt> answers(long courseId) {
    return jdbc.query(
        "SELECT id, exercise_id, user_id, submitted_at FROM image_answer WHERE course_id = ?"
            + " ORDER BY submitted_at, id FETCH FIRST "
            + MAX_ROWS
            + " ROWS ONLY",
        rs ->
            new AnswerAttempt(
                rs.getLong("id"),
                rs.getLong("exercise_id"),
                rs.getString("user_id"),
                Jdbc.instant(rs, "submitted_at")),
        courseId);
  }
}
