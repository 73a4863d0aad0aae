package io.visiongrade.lms.infrastructure.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Database errors reach the log without the values of the row (user ids, names). */
class JdbcRedactionTest {

  @Test
  void aConstraintViolationKeepsItsKindButNotTheRowsValues() {
    DataSource ds = TestDatabase.migrated();
    Jdbc jdbc = new Jdbc(ds);
    String sql = "INSERT INTO lti_nonce (nonce, keep_until) VALUES (?, ?)"; // primary key: nonce
    jdbc.update(sql, "student-sub-4711", Instant.parse("2026-11-28T12:00:00Z"));

    Jdbc.DatabaseUnavailable e =
        assertThrows(
            Jdbc.DatabaseUnavailable.class,
            () -> jdbc.update(sql, "student-sub-4711", Instant.parse("2026-11-28T12:00:00Z")));

    assertTrue(e.isDuplicateKey());
    assertEquals("23505", e.sqlState());
    StringWriter trace = new StringWriter();
    e.printStackTrace(new PrintWriter(trace));
    assertFalse(trace.toString().contains("student-sub-4711"), trace.toString());
    assertTrue(e.getMessage().contains("LTI_NONCE"), e.getMessage());
    assertTrue(trace.toString().contains("JdbcSQLIntegrityConstraintViolationException"));
  }

  @Test
  void postgresDetailsAreHidden() {
    String pg =
        "ERROR: duplicate key value violates unique constraint \"grade_pkey\"\n"
            + "  Detail: Key (exercise_id, user_id)=(1, student-sub-4711) already exists.";
    String r = Jdbc.DatabaseUnavailable.redact(pg);
    assertFalse(r.contains("student-sub-4711"), r);
    assertTrue(r.contains("grade_pkey"), r);
  }
}
