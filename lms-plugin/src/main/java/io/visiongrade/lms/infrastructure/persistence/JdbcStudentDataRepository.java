package io.visiongrade.lms.infrastructure.persistence;

import io.visiongrade.lms.application.GradeSubmissionHandler;
import io.visiongrade.lms.domain.DomainException;
import io.visiongrade.lms.domain.privacy.CourseKey;
import io.visiongrade.lms.domain.privacy.Erasure;
import io.visiongrade.lms.domain.privacy.RetentionPolicy;
import io.visiongrade.lms.domain.privacy.StudentDataRepository;
import io.visiongrade.lms.domain.privacy.StudentRecord;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;

/**
 * {@link StudentDataRepository} in plain JDBC (the same SQL on H2 and PostgreSQL).
 *
 * <p>The student-owned tables, and how a student's rows of a course are found in each: {@code
 * submission}, {@code image_answer} (course_id, user_id); {@code grade}, {@code
 * image_answer_grade}, {@code exercise_extension}, {@code deadline_regrade} (user_id, through the
 * exercise's course); {@code image_answer_review}, {@code course_training_image} (through the
 * student's answers); {@code jobs} (course_id, owner_id); {@code score_outbox}, {@code lti_session}
 * (the course's platform and context, user_id). A table added later that holds a user id must be
 * added here, to {@link #students}, {@link #export} and {@link #erase}
 * (JdbcStudentDataRepositoryTest scans every column of the schema for a deleted student's id and
 * fails otherwise).
 */
@ApplicationScoped
public class JdbcStudentDataRepository implements StudentDataRepository {

  /**
   * Every (table, column) that names a file in the content store; besides these, {@code
   * submission.metrics_json} names heat-map PNGs ({@link GradeSubmissionHandler#heatMapHashes}).
   */
  static final List<String[]> FILE_REFERENCES =
      List.of(
          new String[] {"submission", "content_sha256"},
          new String[] {"image_answer", "image_sha256"},
          new String[] {"course_training_image", "image_sha256"},
          new String[] {"dataset", "artifact_sha256"},
          new String[] {"course_model", "artifact_sha256"});

  private static final String IN_COURSE_EXERCISES = "SELECT id FROM exercise WHERE course_id = ?";
  private static final String STUDENT_ANSWERS =
      "SELECT id FROM image_answer WHERE course_id = ? AND user_id = ?";
  private static final String AT_CONTEXT =
      " WHERE issuer = ? AND client_id = ? AND context_id = ? AND user_id = ?";

  @Resource(lookup = DatabaseMigrator.DATA_SOURCE)
  DataSource dataSource;

  private Jdbc jdbc;

  /** For CDI. */
  protected JdbcStudentDataRepository() {}

  /** Outside a container (tests, tools). */
  public JdbcStudentDataRepository(DataSource dataSource) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    this.jdbc = new Jdbc(dataSource);
  }

  @PostConstruct
  void init() {
    jdbc = new Jdbc(dataSource);
  }

  // --- Retention -------------------------------------------------------------------------------

  @Override
  public Optional<RetentionPolicy> retention(long courseId) {
    return jdbc.queryOne(
        "SELECT course_ends_on, delete_after_days FROM course_retention WHERE course_id = ?",
        rs -> new RetentionPolicy(rs.getObject(1, LocalDate.class), rs.getInt(2)),
        courseId);
  }

  @Override
  public void putRetention(long courseId, Optional<RetentionPolicy> policy, Instant now) {
    jdbc.transaction(
        c -> {
          try (PreparedStatement del =
              c.prepareStatement("DELETE FROM course_retention WHERE course_id = ?")) {
            del.setLong(1, courseId);
            del.executeUpdate();
          }
          if (policy.isPresent()) {
            try (PreparedStatement ps =
                c.prepareStatement(
                    "INSERT INTO course_retention (course_id, course_ends_on, delete_after_days,"
                        + " updated_at) VALUES (?, ?, ?, ?)")) {
              ps.setLong(1, courseId);
              ps.setObject(2, policy.get().courseEndsOn());
              ps.setInt(3, policy.get().deleteAfterDays());
              Jdbc.setInstant(ps, 4, now);
              ps.executeUpdate();
            }
          }
          return null;
        });
  }

  @Override
  public List<CourseKey> dueForDeletion(Instant now) {
    List<CourseKey> due = new ArrayList<>();
    jdbc.query(
            "SELECT r.course_id, r.course_ends_on, r.delete_after_days, c.issuer, c.client_id,"
                + " c.context_id FROM course_retention r JOIN course c ON c.id = r.course_id"
                + " ORDER BY r.course_id",
            rs ->
                Map.entry(
                    new RetentionPolicy(rs.getObject(2, LocalDate.class), rs.getInt(3)),
                    new CourseKey(
                        rs.getLong(1), rs.getString(4), rs.getString(5), rs.getString(6))))
        .forEach(
            e -> {
              if (e.getKey().isDue(now)) {
                due.add(e.getValue());
              }
            });
    return due;
  }

  @Override
  public void markSwept(long courseId, Instant at) {
    jdbc.update("UPDATE course_retention SET last_swept_at = ? WHERE course_id = ?", at, courseId);
  }

  // --- A student's rows ------------------------------------------------------------------------

  @Override
  public Set<String> students(CourseKey course) {
    long id = course.id();
    Object[] ctx = {course.issuer(), course.clientId(), course.contextId()};
    Set<String> users = new TreeSet<>();
    users.addAll(users("SELECT DISTINCT user_id FROM submission WHERE course_id = ?", id));
    users.addAll(users("SELECT DISTINCT user_id FROM image_answer WHERE course_id = ?", id));
    for (String table :
        List.of("grade", "image_answer_grade", "exercise_extension", "deadline_regrade")) {
      users.addAll(
          users(
              "SELECT DISTINCT user_id FROM "
                  + table
                  + " WHERE exercise_id IN ("
                  + IN_COURSE_EXERCISES
                  + ")",
              id));
    }
    users.addAll(
        users(
            "SELECT DISTINCT owner_id FROM jobs WHERE course_id = ? AND owner_role = 'STUDENT'",
            id));
    users.addAll(
        users(
            "SELECT DISTINCT user_id FROM score_outbox"
                + " WHERE issuer = ? AND client_id = ? AND context_id = ?",
            ctx));
    users.addAll(
        users(
            "SELECT DISTINCT user_id FROM lti_session WHERE issuer = ? AND client_id = ?"
                + " AND context_id = ? AND role = 'STUDENT' AND user_id IS NOT NULL",
            ctx));
    return users;
  }

  private List<String> users(String sql, Object... params) {
    return jdbc.query(sql, rs -> rs.getString(1), params);
  }

  @Override
  public StudentRecord export(CourseKey course, String userId) {
    long id = course.id();
    Object[] ctx = {course.issuer(), course.clientId(), course.contextId(), userId};
    Map<String, List<Map<String, Object>>> sections = new LinkedHashMap<>();
    // The hidden part of a blind phase (private_metric, private_points) is left out: it is
    // computed on test images the student must not learn about before the due date.
    sections.put(
        "submissions",
        rows(
            "SELECT id, exercise_id, kind, content_sha256, content_size, submitted_at, late,"
                + " status, job_id, failure, charged, metrics_json, public_metric, public_points,"
                + " penalty_percent, model_hash, dataset_hash, split_seed, graded_at,"
                + " passback_note, line_item_url FROM submission"
                + " WHERE course_id = ? AND user_id = ? ORDER BY id",
            id,
            userId));
    sections.put(
        "grades",
        rows(
            "SELECT g.exercise_id, e.title AS exercise_title, g.submission_id, g.points,"
                + " g.max_points, g.updated_at FROM grade g JOIN exercise e ON e.id ="
                + " g.exercise_id WHERE e.course_id = ? AND g.user_id = ? ORDER BY g.exercise_id",
            id,
            userId));
    sections.put(
        "imageAnswers",
        rows(
            "SELECT id, exercise_id, prompt_index, expected_class, image_sha256, image_size,"
                + " content_type, submitted_at, model_id, model_version, dataset_hash,"
                + " split_seed, top_classes_json, expected_probability, decision, line_item_url"
                + " FROM image_answer WHERE course_id = ? AND user_id = ? ORDER BY id",
            id,
            userId));
    sections.put(
        "imageAnswerGrades",
        rows(
            "SELECT g.exercise_id, e.title AS exercise_title, g.accepted, g.in_review,"
                + " g.prompts, g.points, g.max_points, g.updated_at FROM image_answer_grade g"
                + " JOIN exercise e ON e.id = g.exercise_id WHERE e.course_id = ?"
                + " AND g.user_id = ? ORDER BY g.exercise_id",
            id,
            userId));
    // A teacher's decision on an answer; who decided (another person) is left out.
    sections.put(
        "reviews",
        rows(
            "SELECT r.answer_id, r.verdict, r.label, r.decided_at FROM image_answer_review r"
                + " WHERE r.answer_id IN ("
                + STUDENT_ANSWERS
                + ") ORDER BY r.answer_id",
            id,
            userId));
    sections.put(
        "trainingImages",
        rows(
            "SELECT t.answer_id, t.class_name, t.added_at FROM course_training_image t"
                + " WHERE t.answer_id IN ("
                + STUDENT_ANSWERS
                + ") ORDER BY t.answer_id",
            id,
            userId));
    sections.put(
        "dueDateExtensions",
        rows(
            "SELECT exercise_id, due_at FROM exercise_extension WHERE user_id = ?"
                + " AND exercise_id IN ("
                + IN_COURSE_EXERCISES
                + ") ORDER BY exercise_id",
            userId,
            id));
    sections.put(
        "jobs",
        rows(
            "SELECT id, kind, state, failure_kind, message, attempts, created_at, started_at,"
                + " finished_at FROM jobs WHERE course_id = ? AND owner_id = ? ORDER BY id",
            id,
            userId));
    sections.put(
        "scoresSentToLms",
        rows(
            "SELECT id, line_item_url, score_given, score_maximum, activity_progress,"
                + " grading_progress, comment, score_timestamp, state, attempts, created_at,"
                + " delivered_at FROM score_outbox"
                + AT_CONTEXT
                + " ORDER BY id",
            ctx));
    // Launch sessions: the name the LMS sent, the role; never the token (only its hash is kept).
    sections.put(
        "sessions",
        rows(
            "SELECT display_name, role, resource_link_id, locale, created_at, expires_at"
                + " FROM lti_session"
                + AT_CONTEXT
                + " ORDER BY created_at",
            ctx));
    List<StudentRecord.File> files = new ArrayList<>();
    for (Map<String, Object> s : sections.get("submissions")) {
      files.add(
          new StudentRecord.File(
              "submissions/" + s.get("id") + extension(String.valueOf(s.get("kind"))),
              (String) s.get("content_sha256")));
    }
    for (Map<String, Object> a : sections.get("imageAnswers")) {
      files.add(
          new StudentRecord.File(
              "answers/" + a.get("id") + extension(String.valueOf(a.get("content_type"))),
              (String) a.get("image_sha256")));
    }
    return new StudentRecord(sections, files);
  }

  private static String extension(String kindOrType) {
    return switch (kindOrType) {
      case "SPEC" -> ".json";
      case "PREDICTIONS_CSV" -> ".csv";
      case "TORCHSCRIPT" -> ".pt";
      case "image/png" -> ".png";
      case "image/jpeg" -> ".jpg";
      default -> ".bin";
    };
  }

  /** Rows as column name (lower case) to a JSON-friendly value, in column order. */
  private List<Map<String, Object>> rows(String sql, Object... params) {
    return jdbc.query(
        sql,
        rs -> {
          ResultSetMetaData md = rs.getMetaData();
          Map<String, Object> row = new LinkedHashMap<>();
          for (int i = 1; i <= md.getColumnCount(); i++) {
            row.put(md.getColumnLabel(i).toLowerCase(Locale.ROOT), value(rs, md, i));
          }
          return row;
        },
        params);
  }

  private static Object value(ResultSet rs, ResultSetMetaData md, int i) throws SQLException {
    Object v =
        switch (md.getColumnType(i)) {
          case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> {
            OffsetDateTime t = rs.getObject(i, OffsetDateTime.class);
            yield t == null ? null : t.toInstant();
          }
          case Types.DATE -> rs.getObject(i, LocalDate.class);
          default -> rs.getObject(i);
        };
    return rs.wasNull() ? null : v;
  }

  @Override
  public Erasure erase(CourseKey course, String userId) {
    long id = course.id();
    Object[] ctx = {course.issuer(), course.clientId(), course.contextId(), userId};
    return jdbc.transaction(
        c -> {
          Set<String> hashes = new LinkedHashSet<>();
          hashes.addAll(
              strings(
                  c,
                  "SELECT content_sha256 FROM submission WHERE course_id = ? AND user_id = ?",
                  id,
                  userId));
          hashes.addAll(
              strings(
                  c,
                  "SELECT image_sha256 FROM image_answer WHERE course_id = ? AND user_id = ?",
                  id,
                  userId));
          // The heat maps computed while grading (recorded in the results JSON, not a column).
          for (String metrics :
              strings(
                  c,
                  "SELECT metrics_json FROM submission WHERE course_id = ? AND user_id = ?"
                      + " AND metrics_json IS NOT NULL",
                  id,
                  userId)) {
            hashes.addAll(GradeSubmissionHandler.heatMapHashes(metrics));
          }
          int delivered =
              count(
                  c,
                  "SELECT COUNT(*) FROM score_outbox" + AT_CONTEXT + " AND state = 'DELIVERED'",
                  ctx);
          int pending =
              count(
                  c,
                  "SELECT COUNT(*) FROM score_outbox" + AT_CONTEXT + " AND state = 'PENDING'",
                  ctx);
          Map<String, Integer> rows = new LinkedHashMap<>();
          // Children first (foreign keys): training images and reviews of the student's answers,
          // the answers; grades before the submissions they point at.
          rows.put(
              "course_training_image",
              delete(
                  c,
                  "DELETE FROM course_training_image WHERE answer_id IN (" + STUDENT_ANSWERS + ")",
                  id,
                  userId));
          rows.put(
              "image_answer_review",
              delete(
                  c,
                  "DELETE FROM image_answer_review WHERE answer_id IN (" + STUDENT_ANSWERS + ")",
                  id,
                  userId));
          rows.put(
              "image_answer",
              delete(
                  c, "DELETE FROM image_answer WHERE course_id = ? AND user_id = ?", id, userId));
          for (String table :
              List.of("image_answer_grade", "grade", "exercise_extension", "deadline_regrade")) {
            rows.put(
                table,
                delete(
                    c,
                    "DELETE FROM "
                        + table
                        + " WHERE user_id = ? AND exercise_id IN ("
                        + IN_COURSE_EXERCISES
                        + ")",
                    userId,
                    id));
          }
          rows.put(
              "submission",
              delete(c, "DELETE FROM submission WHERE course_id = ? AND user_id = ?", id, userId));
          rows.put(
              "jobs",
              delete(
                  c,
                  "DELETE FROM jobs WHERE course_id = ? AND owner_id = ? AND state <> 'RUNNING'",
                  id,
                  userId));
          int running =
              count(
                  c,
                  "SELECT COUNT(*) FROM jobs WHERE course_id = ? AND owner_id = ?"
                      + " AND state = 'RUNNING'",
                  id,
                  userId);
          if (running > 0) {
            // Rolled back by the transaction: nothing is deleted.
            throw new DomainException.Conflict(
                running
                    + " job(s) of this student are running right now (grading takes up to a few"
                    + " minutes): try again when they have finished; nothing was deleted.");
          }
          rows.put("score_outbox", delete(c, "DELETE FROM score_outbox" + AT_CONTEXT, ctx));
          rows.put("lti_session", delete(c, "DELETE FROM lti_session" + AT_CONTEXT, ctx));
          return new Erasure(rows, hashes, delivered, pending);
        });
  }

  @Override
  public boolean isReferenced(String sha256) {
    return jdbc.with(
        c -> {
          for (String[] ref : FILE_REFERENCES) {
            if (count(c, "SELECT COUNT(*) FROM " + ref[0] + " WHERE " + ref[1] + " = ?", sha256)
                > 0) {
              return true;
            }
          }
          // A heat map another submission's results name (same model and image: same bytes).
          return count(
                  c,
                  "SELECT COUNT(*) FROM submission WHERE metrics_json LIKE ?",
                  "%\"" + sha256 + "\"%")
              > 0;
        });
  }

  private static PreparedStatement prepare(Connection c, String sql, Object... params)
      throws SQLException {
    PreparedStatement ps = c.prepareStatement(sql);
    for (int i = 0; i < params.length; i++) {
      ps.setObject(i + 1, params[i]);
    }
    return ps;
  }

  private static int delete(Connection c, String sql, Object... params) throws SQLException {
    try (PreparedStatement ps = prepare(c, sql, params)) {
      return ps.executeUpdate();
    }
  }

  private static int count(Connection c, String sql, Object... params) throws SQLException {
    try (PreparedStatement ps = prepare(c, sql, params);
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private static List<String> strings(Connection c, String sql, Object... params)
      throws SQLException {
    try (PreparedStatement ps = prepare(c, sql, params);
        ResultSet rs = ps.executeQuery()) {
      List<String> out = new ArrayList<>();
      while (rs.next()) {
        out.add(rs.getString(1));
      }
      return out;
    }
  }
}
