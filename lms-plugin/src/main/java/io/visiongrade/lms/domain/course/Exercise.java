package io.visiongrade.lms.domain.course;

import io.visiongrade.lms.domain.DomainException;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/** An exercise of a course, placed in the LMS through Deep Linking. */
@Entity
@Table(name = "exercise")
public class Exercise {

  /** The two families of exercise. */
  public enum Kind {
    /** Students answer with an image that the course model grades. */
    IMAGE_ANSWER,
    /** Students submit a classifier that the server trains and scores on a hidden test split. */
    CLASSIFIER_CHALLENGE
  }

  /** Longest title. */
  public static final int MAX_TITLE = 200;

  /** Largest maximum score. */
  public static final double MAX_SCORE_LIMIT = 10_000;

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @ManyToOne(optional = false)
  @JoinColumn(name = "course_id", nullable = false)
  private Course course;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 30)
  private Kind kind;

  @Column(nullable = false, length = MAX_TITLE)
  private String title;

  @Column(name = "max_score", nullable = false)
  private double maxScore;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  protected Exercise() {}

  /**
   * A new exercise.
   *
   * @throws DomainException.Invalid a title that is blank or too long, or a maximum score outside
   *     (0, 10000]
   */
  public Exercise(Course course, Kind kind, String title, double maxScore, Instant now) {
    this.course = Objects.requireNonNull(course, "course");
    this.kind = Objects.requireNonNull(kind, "kind");
    if (title == null || title.isBlank()) {
      throw new DomainException.Invalid("An exercise needs a title");
    }
    if (title.strip().length() > MAX_TITLE) {
      throw new DomainException.Invalid(
          "An exercise title has at most " + MAX_TITLE + " characters, got " + title.length());
    }
    if (!(maxScore > 0 && maxScore <= MAX_SCORE_LIMIT)) {
      throw new DomainException.Invalid(
          "The maximum score must be above 0 and at most "
              + (int) MAX_SCORE_LIMIT
              + ", got "
              + maxScore);
    }
    this.title = title.strip();
    this.maxScore = maxScore;
    this.createdAt = Objects.requireNonNull(now, "now").truncatedTo(ChronoUnit.MICROS);
  }

  public Long getId() {
    return id;
  }

  public Course getCourse() {
    return course;
  }

  public Kind getKind() {
    return kind;
  }

  public String getTitle() {
    return title;
  }

  public double getMaxScore() {
    return maxScore;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }
}
