package io.visiongrade.lms.domain.course;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/** One LMS course: a context of a platform registration, known from the launches into it. */
@Entity
@Table(name = "course")
public class Course {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(nullable = false, length = 1000)
  private String issuer;

  @Column(name = "client_id", nullable = false)
  private String clientId;

  @Column(name = "context_id", nullable = false)
  private String contextId;

  @Column(nullable = false, length = 500)
  private String title;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  protected Course() {}

  public Course(String issuer, String clientId, String contextId, String title, Instant now) {
    this.issuer = requireText(issuer, "issuer", 1000);
    this.clientId = requireText(clientId, "client id", 255);
    this.contextId = requireText(contextId, "context id", 255);
    this.title = title == null || title.isBlank() ? contextId : cut(title.strip(), 500);
    this.createdAt = Objects.requireNonNull(now, "now").truncatedTo(ChronoUnit.MICROS);
  }

  /** The LMS renamed the course: keep the newest title it sends. */
  public void retitle(String newTitle) {
    if (newTitle != null && !newTitle.isBlank()) {
      this.title = cut(newTitle.strip(), 500);
    }
  }

  public Long getId() {
    return id;
  }

  public String getIssuer() {
    return issuer;
  }

  public String getClientId() {
    return clientId;
  }

  public String getContextId() {
    return contextId;
  }

  public String getTitle() {
    return title;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  static String requireText(String value, String field, int max) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(field + " is required");
    }
    if (value.length() > max) {
      throw new IllegalArgumentException(field + " longer than " + max + " characters");
    }
    return value;
  }

  private static String cut(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }
}
