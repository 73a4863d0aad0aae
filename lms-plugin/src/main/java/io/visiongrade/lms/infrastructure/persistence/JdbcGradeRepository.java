package io.visiongrade.lms.infrastructure.persistence;

import io.visiongrade.lms.domain.submission.Grade;
import io.visiongrade.lms.domain.submission.GradeRepository;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.PreparedStatement;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/** {@link GradeRepository} in plain JDBC: one row per (exercise, student), replaced in place. */
@ApplicationScoped
public class JdbcGradeRepository implements GradeRepository {

  @Resource(lookup = DatabaseMigrator.DATA_SOURCE)
  DataSource dataSource;

  private Jdbc jdbc;

  /** For CDI. */
  protected JdbcGradeRepository() {}

  /** Outside a container (tests, tools). */
  public JdbcGradeRepository(DataSource dataSource) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    this.jdbc = new Jdbc(dataSource);
  }

  @PostConstruct
  void init() {
    jdbc = new Jdbc(dataSource);
  }

  @Override
  public Optional<Grade> find(long exerciseId, String userId) {
    return jdbc.queryOne(
        "SELECT exercise_id, user_id, submission_id, points, max_points, updated_at FROM grade"
            + " WHERE exercise_id = ? AND user_id = ?",
        rs ->
            new Grade(
                rs.getLong("exercise_id"),
                rs.getString("user_id"),
                rs.getLong("submission_id"),
                rs.getDouble("points"),
                rs.getDouble("max_points"),
                Jdbc.instant(rs, "updated_at")),
        exerciseId,
        userId);
  }

  @Override
  public void lockForRegrade(long exerciseId) {
    jdbc.lockExercise(exerciseId);
  }

  @Override
  public Grade put(Grade g) {
    return jdbc.transaction(
        c -> {
          int n;
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE grade SET submission_id = ?, points = ?, max_points = ?, updated_at = ?"
                      + " WHERE exercise_id = ? AND user_id = ?")) {
            ps.setLong(1, g.submissionId());
            ps.setDouble(2, g.points());
            ps.setDouble(3, g.maxPoints());
            ps.setObject(4, Jdbc.ts(g.updatedAt()));
            ps.setLong(5, g.exerciseId());
            ps.setString(6, g.userId());
            n = ps.executeUpdate();
          }
          if (n == 0) {
            try (PreparedStatement ps =
                c.prepareStatement(
                    "INSERT INTO grade (exercise_id, user_id, submission_id, points, max_points,"
                        + " updated_at) VALUES (?, ?, ?, ?, ?, ?)")) {
              ps.setLong(1, g.exerciseId());
              ps.setString(2, g.userId());
              ps.setLong(3, g.submissionId());
              ps.setDouble(4, g.points());
              ps.setDouble(5, g.maxPoints());
              ps.setObject(6, Jdbc.ts(g.updatedAt()));
              ps.executeUpdate();
            }
          }
          return g;
        });
  }
}
