package io.visiongrade.lms.application;

import io.visiongrade.lms.domain.privacy.CourseKey;
import io.visiongrade.lms.infrastructure.lti.LaunchSession;
import io.visiongrade.lms.infrastructure.persistence.Jdbc;
import io.visiongrade.lms.infrastructure.persistence.JdbcStudentDataRepository;
import io.visiongrade.lms.infrastructure.persistence.TestDatabase;
import io.visiongrade.lms.infrastructure.storage.ContentStore;
import io.visiongrade.lms.lti.testing.MutableClock;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * Two courses on H2 with the real migrations and a real content store; rows for students are
 * inserted as the grading code would leave them (every student-owned table), with their files.
 */
final class PrivacyFixture {

  static final Instant T0 = Instant.parse("2026-11-28T12:00:00Z");
  static final String ISSUER = "https://lms.example";
  static final String CLIENT = "client-1";

  final DataSource ds;
  final Jdbc jdbc;
  final ContentStore store;
  final MutableClock clock = new MutableClock(T0);
  final CourseKey course1;
  final CourseKey course2;
  final long exercise1;
  final long answerExercise1;
  final long exercise2;
  final long model1;
  final JdbcStudentDataRepository repository;
  final StudentPrivacy privacy;
  private final AtomicLong seq = new AtomicLong();

  /** What one student was given. */
  record Student(
      String sub,
      long submissionId,
      String submissionSha,
      byte[] spec,
      long answerId,
      String imageSha,
      byte[] image) {}

  PrivacyFixture(Path dir) {
    this(dir, TestDatabase.migrated());
  }

  /** On a migrated database of one's choice (PostgreSQL). */
  PrivacyFixture(Path dir, DataSource ds) {
    this.ds = ds;
    this.jdbc = new Jdbc(ds);
    this.repository = new JdbcStudentDataRepository(ds);
    store = new ContentStore(dir.resolve("storage"));
    course1 = key(TestDatabase.addCourse(ds, "ctx-1"), "ctx-1");
    course2 = key(TestDatabase.addCourse(ds, "ctx-2"), "ctx-2");
    exercise1 = exercise(course1.id(), "CLASSIFIER_CHALLENGE");
    answerExercise1 = exercise(course1.id(), "IMAGE_ANSWER");
    exercise2 = exercise(course2.id(), "CLASSIFIER_CHALLENGE");
    jdbc.update(
        "INSERT INTO course_model (course_id, version, dataset_id, dataset_hash, split_seed,"
            + " spec_json, state, promoted, created_by, created_at)"
            + " VALUES (?, 1, 1, 'dh', 5, '{}', 'READY', TRUE, 'teacher-1', ?)",
        course1.id(),
        T0);
    model1 = jdbc.queryOne("SELECT MAX(id) FROM course_model", rs -> rs.getLong(1)).orElseThrow();
    privacy =
        new StudentPrivacy(
            new StudentPrivacy.Courses() {
              @Override
              public CourseKey of(LaunchSession session) {
                return session.contextId().orElseThrow().equals("ctx-1") ? course1 : course2;
              }

              @Override
              public Optional<CourseKey> find(String issuer, String clientId, String contextId) {
                return List.of(course1, course2).stream()
                    .filter(
                        c ->
                            c.issuer().equals(issuer)
                                && c.clientId().equals(clientId)
                                && c.contextId().equals(contextId))
                    .findFirst();
              }

              @Override
              public String title(CourseKey course) {
                return "Course " + course.contextId();
              }
            },
            repository,
            store,
            clock);
  }

  private static CourseKey key(long id, String context) {
    return new CourseKey(id, ISSUER, CLIENT, context);
  }

  private long exercise(long courseId, String kind) {
    jdbc.update(
        "INSERT INTO exercise (course_id, kind, title, max_score, created_at)"
            + " VALUES (?, ?, ?, 10, ?)",
        courseId,
        kind,
        kind + " of " + courseId,
        T0);
    return jdbc.queryOne("SELECT MAX(id) FROM exercise", rs -> rs.getLong(1)).orElseThrow();
  }

  String put(byte[] bytes) {
    return store.put(new ByteArrayInputStream(bytes), 1 << 20).sha256();
  }

  /**
   * A student with data in every student-owned table of course 1: a graded submission (with a
   * private blind-phase score), a grade, an image answer (with {@code image} as its file), its
   * review and training image, an image-answer grade, a due-date extension, a finished job, a
   * delivered and a pending score, and a launch session with the student's name.
   */
  Student student(String sub, String name, byte[] image) {
    long n = seq.incrementAndGet();
    CourseKey c = course1;
    byte[] spec =
        ("{\"input\": {\"width\": 16}, \"note\": \"spec of " + sub + "\"}")
            .getBytes(StandardCharsets.UTF_8);
    String specSha = put(spec);
    String imageSha = put(image);
    jdbc.update(
        "INSERT INTO jobs (kind, lane, course_id, owner_id, owner_role, payload,"
            + " charge_user_errors, state, attempts, infra_failures, max_infra_retries,"
            + " cancel_requested, created_at, not_before, version)"
            + " VALUES ('GRADE_SUBMISSION', 'TRAINING', ?, ?, 'STUDENT', ?, FALSE, 'SUCCEEDED',"
            + " 1, 0, 3, FALSE, ?, ?, 1)",
        c.id(),
        sub,
        "job " + n,
        T0,
        T0);
    long job = jdbc.queryOne("SELECT MAX(id) FROM jobs", rs -> rs.getLong(1)).orElseThrow();
    jdbc.update(
        "INSERT INTO submission (exercise_id, course_id, user_id, kind, content_sha256,"
            + " content_size, submitted_at, late, status, job_id, charged, metrics_json,"
            + " public_metric, public_points, private_metric, private_points, graded_at)"
            + " VALUES (?, ?, ?, 'SPEC', ?, ?, ?, FALSE, 'GRADED', ?, TRUE,"
            + " '{\"validation\": {\"accuracy\": 0.75}}', 0.75, 7.5, 0.123456, 1.23456, ?)",
        exercise1,
        c.id(),
        sub,
        specSha,
        (long) spec.length,
        T0,
        job,
        T0);
    long submission =
        jdbc.queryOne("SELECT MAX(id) FROM submission", rs -> rs.getLong(1)).orElseThrow();
    jdbc.update(
        "INSERT INTO grade (exercise_id, user_id, submission_id, points, max_points, updated_at)"
            + " VALUES (?, ?, ?, 7.5, 10, ?)",
        exercise1,
        sub,
        submission,
        T0);
    jdbc.update(
        "INSERT INTO image_answer (exercise_id, course_id, user_id, prompt_index,"
            + " expected_class, image_sha256, image_size, content_type, submitted_at, model_id,"
            + " model_version, dataset_hash, split_seed, top_classes_json, expected_probability,"
            + " decision) VALUES (?, ?, ?, 0, 'triangle', ?, ?, 'image/png', ?, ?, 1, 'dh', 5,"
            + " '[{\"class\": \"triangle\", \"p\": 0.5}]', 0.5, 'ACCEPTED')",
        answerExercise1,
        c.id(),
        sub,
        imageSha,
        (long) image.length,
        T0,
        model1);
    long answer =
        jdbc.queryOne("SELECT MAX(id) FROM image_answer", rs -> rs.getLong(1)).orElseThrow();
    jdbc.update(
        "INSERT INTO image_answer_review (answer_id, verdict, label, decided_by, decided_at)"
            + " VALUES (?, 'ACCEPT', NULL, 'teacher-1', ?)",
        answer,
        T0);
    jdbc.update(
        "INSERT INTO course_training_image (course_id, answer_id, image_sha256, class_name,"
            + " added_by, added_at) VALUES (?, ?, ?, 'triangle', 'teacher-1', ?)",
        c.id(),
        answer,
        imageSha,
        T0);
    jdbc.update(
        "INSERT INTO image_answer_grade (exercise_id, user_id, accepted, in_review, prompts,"
            + " points, max_points, updated_at) VALUES (?, ?, 1, 0, 2, 5, 10, ?)",
        answerExercise1,
        sub,
        T0);
    jdbc.update(
        "INSERT INTO exercise_extension (exercise_id, user_id, due_at) VALUES (?, ?, ?)",
        exercise1,
        sub,
        T0.plusSeconds(86400));
    for (String state : List.of("DELIVERED", "PENDING")) {
      jdbc.update(
          "INSERT INTO score_outbox (issuer, client_id, context_id, line_item_url, user_id,"
              + " score_given, score_maximum, activity_progress, grading_progress,"
              + " score_timestamp, grade_ref, state, attempts, next_attempt_at, created_at,"
              + " version) VALUES (?, ?, ?, 'https://lms.example/li/1', ?, 7.5, 10, 'Completed',"
              + " 'FullyGraded', ?, ?, ?, 0, ?, ?, 1)",
          ISSUER,
          CLIENT,
          c.contextId(),
          sub,
          T0.plusSeconds(state.equals("PENDING") ? 1 : 0),
          "submission:" + submission,
          state,
          T0,
          T0);
    }
    jdbc.update(
        "INSERT INTO lti_session (token_hash, issuer, client_id, deployment_id, message_type,"
            + " context_id, user_id, display_name, role, created_at, expires_at)"
            + " VALUES (?, ?, ?, 'deployment-1', 'RESOURCE_LINK', ?, ?, ?, 'STUDENT', ?, ?)",
        "hash-" + sub,
        ISSUER,
        CLIENT,
        c.contextId(),
        sub,
        name,
        T0,
        T0.plusSeconds(3600));
    return new Student(sub, submission, specSha, spec, answer, imageSha, image);
  }

  /** A submission of {@code sub} in course 2. */
  long submissionInCourse2(String sub) {
    String sha = put(("course 2 spec of " + sub).getBytes(StandardCharsets.UTF_8));
    jdbc.update(
        "INSERT INTO submission (exercise_id, course_id, user_id, kind, content_sha256,"
            + " content_size, submitted_at, late, status, charged)"
            + " VALUES (?, ?, ?, 'SPEC', ?, 10, ?, FALSE, 'QUEUED', FALSE)",
        exercise2,
        course2.id(),
        sub,
        sha,
        T0);
    return jdbc.queryOne("SELECT MAX(id) FROM submission", rs -> rs.getLong(1)).orElseThrow();
  }

  /** The character columns of the current schema, on H2 and PostgreSQL. */
  private static final String TEXT_COLUMNS =
      " WHERE TABLE_SCHEMA = CURRENT_SCHEMA AND LOWER(DATA_TYPE) IN ('character varying',"
          + " 'character', 'character large object', 'text')";

  /**
   * Every (table.column, row count) of the whole schema whose text contains {@code needle}: every
   * character column of every table, not a list kept by hand.
   */
  List<String> occurrences(String needle) {
    List<Map.Entry<String, String>> columns =
        jdbc.query(
            "SELECT TABLE_NAME, COLUMN_NAME FROM INFORMATION_SCHEMA.COLUMNS" + TEXT_COLUMNS,
            rs -> Map.entry(rs.getString(1), rs.getString(2)));
    List<String> found = new ArrayList<>();
    for (Map.Entry<String, String> col : columns) {
      int n =
          jdbc.queryOne(
                  "SELECT COUNT(*) FROM \""
                      + col.getKey()
                      + "\" WHERE \""
                      + col.getValue()
                      + "\" LIKE ?",
                  rs -> rs.getInt(1),
                  "%" + needle + "%")
              .orElseThrow();
      if (n > 0) {
        found.add(
            (col.getKey() + "." + col.getValue()).toUpperCase(java.util.Locale.ROOT)
                + " ("
                + n
                + ")");
      }
    }
    return found;
  }

  /** How many character columns the schema has (so a scan that looks at nothing fails). */
  int textColumns() {
    return jdbc.queryOne(
            "SELECT COUNT(*) FROM INFORMATION_SCHEMA.COLUMNS" + TEXT_COLUMNS, rs -> rs.getInt(1))
        .orElseThrow();
  }
}
