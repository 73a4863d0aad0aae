package io.visiongrade.lms.infrastructure.persistence;

import io.visiongrade.lms.domain.DomainException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Plain JDBC for the small tables whose rows are records rather than entities (LTI states, nonces,
 * keys, sessions). Portable between H2 and PostgreSQL: instants travel as {@link OffsetDateTime} in
 * UTC.
 */
public final class Jdbc {

  /** Maps the current row of a result set. */
  @FunctionalInterface
  public interface RowMapper<T> {
    T map(ResultSet rs) throws SQLException;
  }

  /** Work on one connection. */
  @FunctionalInterface
  public interface ConnectionWork<T> {
    T run(Connection c) throws SQLException;
  }

  private final DataSource dataSource;

  public Jdbc(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Runs an INSERT, UPDATE or DELETE; returns the number of rows it touched. */
  public int update(String sql, Object... params) {
    return with(
        c -> {
          try (PreparedStatement ps = prepare(c, sql, params)) {
            return ps.executeUpdate();
          }
        });
  }

  /** Runs a query and maps every row. */
  public <T> List<T> query(String sql, RowMapper<T> mapper, Object... params) {
    return with(
        c -> {
          try (PreparedStatement ps = prepare(c, sql, params);
              ResultSet rs = ps.executeQuery()) {
            List<T> rows = new ArrayList<>();
            while (rs.next()) {
              rows.add(mapper.map(rs));
            }
            return rows;
          }
        });
  }

  /**
   * Locks an exercise's row until the caller's transaction ends ({@code SELECT ... FOR UPDATE}):
   * two transactions recomputing grades of the same exercise run one after the other, so the second
   * reads what the first committed (without it, two gradings of one student finishing together
   * could each miss the other's result, or both insert the first grade). Outside a transaction it
   * locks nothing for long.
   */
  public void lockExercise(long exerciseId) {
    with(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("SELECT id FROM exercise WHERE id = ? FOR UPDATE")) {
            ps.setLong(1, exerciseId);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next();
            }
          }
        });
  }

  /** Runs a query expected to return at most one row. */
  public <T> Optional<T> queryOne(String sql, RowMapper<T> mapper, Object... params) {
    List<T> rows = query(sql, mapper, params);
    if (rows.size() > 1) {
      throw new IllegalStateException("Expected at most one row, got " + rows.size() + ": " + sql);
    }
    return rows.stream().findFirst();
  }

  /** Runs work on one connection (inside the caller's JTA transaction, if there is one). */
  public <T> T with(ConnectionWork<T> work) {
    Connection connection;
    try {
      connection = dataSource.getConnection();
    } catch (SQLException e) {
      throw new DatabaseUnavailable(
          DatabaseUnavailable.UNREACHABLE, DatabaseUnavailable.redacted(e));
    }
    try (Connection c = connection) {
      return work.run(c);
    } catch (SQLException e) {
      throw new DatabaseUnavailable(e);
    }
  }

  /**
   * Runs work on one connection as one transaction: the caller's JTA transaction if there is one,
   * else a local transaction committed at the end (rolled back on failure).
   */
  public <T> T transaction(ConnectionWork<T> work) {
    return with(
        c -> {
          boolean local = c.getAutoCommit();
          if (local) {
            c.setAutoCommit(false);
          }
          try {
            T result = work.run(c);
            if (local) {
              c.commit();
            }
            return result;
          } catch (SQLException | RuntimeException e) {
            if (local) {
              c.rollback();
            }
            throw e;
          } finally {
            if (local) {
              c.setAutoCommit(true);
            }
          }
        });
  }

  /**
   * The id the database generated for the row an executed INSERT added (the statement was prepared
   * with {@code RETURN_GENERATED_KEYS}).
   *
   * @param what what was inserted, for the error message
   */
  public static long generatedId(PreparedStatement insert, String what) throws SQLException {
    try (ResultSet keys = insert.getGeneratedKeys()) {
      if (!keys.next()) {
        throw new IllegalStateException("The database returned no id for the new " + what);
      }
      return keys.getLong(1);
    }
  }

  /** An instant as a JDBC parameter. */
  public static OffsetDateTime ts(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  /** Sets an instant parameter (UTC), or a typed SQL NULL. */
  public static void setInstant(PreparedStatement s, int index, Instant instant)
      throws SQLException {
    if (instant == null) {
      s.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
    } else {
      s.setObject(index, ts(instant));
    }
  }

  /** An instant column (by position), or null. */
  public static Instant instant(ResultSet rs, int column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  /** An instant column, or null. */
  public static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  private static PreparedStatement prepare(Connection c, String sql, Object... params)
      throws SQLException {
    PreparedStatement ps = c.prepareStatement(sql);
    for (int i = 0; i < params.length; i++) {
      Object p = params[i];
      ps.setObject(i + 1, p instanceof Instant t ? ts(t) : p);
    }
    return ps;
  }

  /** The database failed: unreachable, or a statement it refused. */
  public static final class DatabaseUnavailable extends DomainException.Unavailable {
    private final transient SQLException sqlException;

    /** The message when no connection can be had or it broke (SQL state class 08). */
    public static final String UNREACHABLE =
        "The database is not reachable right now. Try again in a moment.";

    DatabaseUnavailable(SQLException cause) {
      this(
          cause.getSQLState() != null && cause.getSQLState().startsWith("08")
              ? UNREACHABLE
              : "The database failed: " + redact(cause.getMessage()),
          redacted(cause));
    }

    DatabaseUnavailable(String message, SQLException cause) {
      super(message, cause);
      this.sqlException = cause;
    }

    /**
     * The database's message without the values it quotes: H2 and PostgreSQL put the offending
     * row's values (user ids, names) into constraint-violation messages, and these end up in the
     * log (PRIVACY.md: no personal data in logs).
     */
    static String redact(String message) {
      if (message == null) {
        return null;
      }
      return message
          .replaceAll("'(?:[^']|'')*'", "'?'") // H2: quoted literals in VALUES ( ... )
          .replaceAll("\\)=\\([^\\n]*?\\)( already exists| is not present|\\.|$)", ")=(?)$1")
          .replaceAll("(?m)(Detail|DETAIL|Failing row contains)[^\\n]*", "$1: (values hidden)");
    }

    /** A copy of the driver's exception with the message redacted and the stack trace kept. */
    private static SQLException redacted(SQLException e) {
      SQLException copy =
          new SQLException(
              e.getClass().getName() + ": " + redact(e.getMessage()),
              e.getSQLState(),
              e.getErrorCode());
      copy.setStackTrace(e.getStackTrace());
      return copy;
    }

    /** The SQL state, e.g. 23505 for a unique-key violation. */
    public String sqlState() {
      return sqlException.getSQLState();
    }

    /** True when the statement broke a unique or primary key. */
    public boolean isDuplicateKey() {
      String state = sqlState();
      return state != null && state.startsWith("23");
    }
  }
}
