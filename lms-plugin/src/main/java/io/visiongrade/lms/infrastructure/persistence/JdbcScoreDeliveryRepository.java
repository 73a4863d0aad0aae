package io.visiongrade.lms.infrastructure.persistence;

import io.visiongrade.lms.domain.grading.DeliveryFilter;
import io.visiongrade.lms.domain.grading.DeliveryState;
import io.visiongrade.lms.domain.grading.ScoreDelivery;
import io.visiongrade.lms.domain.grading.ScoreDeliveryRepository;
import io.visiongrade.lms.domain.grading.ScoreDeliveryView;
import io.visiongrade.lms.domain.grading.ScoreTarget;
import io.visiongrade.lms.lti.services.Score;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * {@link ScoreDeliveryRepository} in plain JDBC on the product's data source.
 *
 * <p>Why not JPA: every write of the outbox is a conditional, set-based statement (claim and record
 * on a version, supersede a pair, release a lease, find due rows with no sibling in flight). In JPA
 * those would be JPQL bulk updates that bypass the entities anyway; here the SQL is in plain sight
 * and the same in the server and in unit tests, where it runs on H2 with the real migrations. In
 * the server the data source takes part in JTA, so inside a transaction (a grading use case) these
 * statements join it, and outside one (the sender) each statement commits on its own.
 */
@ApplicationScoped
public class JdbcScoreDeliveryRepository implements ScoreDeliveryRepository {

  private static final String COLUMNS =
      "id, issuer, client_id, context_id, line_item_url, user_id, score_given, score_maximum,"
          + " activity_progress, grading_progress, comment, score_timestamp, grade_ref, state,"
          + " attempts, next_attempt_at, claimed_until, last_error, created_at, delivered_at,"
          + " version";

  @Resource(lookup = DatabaseMigrator.DATA_SOURCE)
  DataSource dataSource;

  /** For CDI. */
  protected JdbcScoreDeliveryRepository() {}

  /** Outside a container (tests, tools). */
  public JdbcScoreDeliveryRepository(DataSource dataSource) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
  }

  @Override
  public ScoreDelivery add(ScoreDelivery delivery) {
    ScoreDeliveryView d = delivery.view();
    String sql =
        "INSERT INTO score_outbox (issuer, client_id, context_id, line_item_url, user_id,"
            + " score_given, score_maximum, activity_progress, grading_progress, comment,"
            + " score_timestamp, grade_ref, state, attempts, next_attempt_at, claimed_until,"
            + " last_error, created_at, delivered_at, version)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql, new String[] {"id"})) {
      int i = 1;
      s.setString(i++, d.target().issuer());
      s.setString(i++, d.target().clientId());
      s.setString(i++, d.target().contextId());
      s.setString(i++, d.target().lineItemUrl().toString());
      s.setString(i++, d.score().userId());
      setDouble(s, i++, d.score().scoreGiven());
      setDouble(s, i++, d.score().scoreMaximum());
      s.setString(i++, d.score().activityProgress().name());
      s.setString(i++, d.score().gradingProgress().name());
      s.setString(i++, d.score().comment().orElse(null));
      Jdbc.setInstant(s, i++, d.score().timestamp());
      s.setString(i++, d.gradeRef());
      s.setString(i++, d.state().name());
      s.setInt(i++, d.attempts());
      Jdbc.setInstant(s, i++, d.nextAttemptAt());
      Jdbc.setInstant(s, i++, d.claimedUntil().orElse(null));
      s.setString(i++, d.lastError().orElse(null));
      Jdbc.setInstant(s, i++, d.createdAt());
      Jdbc.setInstant(s, i++, d.deliveredAt().orElse(null));
      s.setLong(i, d.version());
      s.executeUpdate();
      long id = Jdbc.generatedId(s, "delivery");
      return find(c, id).orElseThrow();
    } catch (SQLException e) {
      throw failed("storing " + delivery, e);
    }
  }

  @Override
  public Optional<ScoreDelivery> find(long id) {
    try (Connection c = dataSource.getConnection()) {
      return find(c, id);
    } catch (SQLException e) {
      throw failed("reading score delivery " + id, e);
    }
  }

  @Override
  public Optional<ScoreDelivery> update(ScoreDelivery changed) {
    ScoreDeliveryView d = changed.view();
    String sql =
        "UPDATE score_outbox SET state = ?, attempts = ?, next_attempt_at = ?, claimed_until = ?,"
            + " last_error = ?, delivered_at = ?, version = version + 1"
            + " WHERE id = ? AND version = ?";
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, d.state().name());
      s.setInt(2, d.attempts());
      Jdbc.setInstant(s, 3, d.nextAttemptAt());
      Jdbc.setInstant(s, 4, d.claimedUntil().orElse(null));
      s.setString(5, d.lastError().orElse(null));
      Jdbc.setInstant(s, 6, d.deliveredAt().orElse(null));
      s.setLong(7, d.id());
      s.setLong(8, d.version());
      return s.executeUpdate() == 1 ? find(c, d.id()) : Optional.empty();
    } catch (SQLException e) {
      throw failed("updating " + changed, e);
    }
  }

  @Override
  public int supersedePending(URI lineItemUrl, String userId) {
    String sql =
        "UPDATE score_outbox SET state = 'SUPERSEDED', version = version + 1"
            + " WHERE line_item_url = ? AND user_id = ? AND state = 'PENDING'";
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, lineItemUrl.toString());
      s.setString(2, userId);
      return s.executeUpdate();
    } catch (SQLException e) {
      throw failed("superseding the pending scores of " + userId + " at " + lineItemUrl, e);
    }
  }

  @Override
  public Optional<Instant> latestScoreTimestamp(URI lineItemUrl, String userId) {
    String sql =
        "SELECT MAX(score_timestamp) FROM score_outbox WHERE line_item_url = ? AND user_id = ?";
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, lineItemUrl.toString());
      s.setString(2, userId);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.ofNullable(Jdbc.instant(r, 1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw failed("reading the latest score of " + userId + " at " + lineItemUrl, e);
    }
  }

  @Override
  public List<ScoreDelivery> findDue(Instant now, int limit) {
    String sql =
        "SELECT "
            + prefixed("d")
            + " FROM score_outbox d WHERE d.state = 'PENDING' AND d.next_attempt_at <= ?"
            + " AND NOT EXISTS (SELECT 1 FROM score_outbox o WHERE o.line_item_url ="
            + " d.line_item_url AND o.user_id = d.user_id AND o.id <> d.id"
            + " AND o.claimed_until > ?)"
            + " ORDER BY d.next_attempt_at, d.id";
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      Jdbc.setInstant(s, 1, now);
      Jdbc.setInstant(s, 2, now);
      s.setMaxRows(Math.max(1, limit));
      return readAll(s);
    } catch (SQLException e) {
      throw failed("finding due score deliveries", e);
    }
  }

  @Override
  public void releaseClaim(long id, Instant leaseUntil) {
    String sql =
        "UPDATE score_outbox SET claimed_until = NULL, version = version + 1"
            + " WHERE id = ? AND claimed_until = ?";
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setLong(1, id);
      Jdbc.setInstant(s, 2, leaseUntil);
      s.executeUpdate();
    } catch (SQLException e) {
      throw failed("releasing the claim on score delivery " + id, e);
    }
  }

  @Override
  public List<ScoreDelivery> list(DeliveryFilter filter) {
    StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM score_outbox WHERE 1 = 1");
    List<String> args = new ArrayList<>();
    filter
        .registration()
        .ifPresent(
            r -> {
              sql.append(" AND issuer = ? AND client_id = ?");
              args.add(r.issuer());
              args.add(r.clientId());
            });
    filter.contextId().ifPresent(v -> where(sql, args, "context_id", v));
    filter.lineItemUrl().ifPresent(v -> where(sql, args, "line_item_url", v.toString()));
    filter.userId().ifPresent(v -> where(sql, args, "user_id", v));
    filter.gradeRef().ifPresent(v -> where(sql, args, "grade_ref", v));
    filter.state().ifPresent(v -> where(sql, args, "state", v.name()));
    sql.append(" ORDER BY id DESC");
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql.toString())) {
      for (int i = 0; i < args.size(); i++) {
        s.setString(i + 1, args.get(i));
      }
      s.setMaxRows(filter.limit());
      return readAll(s);
    } catch (SQLException e) {
      throw failed("listing score deliveries", e);
    }
  }

  @Override
  public Map<DeliveryState, Long> countByState() {
    Map<DeliveryState, Long> counts = new EnumMap<>(DeliveryState.class);
    for (DeliveryState state : DeliveryState.values()) {
      counts.put(state, 0L);
    }
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT state, COUNT(*) FROM score_outbox GROUP BY state")) {
      while (r.next()) {
        counts.put(DeliveryState.valueOf(r.getString(1)), r.getLong(2));
      }
      return counts;
    } catch (SQLException e) {
      throw failed("counting score deliveries", e);
    }
  }

  // --- Mapping -----------------------------------------------------------------------------------

  private static Optional<ScoreDelivery> find(Connection c, long id) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("SELECT " + COLUMNS + " FROM score_outbox WHERE id = ?")) {
      s.setLong(1, id);
      List<ScoreDelivery> found = readAll(s);
      return found.stream().findFirst();
    }
  }

  private static List<ScoreDelivery> readAll(PreparedStatement s) throws SQLException {
    List<ScoreDelivery> out = new ArrayList<>();
    try (ResultSet r = s.executeQuery()) {
      while (r.next()) {
        out.add(ScoreDelivery.restore(row(r)));
      }
    }
    return out;
  }

  private static ScoreDeliveryView row(ResultSet r) throws SQLException {
    ScoreTarget target =
        new ScoreTarget(
            r.getString("issuer"),
            r.getString("client_id"),
            r.getString("context_id"),
            URI.create(r.getString("line_item_url")));
    Score score =
        new Score(
            r.getString("user_id"),
            optionalDouble(r, "score_given"),
            optionalDouble(r, "score_maximum"),
            Score.ActivityProgress.valueOf(r.getString("activity_progress")),
            Score.GradingProgress.valueOf(r.getString("grading_progress")),
            Optional.ofNullable(r.getString("comment")),
            Jdbc.instant(r, "score_timestamp"));
    return new ScoreDeliveryView(
        r.getLong("id"),
        target,
        score,
        r.getString("grade_ref"),
        DeliveryState.valueOf(r.getString("state")),
        r.getInt("attempts"),
        Jdbc.instant(r, "next_attempt_at"),
        Optional.ofNullable(Jdbc.instant(r, "claimed_until")),
        Optional.ofNullable(r.getString("last_error")),
        Jdbc.instant(r, "created_at"),
        Optional.ofNullable(Jdbc.instant(r, "delivered_at")),
        r.getLong("version"));
  }

  private static String prefixed(String alias) {
    return alias + "." + COLUMNS.replace(", ", ", " + alias + ".");
  }

  private static void where(StringBuilder sql, List<String> args, String column, String value) {
    sql.append(" AND ").append(column).append(" = ?");
    args.add(value);
  }

  private static Optional<Double> optionalDouble(ResultSet r, String column) throws SQLException {
    double v = r.getDouble(column);
    return r.wasNull() ? Optional.empty() : Optional.of(v);
  }

  private static void setDouble(PreparedStatement s, int i, Optional<Double> v)
      throws SQLException {
    if (v.isPresent()) {
      s.setDouble(i, v.get());
    } else {
      s.setNull(i, Types.DOUBLE);
    }
  }

  private static IllegalStateException failed(String what, SQLException e) {
    return new IllegalStateException("Database failure while " + what + ": " + e.getMessage(), e);
  }
}
