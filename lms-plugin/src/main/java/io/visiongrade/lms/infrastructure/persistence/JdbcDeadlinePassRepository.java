package io.visiongrade.lms.infrastructure.persistence;

import io.visiongrade.lms.domain.submission.DeadlinePassRepository;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/** {@link DeadlinePassRepository} in plain JDBC (table {@code deadline_regrade}, H2 and PG). */
@ApplicationScoped
public class JdbcDeadlinePassRepository implements DeadlinePassRepository {

  @Resource(lookup = DatabaseMigrator.DATA_SOURCE)
  DataSource dataSource;

  private Jdbc jdbc;

  /** For CDI. */
  protected JdbcDeadlinePassRepository() {}

  /** Outside a container (tests, tools). */
  public JdbcDeadlinePassRepository(DataSource dataSource) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    this.jdbc = new Jdbc(dataSource);
  }

  @PostConstruct
  void init() {
    jdbc = new Jdbc(dataSource);
  }

  @Override
  public List<DuePass> pending(Instant now, int limit) {
    return jdbc.query(
        "SELECT DISTINCT s.exercise_id, s.user_id, COALESCE(x.due_at, e.due_at) AS due"
            + " FROM submission s"
            + " JOIN exercise e ON e.id = s.exercise_id"
            + " LEFT JOIN exercise_extension x"
            + "   ON x.exercise_id = s.exercise_id AND x.user_id = s.user_id"
            + " WHERE e.public_test_fraction IS NOT NULL AND s.status = 'GRADED'"
            + " AND COALESCE(x.due_at, e.due_at) <= ?"
            + " AND NOT EXISTS (SELECT 1 FROM deadline_regrade d"
            + "   WHERE d.exercise_id = s.exercise_id AND d.user_id = s.user_id"
            + "   AND d.due_at = COALESCE(x.due_at, e.due_at))"
            + " ORDER BY due, s.exercise_id, s.user_id FETCH FIRST "
            + Math.max(1, limit)
            + " ROWS ONLY",
        rs -> new DuePass(rs.getLong(1), rs.getString(2), Jdbc.instant(rs, "due")),
        Jdbc.ts(now));
  }

  @Override
  public void markDone(DuePass pass, Instant now) {
    jdbc.update(
        "INSERT INTO deadline_regrade (exercise_id, user_id, due_at, done_at) VALUES (?, ?, ?, ?)",
        pass.exerciseId(),
        pass.userId(),
        Jdbc.ts(pass.dueAt()),
        Jdbc.ts(now));
  }
}
