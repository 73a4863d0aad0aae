package io.visiongrade.lms.infrastructure.persistence;

import io.visiongrade.lms.domain.coursemodel.CourseModel;
import io.visiongrade.lms.domain.coursemodel.CourseModelRepository;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/** {@link CourseModelRepository} in plain JDBC (the same SQL on H2 and PostgreSQL). */
@ApplicationScoped
public class JdbcCourseModelRepository implements CourseModelRepository {

  private static final String COLUMNS =
      "id, course_id, version, dataset_id, dataset_hash, split_seed, spec_json, state, job_id,"
          + " metrics_json, artifact_sha256, failure, promoted, created_by, created_at,"
          + " finished_at";

  @Resource(lookup = DatabaseMigrator.DATA_SOURCE)
  DataSource dataSource;

  private Jdbc jdbc;

  /** For CDI. */
  protected JdbcCourseModelRepository() {}

  /** Outside a container (tests, tools). */
  public JdbcCourseModelRepository(DataSource dataSource) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    this.jdbc = new Jdbc(dataSource);
  }

  @PostConstruct
  void init() {
    jdbc = new Jdbc(dataSource);
  }

  @Override
  public CourseModel add(CourseModel m) {
    return jdbc.transaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO course_model (course_id, version, dataset_id, dataset_hash,"
                      + " split_seed, spec_json, state, promoted, created_by, created_at)"
                      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                  new String[] {"id"})) {
            int i = 1;
            ps.setLong(i++, m.courseId());
            ps.setInt(i++, m.version());
            ps.setLong(i++, m.datasetId());
            ps.setString(i++, m.datasetHash());
            ps.setLong(i++, m.seed());
            ps.setString(i++, m.specJson());
            ps.setString(i++, m.state().name());
            ps.setBoolean(i++, m.promoted());
            ps.setString(i++, m.createdBy());
            ps.setObject(i, Jdbc.ts(m.createdAt()));
            ps.executeUpdate();
            return m.withId(Jdbc.generatedId(ps, "course model"));
          }
        });
  }

  @Override
  public CourseModel update(CourseModel m) {
    long id = m.requireId();
    int n =
        jdbc.with(
            c -> {
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "UPDATE course_model SET state = ?, job_id = ?, metrics_json = ?,"
                          + " artifact_sha256 = ?, failure = ?, finished_at = ? WHERE id = ?")) {
                int i = 1;
                ps.setString(i++, m.state().name());
                if (m.jobId() == null) {
                  ps.setNull(i++, Types.BIGINT);
                } else {
                  ps.setLong(i++, m.jobId());
                }
                ps.setString(i++, m.metricsJson());
                ps.setString(i++, m.artifactSha256());
                ps.setString(i++, m.failure());
                ps.setObject(i++, m.finishedAt() == null ? null : Jdbc.ts(m.finishedAt()));
                ps.setLong(i, id);
                return ps.executeUpdate();
              }
            });
    if (n != 1) {
      throw new IllegalStateException("No course model " + id + " to update");
    }
    return m;
  }

  @Override
  public Optional<CourseModel> find(long id) {
    return jdbc.queryOne(
        "SELECT " + COLUMNS + " FROM course_model WHERE id = ?",
        JdbcCourseModelRepository::map,
        id);
  }

  @Override
  public Optional<CourseModel> findByJob(long jobId) {
    return jdbc.queryOne(
        "SELECT " + COLUMNS + " FROM course_model WHERE job_id = ?",
        JdbcCourseModelRepository::map,
        jobId);
  }

  @Override
  public List<CourseModel> forCourse(long courseId) {
    return jdbc.query(
        "SELECT " + COLUMNS + " FROM course_model WHERE course_id = ? ORDER BY version DESC",
        JdbcCourseModelRepository::map,
        courseId);
  }

  @Override
  public Optional<CourseModel> promoted(long courseId) {
    return jdbc.queryOne(
        "SELECT " + COLUMNS + " FROM course_model WHERE course_id = ? AND promoted = TRUE",
        JdbcCourseModelRepository::map,
        courseId);
  }

  @Override
  public int nextVersion(long courseId) {
    return jdbc.queryOne(
            "SELECT COALESCE(MAX(version), 0) + 1 FROM course_model WHERE course_id = ?",
            rs -> rs.getInt(1),
            courseId)
        .orElse(1);
  }

  @Override
  public void promote(long courseId, long id) {
    jdbc.transaction(
        c -> {
          try (PreparedStatement clear =
                  c.prepareStatement(
                      "UPDATE course_model SET promoted = FALSE WHERE course_id = ? AND id <> ?");
              PreparedStatement set =
                  c.prepareStatement(
                      "UPDATE course_model SET promoted = TRUE WHERE course_id = ? AND id = ?"
                          + " AND state = 'READY'")) {
            clear.setLong(1, courseId);
            clear.setLong(2, id);
            clear.executeUpdate();
            set.setLong(1, courseId);
            set.setLong(2, id);
            if (set.executeUpdate() != 1) {
              throw new IllegalStateException(
                  "Course model " + id + " of course " + courseId + " is not READY");
            }
            return null;
          }
        });
  }

  private static CourseModel map(ResultSet rs) throws SQLException {
    long job = rs.getLong("job_id");
    Long jobId = rs.wasNull() ? null : job;
    return new CourseModel(
        rs.getLong("id"),
        rs.getLong("course_id"),
        rs.getInt("version"),
        rs.getLong("dataset_id"),
        rs.getString("dataset_hash"),
        rs.getLong("split_seed"),
        rs.getString("spec_json"),
        CourseModel.State.valueOf(rs.getString("state")),
        jobId,
        rs.getString("metrics_json"),
        rs.getString("artifact_sha256"),
        rs.getString("failure"),
        rs.getBoolean("promoted"),
        rs.getString("created_by"),
        Jdbc.instant(rs, "created_at"),
        rs.getObject("finished_at") == null ? null : Jdbc.instant(rs, "finished_at"));
  }
}
