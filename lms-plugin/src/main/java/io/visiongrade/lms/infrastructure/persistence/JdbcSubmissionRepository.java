package io.visiongrade.lms.infrastructure.persistence;

import io.visiongrade.lms.domain.course.SubmissionKind;
import io.visiongrade.lms.domain.grading.Rubric;
import io.visiongrade.lms.domain.submission.Submission;
import io.visiongrade.lms.domain.submission.SubmissionRepository;
import io.visiongrade.lms.domain.submission.SubmissionResults;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/** {@link SubmissionRepository} in plain JDBC (the same SQL on H2 and PostgreSQL). */
@ApplicationScoped
public class JdbcSubmissionRepository implements SubmissionRepository {

  private static final String COLUMNS =
      "id, exercise_id, course_id, user_id, kind, content_sha256, content_size, submitted_at,"
          + " late, status, job_id, line_item_url, failure, charged, metrics_json, public_metric,"
          + " public_points, private_metric, private_points, penalty_percent, model_hash,"
          + " dataset_hash, split_seed, graded_at, passback_note, graded_metric,"
          + " graded_public_fraction";

  @Resource(lookup = DatabaseMigrator.DATA_SOURCE)
  DataSource dataSource;

  private Jdbc jdbc;

  /** For CDI. */
  protected JdbcSubmissionRepository() {}

  /** Outside a container (tests, tools). */
  public JdbcSubmissionRepository(DataSource dataSource) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    this.jdbc = new Jdbc(dataSource);
  }

  @PostConstruct
  void init() {
    jdbc = new Jdbc(dataSource);
  }

  @Override
  public Submission add(Submission s) {
    return jdbc.transaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO submission (exercise_id, course_id, user_id, kind, content_sha256,"
                      + " content_size, submitted_at, late, status, job_id, line_item_url,"
                      + " failure, charged) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                  new String[] {"id"})) {
            int i = 1;
            ps.setLong(i++, s.exerciseId());
            ps.setLong(i++, s.courseId());
            ps.setString(i++, s.userId());
            ps.setString(i++, s.kind().name());
            ps.setString(i++, s.contentSha256());
            ps.setLong(i++, s.contentSize());
            ps.setObject(i++, Jdbc.ts(s.submittedAt()));
            ps.setBoolean(i++, s.late());
            ps.setString(i++, s.status().name());
            setLong(ps, i++, s.jobId());
            ps.setString(i++, s.lineItemUrl().map(URI::toString).orElse(null));
            ps.setString(i++, s.failure().orElse(null));
            ps.setBoolean(i, s.charged());
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
              keys.next();
              return s.withId(keys.getLong(1));
            }
          }
        });
  }

  @Override
  public Submission update(Submission s) {
    long id = s.requireId();
    int n =
        jdbc.with(
            c -> {
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "UPDATE submission SET status = ?, job_id = ?, failure = ?, charged = ?,"
                          + " metrics_json = ?, public_metric = ?, public_points = ?,"
                          + " private_metric = ?, private_points = ?, penalty_percent = ?,"
                          + " model_hash = ?, dataset_hash = ?, split_seed = ?, graded_at = ?,"
                          + " passback_note = ?, graded_metric = ?, graded_public_fraction = ?"
                          + " WHERE id = ?")) {
                SubmissionResults r = s.results().orElse(null);
                int i = 1;
                ps.setString(i++, s.status().name());
                setLong(ps, i++, s.jobId());
                ps.setString(i++, s.failure().orElse(null));
                ps.setBoolean(i++, s.charged());
                ps.setString(i++, r == null ? null : r.metricsJson());
                setDouble(ps, i++, r == null ? null : r.publicMetric());
                setDouble(ps, i++, r == null ? null : r.publicPoints());
                setDouble(ps, i++, r == null ? null : r.privateMetric());
                setDouble(ps, i++, r == null ? null : r.privatePoints());
                setDouble(ps, i++, r == null ? null : r.penaltyPercent());
                ps.setString(i++, r == null ? null : r.modelHash());
                ps.setString(i++, r == null ? null : r.datasetHash());
                setLong(ps, i++, r == null ? null : r.splitSeed());
                ps.setObject(i++, r == null ? null : Jdbc.ts(r.gradedAt()));
                ps.setString(i++, s.passbackNote().orElse(null));
                ps.setString(i++, r == null || r.metric() == null ? null : r.metric().name());
                setDouble(ps, i++, r == null ? null : r.publicFraction());
                ps.setLong(i, id);
                return ps.executeUpdate();
              }
            });
    if (n != 1) {
      throw new IllegalStateException("No submission " + id + " to update");
    }
    return s;
  }

  @Override
  public Optional<Submission> find(long id) {
    return jdbc.queryOne(
        "SELECT " + COLUMNS + " FROM submission WHERE id = ?", JdbcSubmissionRepository::map, id);
  }

  @Override
  public Optional<Submission> findByJob(long jobId) {
    return jdbc.queryOne(
        "SELECT " + COLUMNS + " FROM submission WHERE job_id = ?",
        JdbcSubmissionRepository::map,
        jobId);
  }

  @Override
  public List<Submission> forStudent(long exerciseId, String userId) {
    return jdbc.query(
        "SELECT "
            + COLUMNS
            + " FROM submission WHERE exercise_id = ? AND user_id = ? ORDER BY submitted_at, id",
        JdbcSubmissionRepository::map,
        exerciseId,
        userId);
  }

  @Override
  public List<Submission> forStudentInCourse(long courseId, String userId, int limit) {
    return jdbc.query(
        "SELECT "
            + COLUMNS
            + " FROM submission WHERE course_id = ? AND user_id = ?"
            + " ORDER BY submitted_at DESC, id DESC FETCH FIRST "
            + Math.max(1, limit)
            + " ROWS ONLY",
        JdbcSubmissionRepository::map,
        courseId,
        userId);
  }

  @Override
  public List<String> studentsOf(long exerciseId) {
    return jdbc.query(
        "SELECT DISTINCT user_id FROM submission WHERE exercise_id = ? ORDER BY user_id",
        rs -> rs.getString(1),
        exerciseId);
  }

  public List<Submission> forExercise(long exerciseId, int limit) {
    return jdbc.query(
        "SELECT "
            + COLUMNS
            + " FROM submission WHERE exercise_id = ?"
            + " ORDER BY submitted_at DESC, id DESC FETCH FIRST "
            + Math.max(1, limit)
            + " ROWS ONLY",
        JdbcSubmissionRepository::map,
        exerciseId);
  }

  @Override
  public List<Submission> inCourse(long courseId, int limit) {
    return jdbc.query(
        "SELECT "
            + COLUMNS
            + " FROM submission WHERE course_id = ?"
            + " ORDER BY submitted_at, id FETCH FIRST "
            + Math.max(1, limit)
            + " ROWS ONLY",
        JdbcSubmissionRepository::map,
        courseId);
  }

  private static Submission map(ResultSet rs) throws SQLException {
    SubmissionResults results = null;
    if (rs.getString("metrics_json") != null) {
      String metric = rs.getString("graded_metric");
      results =
          new SubmissionResults(
              rs.getString("metrics_json"),
              rs.getDouble("public_metric"),
              rs.getDouble("public_points"),
              nullableDouble(rs, "private_metric"),
              nullableDouble(rs, "private_points"),
              rs.getDouble("penalty_percent"),
              rs.getString("model_hash"),
              rs.getString("dataset_hash"),
              rs.getLong("split_seed"),
              Jdbc.instant(rs, "graded_at"),
              metric == null ? null : Rubric.Metric.valueOf(metric),
              nullableDouble(rs, "graded_public_fraction"));
    }
    long job = rs.getLong("job_id");
    Long jobId = rs.wasNull() ? null : job;
    String url = rs.getString("line_item_url");
    return new Submission(
        rs.getLong("id"),
        rs.getLong("exercise_id"),
        rs.getLong("course_id"),
        rs.getString("user_id"),
        SubmissionKind.valueOf(rs.getString("kind")),
        rs.getString("content_sha256"),
        rs.getLong("content_size"),
        Jdbc.instant(rs, "submitted_at"),
        rs.getBoolean("late"),
        Submission.Status.valueOf(rs.getString("status")),
        jobId,
        Optional.ofNullable(url).map(URI::create),
        Optional.ofNullable(rs.getString("failure")),
        rs.getBoolean("charged"),
        Optional.ofNullable(results),
        Optional.ofNullable(rs.getString("passback_note")));
  }

  private static Double nullableDouble(ResultSet rs, String column) throws SQLException {
    double v = rs.getDouble(column);
    return rs.wasNull() ? null : v;
  }

  private static void setLong(PreparedStatement ps, int i, Long v) throws SQLException {
    if (v == null) {
      ps.setNull(i, Types.BIGINT);
    } else {
      ps.setLong(i, v);
    }
  }

  private static void setDouble(PreparedStatement ps, int i, Double v) throws SQLException {
    if (v == null) {
      ps.setNull(i, Types.DOUBLE);
    } else {
      ps.setDouble(i, v);
    }
  }
}
