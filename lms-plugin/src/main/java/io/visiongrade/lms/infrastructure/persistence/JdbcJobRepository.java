package io.visiongrade.lms.infrastructure.persistence;

import io.visiongrade.lms.domain.job.FailureKind;
import io.visiongrade.lms.domain.job.Job;
import io.visiongrade.lms.domain.job.JobLane;
import io.visiongrade.lms.domain.job.JobOwner;
import io.visiongrade.lms.domain.job.JobProgress;
import io.visiongrade.lms.domain.job.JobRepository;
import io.visiongrade.lms.domain.job.JobState;
import io.visiongrade.lms.domain.job.JobView;
import io.visiongrade.lms.domain.job.OwnerRole;
import io.visiongrade.lms.domain.job.QueueSnapshot;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import javax.sql.DataSource;

/**
 * {@link JobRepository} in plain JDBC on the product's data source, for the same reasons as {@link
 * JdbcScoreDeliveryRepository}: every write is a conditional statement (claim on a version, write
 * progress while the lease is held). In the server, inside a transaction (a submission), the
 * statements join it; outside one (the dispatcher) each commits on its own.
 */
@ApplicationScoped
public class JdbcJobRepository implements JobRepository {

  private static final String COLUMNS =
      "id, kind, lane, course_id, owner_id, owner_role, payload, charge_user_errors, state,"
          + " failure_kind, message, result, attempts, infra_failures, max_infra_retries,"
          + " cancel_requested, created_at, not_before, started_at, finished_at, lease_owner,"
          + " lease_until, heartbeat_at, progress_phase, progress_epoch, progress_epochs,"
          + " progress_batch, progress_batches, progress_loss, progress_accuracy, progress_rate,"
          + " progress_eta_s, progress_at, version";

  @Resource(lookup = DatabaseMigrator.DATA_SOURCE)
  DataSource dataSource;

  /** For CDI. */
  protected JdbcJobRepository() {}

  /** Outside a container (tests, tools). */
  public JdbcJobRepository(DataSource dataSource) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
  }

  @Override
  public Job add(Job job) {
    JobView j = job.view();
    String sql =
        "INSERT INTO jobs (kind, lane, course_id, owner_id, owner_role, payload,"
            + " charge_user_errors, state, failure_kind, message, result, attempts,"
            + " infra_failures, max_infra_retries, cancel_requested, created_at, not_before,"
            + " started_at, finished_at, lease_owner, lease_until, heartbeat_at, version)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql, new String[] {"id"})) {
      int i = 1;
      s.setString(i++, j.kind());
      s.setString(i++, j.lane().name());
      s.setLong(i++, j.courseId());
      s.setString(i++, j.owner().userId());
      s.setString(i++, j.owner().role().name());
      s.setString(i++, j.payload());
      s.setBoolean(i++, j.chargeUserErrors());
      i = setMutable(s, i, j);
      s.setLong(i, j.version());
      s.executeUpdate();
      long id = Jdbc.generatedId(s, "job");
      return find(c, id).orElseThrow();
    } catch (SQLException e) {
      throw failed("storing " + job, e);
    }
  }

  @Override
  public Optional<Job> find(long id) {
    try (Connection c = dataSource.getConnection()) {
      return find(c, id);
    } catch (SQLException e) {
      throw failed("reading job " + id, e);
    }
  }

  @Override
  public Optional<Job> update(Job changed) {
    JobView j = changed.view();
    String sql =
        "UPDATE jobs SET state = ?, failure_kind = ?, message = ?, result = ?, attempts = ?,"
            + " infra_failures = ?, max_infra_retries = ?, cancel_requested = ?, created_at = ?,"
            + " not_before = ?, started_at = ?, finished_at = ?, lease_owner = ?,"
            + " lease_until = ?, heartbeat_at = ?, version = version + 1"
            + " WHERE id = ? AND version = ?";
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      int i = setMutable(s, 1, j);
      s.setLong(i++, j.id());
      s.setLong(i, j.version());
      return s.executeUpdate() == 1 ? find(c, j.id()) : Optional.empty();
    } catch (SQLException e) {
      throw failed("updating " + changed, e);
    }
  }

  @Override
  public QueueSnapshot queue(JobLane lane, int limit) {
    try (Connection c = dataSource.getConnection()) {
      List<JobView> queued;
      try (PreparedStatement s =
          c.prepareStatement(
              "SELECT " + COLUMNS + " FROM jobs WHERE lane = ? AND state = 'QUEUED' ORDER BY id")) {
        s.setString(1, lane.name());
        s.setMaxRows(Math.max(1, limit));
        queued = readAll(s).stream().map(Job::view).toList();
      }
      Set<String> running = new HashSet<>();
      try (PreparedStatement s =
          c.prepareStatement(
              "SELECT DISTINCT owner_id FROM jobs WHERE lane = ? AND state = 'RUNNING'"
                  + " AND owner_role = 'STUDENT'")) {
        s.setString(1, lane.name());
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            running.add(r.getString(1));
          }
        }
      }
      Map<String, Instant> served = new HashMap<>();
      try (PreparedStatement s =
          c.prepareStatement(
              "SELECT owner_id, MAX(started_at) FROM jobs WHERE lane = ?"
                  + " AND owner_role = 'STUDENT' AND started_at IS NOT NULL AND owner_id IN"
                  + " (SELECT owner_id FROM jobs WHERE lane = ? AND state = 'QUEUED'"
                  + " AND owner_role = 'STUDENT') GROUP BY owner_id")) {
        s.setString(1, lane.name());
        s.setString(2, lane.name());
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            served.put(r.getString(1), Jdbc.instant(r, 2));
          }
        }
      }
      return new QueueSnapshot(lane, queued, running, served);
    } catch (SQLException e) {
      throw failed("reading the " + lane + " queue", e);
    }
  }

  @Override
  public List<Job> findAbandoned(Instant now, Optional<String> ownNode) {
    String sql =
        "SELECT "
            + COLUMNS
            + " FROM jobs WHERE state = 'RUNNING' AND (lease_until < ? OR lease_owner = ?)"
            + " ORDER BY id";
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      Jdbc.setInstant(s, 1, now);
      s.setString(2, ownNode.orElse(null));
      return readAll(s);
    } catch (SQLException e) {
      throw failed("finding abandoned jobs", e);
    }
  }

  @Override
  public void saveProgress(long id, String leaseOwner, JobProgress p, Instant at) {
    String sql =
        "UPDATE jobs SET progress_phase = ?, progress_epoch = ?, progress_epochs = ?,"
            + " progress_batch = ?, progress_batches = ?, progress_loss = ?,"
            + " progress_accuracy = ?, progress_rate = ?, progress_eta_s = ?, progress_at = ?"
            + " WHERE id = ? AND state = 'RUNNING' AND lease_owner = ?";
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, p.phase());
      setCount(s, 2, p.epoch());
      setCount(s, 3, p.epochs());
      setCount(s, 4, p.batch());
      setCount(s, 5, p.batches());
      setMeasure(s, 6, p.loss());
      setMeasure(s, 7, p.accuracy());
      setMeasure(s, 8, p.imagesPerSecond());
      if (p.etaSeconds() < 0) {
        s.setNull(9, Types.BIGINT);
      } else {
        s.setLong(9, p.etaSeconds());
      }
      Jdbc.setInstant(s, 10, at);
      s.setLong(11, id);
      s.setString(12, leaseOwner);
      s.executeUpdate();
    } catch (SQLException e) {
      throw failed("writing the progress of job " + id, e);
    }
  }

  @Override
  public List<Job> listForCourse(long courseId, int limit) {
    return list("course_id = ?", limit, courseId);
  }

  @Override
  public List<Job> listForOwner(long courseId, String ownerId, int limit) {
    return list("course_id = ? AND owner_id = ?", limit, courseId, ownerId);
  }

  // --- Mapping -----------------------------------------------------------------------------------

  private List<Job> list(String where, int limit, Object... args) {
    String sql = "SELECT " + COLUMNS + " FROM jobs WHERE " + where + " ORDER BY id DESC";
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        s.setObject(i + 1, args[i]);
      }
      s.setMaxRows(Math.max(1, limit));
      return readAll(s);
    } catch (SQLException e) {
      throw failed("listing jobs", e);
    }
  }

  /** The columns a change may touch, in the order of both INSERT and UPDATE. */
  private static int setMutable(PreparedStatement s, int i, JobView j) throws SQLException {
    s.setString(i++, j.state().name());
    s.setString(i++, j.failureKind().map(Enum::name).orElse(null));
    s.setString(i++, j.message().orElse(null));
    s.setString(i++, j.result().orElse(null));
    s.setInt(i++, j.attempts());
    s.setInt(i++, j.infraFailures());
    s.setInt(i++, j.maxInfraRetries());
    s.setBoolean(i++, j.cancelRequested());
    Jdbc.setInstant(s, i++, j.createdAt());
    Jdbc.setInstant(s, i++, j.notBefore());
    Jdbc.setInstant(s, i++, j.startedAt().orElse(null));
    Jdbc.setInstant(s, i++, j.finishedAt().orElse(null));
    s.setString(i++, j.leaseOwner().orElse(null));
    Jdbc.setInstant(s, i++, j.leaseUntil().orElse(null));
    Jdbc.setInstant(s, i++, j.heartbeatAt().orElse(null));
    return i;
  }

  private static Optional<Job> find(Connection c, long id) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("SELECT " + COLUMNS + " FROM jobs WHERE id = ?")) {
      s.setLong(1, id);
      return readAll(s).stream().findFirst();
    }
  }

  private static List<Job> readAll(PreparedStatement s) throws SQLException {
    List<Job> out = new ArrayList<>();
    try (ResultSet r = s.executeQuery()) {
      while (r.next()) {
        out.add(Job.restore(row(r)));
      }
    }
    return out;
  }

  private static JobView row(ResultSet r) throws SQLException {
    String phase = r.getString("progress_phase");
    Optional<JobProgress> progress = Optional.empty();
    if (phase != null) {
      long eta = r.getLong("progress_eta_s");
      boolean noEta = r.wasNull();
      progress =
          Optional.of(
              new JobProgress(
                  phase,
                  r.getInt("progress_epoch"),
                  r.getInt("progress_epochs"),
                  r.getInt("progress_batch"),
                  r.getInt("progress_batches"),
                  measure(r, "progress_loss"),
                  measure(r, "progress_accuracy"),
                  measure(r, "progress_rate"),
                  noEta ? -1 : eta));
    }
    String failure = r.getString("failure_kind");
    return new JobView(
        r.getLong("id"),
        r.getString("kind"),
        JobLane.valueOf(r.getString("lane")),
        r.getLong("course_id"),
        new JobOwner(r.getString("owner_id"), OwnerRole.valueOf(r.getString("owner_role"))),
        r.getString("payload"),
        r.getBoolean("charge_user_errors"),
        JobState.valueOf(r.getString("state")),
        Optional.ofNullable(failure).map(FailureKind::valueOf),
        Optional.ofNullable(r.getString("message")),
        Optional.ofNullable(r.getString("result")),
        r.getInt("attempts"),
        r.getInt("infra_failures"),
        r.getInt("max_infra_retries"),
        r.getBoolean("cancel_requested"),
        Jdbc.instant(r, "created_at"),
        Jdbc.instant(r, "not_before"),
        Optional.ofNullable(Jdbc.instant(r, "started_at")),
        Optional.ofNullable(Jdbc.instant(r, "finished_at")),
        Optional.ofNullable(r.getString("lease_owner")),
        Optional.ofNullable(Jdbc.instant(r, "lease_until")),
        Optional.ofNullable(Jdbc.instant(r, "heartbeat_at")),
        progress,
        Optional.ofNullable(Jdbc.instant(r, "progress_at")),
        r.getLong("version"));
  }

  private static OptionalDouble measure(ResultSet r, String column) throws SQLException {
    double v = r.getDouble(column);
    return r.wasNull() ? OptionalDouble.empty() : OptionalDouble.of(v);
  }

  private static void setMeasure(PreparedStatement s, int i, OptionalDouble v) throws SQLException {
    if (v.isPresent()) {
      s.setDouble(i, v.getAsDouble());
    } else {
      s.setNull(i, Types.DOUBLE);
    }
  }

  private static void setCount(PreparedStatement s, int i, int v) throws SQLException {
    s.setInt(i, v);
  }

  private static IllegalStateException failed(String what, SQLException e) {
    return new IllegalStateException("Database failure while " + what + ": " + e.getMessage(), e);
  }
}
