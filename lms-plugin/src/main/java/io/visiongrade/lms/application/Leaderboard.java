package io.visiongrade.lms.application;

import io.visiongrade.lms.domain.course.Exercise;
import io.visiongrade.lms.infrastructure.persistence.DatabaseMigrator;
import io.visiongrade.lms.infrastructure.persistence.Jdbc;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The pseudonymous leaderboard of a classifier challenge: every student's counting grade (the
 * attempt the exercise's selection picks, with the visible part's points: the public part of a
 * blind phase until the due date), best first, under a stable pseudonym. Never a name or an LMS
 * user id; the caller's own row is marked so that they can find themselves.
 *
 * <p>{@link #pseudonym} is the one place that makes pseudonyms; other features that show a student
 * to other students use it too.
 */
@ApplicationScoped
public class Leaderboard {

  /** The most rows a leaderboard shows. */
  public static final int MAX_ROWS = 50;

  /**
   * One row.
   *
   * @param rank 1 for the best (equal points share a rank)
   * @param pseudonym the student's stable pseudonym in this course
   * @param points the counting points
   * @param maxPoints the exercise's maximum
   * @param metric the public metric of the counting submission, or null
   * @param you whether this is the caller
   */
  public record Row(
      int rank, String pseudonym, double points, double maxPoints, Double metric, boolean you) {}

  private static final List<String> ADJECTIVES =
      List.of(
          "Amber", "Brave", "Calm", "Clever", "Coral", "Dapper", "Eager", "Gentle", "Golden",
          "Happy", "Indigo", "Jolly", "Keen", "Lively", "Lucky", "Mellow", "Nimble", "Olive",
          "Plucky", "Quick", "Quiet", "Rapid", "Sunny", "Swift", "Teal", "Tidy", "Vivid", "Witty");
  private static final List<String> ANIMALS =
      List.of(
          "Badger", "Beaver", "Bison", "Crane", "Dolphin", "Falcon", "Ferret", "Gecko", "Heron",
          "Ibex", "Jaguar", "Koala", "Lemur", "Lynx", "Marten", "Narwhal", "Ocelot", "Otter",
          "Panda", "Puffin", "Quokka", "Raven", "Salmon", "Tapir", "Walrus", "Yak", "Zebra");

  @Resource(lookup = DatabaseMigrator.DATA_SOURCE)
  DataSource dataSource;

  private Jdbc jdbc;

  /** For CDI. */
  protected Leaderboard() {}

  /** Outside a container (tests). */
  public Leaderboard(DataSource dataSource) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    this.jdbc = new Jdbc(dataSource);
  }

  @PostConstruct
  void init() {
    jdbc = new Jdbc(dataSource);
  }

  /**
   * The leaderboard of an exercise, best first, at most {@link #MAX_ROWS} rows (plus the caller's
   * own row when they rank lower).
   *
   * @param exercise a classifier challenge (the caller checked that it is of the caller's course)
   * @param callerUserId the caller's user id (their row is marked), or null
   */
  public List<Row> of(Exercise exercise, String callerUserId) {
    return of(exercise.getCourse().getId(), exercise.getId(), callerUserId);
  }

  /** The leaderboard of exercise {@code exerciseId} of course {@code courseId}. */
  public List<Row> of(long courseId, long exerciseId, String callerUserId) {
    record Raw(String user, double points, double max, Double metric) {}
    List<Raw> raw =
        jdbc.query(
            "SELECT g.user_id, g.points, g.max_points, s.public_metric FROM grade g"
                + " JOIN submission s ON s.id = g.submission_id"
                + " WHERE g.exercise_id = ? ORDER BY g.points DESC, g.updated_at ASC, g.user_id",
            rs -> {
              double metric = rs.getDouble(4);
              return new Raw(
                  rs.getString(1), rs.getDouble(2), rs.getDouble(3), rs.wasNull() ? null : metric);
            },
            exerciseId);
    long course = courseId;
    List<Row> rows = new ArrayList<>();
    int rank = 0;
    double previous = Double.NaN;
    for (int i = 0; i < raw.size(); i++) {
      Raw r = raw.get(i);
      if (r.points() != previous) {
        rank = i + 1;
        previous = r.points();
      }
      boolean you = r.user().equals(callerUserId);
      if (i < MAX_ROWS || you) {
        rows.add(new Row(rank, pseudonym(course, r.user()), r.points(), r.max(), r.metric(), you));
      }
    }
    return rows;
  }

  /**
   * A student's pseudonym in a course ("Swift Otter 3F"): stable (the same student gets the same
   * one on every page and after a restart), different across courses, and not the user id or name.
   * Derived by SHA-256 from the course and user id, so it cannot be turned back into the id.
   */
  public static String pseudonym(long courseId, String userId) {
    byte[] h;
    try {
      h =
          MessageDigest.getInstance("SHA-256")
              .digest(
                  ("visiongrade-pseudonym\u0000" + courseId + "\u0000" + userId)
                      .getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing", e);
    }
    int a = Math.floorMod(((h[0] & 0xff) << 8) | (h[1] & 0xff), ADJECTIVES.size());
    int b = Math.floorMod(((h[2] & 0xff) << 8) | (h[3] & 0xff), ANIMALS.size());
    return ADJECTIVES.get(a) + " " + ANIMALS.get(b) + " " + String.format("%02X", h[4] & 0xff);
  }
}
