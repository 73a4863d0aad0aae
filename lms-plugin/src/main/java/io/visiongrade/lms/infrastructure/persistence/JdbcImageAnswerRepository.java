package io.visiongrade.lms.infrastructure.persistence;

import io.visiongrade.lms.domain.answer.AnswerGrade;
import io.visiongrade.lms.domain.answer.ImageAnswer;
import io.visiongrade.lms.domain.answer.ImageAnswerRepository;
import io.visiongrade.lms.domain.answer.Review;
import io.visiongrade.lms.domain.answer.TrainingImage;
import io.visiongrade.lms.domain.grading.ImageAnswerDecision;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/** {@link ImageAnswerRepository} in plain JDBC (the same SQL on H2 and PostgreSQL). */
@ApplicationScoped
public class JdbcImageAnswerRepository implements ImageAnswerRepository {

  private static final String COLUMNS =
      "id, exercise_id, course_id, user_id, prompt_index, expected_class, image_sha256,"
          + " image_size, content_type, submitted_at, model_id, model_version, dataset_hash,"
          + " split_seed, top_classes_json, expected_probability, decision, line_item_url";

  @Resource(lookup = DatabaseMigrator.DATA_SOURCE)
  DataSource dataSource;

  private Jdbc jdbc;

  /** For CDI. */
  protected JdbcImageAnswerRepository() {}

  /** Outside a container (tests, tools). */
  public JdbcImageAnswerRepository(DataSource dataSource) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    this.jdbc = new Jdbc(dataSource);
  }

  @PostConstruct
  void init() {
    jdbc = new Jdbc(dataSource);
  }

  @Override
  public ImageAnswer add(ImageAnswer a) {
    return jdbc.transaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO image_answer (exercise_id, course_id, user_id, prompt_index,"
                      + " expected_class, image_sha256, image_size, content_type, submitted_at,"
                      + " model_id, model_version, dataset_hash, split_seed, top_classes_json,"
                      + " expected_probability, decision, line_item_url)"
                      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                  new String[] {"id"})) {
            int i = 1;
            ps.setLong(i++, a.exerciseId());
            ps.setLong(i++, a.courseId());
            ps.setString(i++, a.userId());
            ps.setInt(i++, a.promptIndex());
            ps.setString(i++, a.expectedClass());
            ps.setString(i++, a.imageSha256());
            ps.setLong(i++, a.imageSize());
            ps.setString(i++, a.contentType());
            ps.setObject(i++, Jdbc.ts(a.submittedAt()));
            ps.setLong(i++, a.modelId());
            ps.setInt(i++, a.modelVersion());
            ps.setString(i++, a.datasetHash());
            ps.setLong(i++, a.seed());
            ps.setString(i++, a.topClassesJson());
            ps.setDouble(i++, a.expectedProbability());
            ps.setString(i++, a.decision().name());
            ps.setString(i, a.lineItem().map(URI::toString).orElse(null));
            ps.executeUpdate();
            return a.withId(Jdbc.generatedId(ps, "image answer"));
          }
        });
  }

  @Override
  public Optional<ImageAnswer> find(long id) {
    return jdbc.queryOne(
        "SELECT " + COLUMNS + " FROM image_answer WHERE id = ?",
        JdbcImageAnswerRepository::map,
        id);
  }

  @Override
  public List<ImageAnswer> forStudent(long exerciseId, String userId) {
    return jdbc.query(
        "SELECT "
            + COLUMNS
            + " FROM image_answer WHERE exercise_id = ? AND user_id = ? ORDER BY submitted_at, id",
        JdbcImageAnswerRepository::map,
        exerciseId,
        userId);
  }

  @Override
  public List<String> studentsOf(long exerciseId) {
    return jdbc.query(
        "SELECT DISTINCT user_id FROM image_answer WHERE exercise_id = ? ORDER BY user_id",
        rs -> rs.getString(1),
        exerciseId);
  }

  @Override
  public List<ImageAnswer> forStudentInCourse(long courseId, String userId, int limit) {
    return jdbc.query(
        "SELECT "
            + COLUMNS
            + " FROM image_answer WHERE course_id = ? AND user_id = ?"
            + " ORDER BY submitted_at DESC, id DESC FETCH FIRST "
            + Math.max(1, limit)
            + " ROWS ONLY",
        JdbcImageAnswerRepository::map,
        courseId,
        userId);
  }

  @Override
  public void lockForRegrade(long exerciseId) {
    jdbc.lockExercise(exerciseId);
  }

  @Override
  public Optional<AnswerGrade> findGrade(long exerciseId, String userId) {
    return jdbc.queryOne(
        "SELECT exercise_id, user_id, accepted, in_review, prompts, points, max_points,"
            + " updated_at"
            + " FROM image_answer_grade WHERE exercise_id = ? AND user_id = ?",
        rs ->
            new AnswerGrade(
                rs.getLong("exercise_id"),
                rs.getString("user_id"),
                rs.getInt("accepted"),
                rs.getInt("in_review"),
                rs.getInt("prompts"),
                rs.getDouble("points"),
                rs.getDouble("max_points"),
                Jdbc.instant(rs, "updated_at")),
        exerciseId,
        userId);
  }

  @Override
  public AnswerGrade putGrade(AnswerGrade g) {
    return jdbc.transaction(
        c -> {
          int n;
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE image_answer_grade SET accepted = ?, in_review = ?, prompts = ?,"
                      + " points = ?, max_points = ?, updated_at = ?"
                      + " WHERE exercise_id = ? AND user_id = ?")) {
            ps.setInt(1, g.accepted());
            ps.setInt(2, g.inReview());
            ps.setInt(3, g.prompts());
            ps.setDouble(4, g.points());
            ps.setDouble(5, g.maxPoints());
            ps.setObject(6, Jdbc.ts(g.updatedAt()));
            ps.setLong(7, g.exerciseId());
            ps.setString(8, g.userId());
            n = ps.executeUpdate();
          }
          if (n == 0) {
            try (PreparedStatement ps =
                c.prepareStatement(
                    "INSERT INTO image_answer_grade (exercise_id, user_id, accepted, in_review,"
                        + " prompts, points, max_points, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
              ps.setLong(1, g.exerciseId());
              ps.setString(2, g.userId());
              ps.setInt(3, g.accepted());
              ps.setInt(4, g.inReview());
              ps.setInt(5, g.prompts());
              ps.setDouble(6, g.points());
              ps.setDouble(7, g.maxPoints());
              ps.setObject(8, Jdbc.ts(g.updatedAt()));
              ps.executeUpdate();
            }
          }
          return g;
        });
  }

  @Override
  public List<ImageAnswer> pendingInCourse(long courseId, int limit) {
    return jdbc.query(
        "SELECT "
            + COLUMNS
            + " FROM image_answer WHERE course_id = ? AND decision = 'REVIEW'"
            + " ORDER BY submitted_at, id FETCH FIRST "
            + Math.max(1, limit)
            + " ROWS ONLY",
        JdbcImageAnswerRepository::map,
        courseId);
  }

  @Override
  public ImageAnswer review(ImageAnswer a, Review r) {
    ImageAnswer decided = a.withDecision(r.decision(a));
    return jdbc.transaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("UPDATE image_answer SET decision = ? WHERE id = ?")) {
            ps.setString(1, decided.decision().name());
            ps.setLong(2, a.requireId());
            if (ps.executeUpdate() != 1) {
              throw new IllegalStateException("No image answer " + a.id() + " to review");
            }
          }
          try (PreparedStatement del =
              c.prepareStatement("DELETE FROM image_answer_review WHERE answer_id = ?")) {
            del.setLong(1, a.requireId());
            del.executeUpdate();
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO image_answer_review (answer_id, verdict, label, decided_by,"
                      + " decided_at) VALUES (?, ?, ?, ?, ?)")) {
            ps.setLong(1, a.requireId());
            ps.setString(2, r.verdict().name());
            ps.setString(3, r.label());
            ps.setString(4, r.decidedBy());
            ps.setObject(5, Jdbc.ts(r.decidedAt()));
            ps.executeUpdate();
          }
          return decided;
        });
  }

  @Override
  public void addTrainingImage(ImageAnswer a, String className, String teacher, Instant now) {
    jdbc.transaction(
        c -> {
          try (PreparedStatement del =
              c.prepareStatement("DELETE FROM course_training_image WHERE answer_id = ?")) {
            del.setLong(1, a.requireId());
            del.executeUpdate();
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO course_training_image (course_id, answer_id, image_sha256,"
                      + " class_name, added_by, added_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setLong(1, a.courseId());
            ps.setLong(2, a.requireId());
            ps.setString(3, a.imageSha256());
            ps.setString(4, className);
            ps.setString(5, teacher);
            ps.setObject(6, Jdbc.ts(now));
            ps.executeUpdate();
          }
          return null;
        });
  }

  @Override
  public List<TrainingImage> trainingImages(long courseId) {
    return jdbc.query(
        "SELECT id, course_id, answer_id, image_sha256, class_name, added_by, added_at"
            + " FROM course_training_image WHERE course_id = ? ORDER BY id",
        rs ->
            new TrainingImage(
                rs.getLong("id"),
                rs.getLong("course_id"),
                rs.getLong("answer_id"),
                rs.getString("image_sha256"),
                rs.getString("class_name"),
                rs.getString("added_by"),
                Jdbc.instant(rs, "added_at")),
        courseId);
  }

  private static ImageAnswer map(ResultSet rs) throws SQLException {
    String line = rs.getString("line_item_url");
    return new ImageAnswer(
        rs.getLong("id"),
        rs.getLong("exercise_id"),
        rs.getLong("course_id"),
        rs.getString("user_id"),
        rs.getInt("prompt_index"),
        rs.getString("expected_class"),
        rs.getString("image_sha256"),
        rs.getLong("image_size"),
        rs.getString("content_type"),
        Jdbc.instant(rs, "submitted_at"),
        rs.getLong("model_id"),
        rs.getInt("model_version"),
        rs.getString("dataset_hash"),
        rs.getLong("split_seed"),
        rs.getString("top_classes_json"),
        rs.getDouble("expected_probability"),
        ImageAnswerDecision.valueOf(rs.getString("decision")),
        line == null ? null : URI.create(line));
  }
}
