package io.visiongrade.lms.lti.services;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A score to publish to a line item (AGS 2.0 section 3.4): for a user, at a time, with activity and
 * grading progress. {@code scoreGiven} and {@code scoreMaximum} are both present or both absent.
 */
public record Score(
    String userId,
    Optional<Double> scoreGiven,
    Optional<Double> scoreMaximum,
    ActivityProgress activityProgress,
    GradingProgress gradingProgress,
    Optional<String> comment,
    Instant timestamp) {

  /** ISO-8601 with milliseconds and an explicit UTC offset, as in the AGS examples. */
  static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxxx").withZone(ZoneOffset.UTC);

  public Score {
    if (userId == null || userId.isBlank()) {
      throw new IllegalArgumentException("userId must not be blank");
    }
    Objects.requireNonNull(scoreGiven, "scoreGiven");
    Objects.requireNonNull(scoreMaximum, "scoreMaximum");
    if (scoreGiven.isPresent() != scoreMaximum.isPresent()) {
      throw new IllegalArgumentException("scoreGiven and scoreMaximum go together");
    }
    if (scoreGiven.isPresent()
        && (!Double.isFinite(scoreGiven.get()) || !Double.isFinite(scoreMaximum.get()))) {
      throw new IllegalArgumentException(
          "scores must be finite numbers, got " + scoreGiven.get() + " / " + scoreMaximum.get());
    }
    if (scoreGiven.isPresent() && (scoreGiven.get() < 0 || !(scoreMaximum.get() > 0))) {
      throw new IllegalArgumentException(
          "scoreGiven must be >= 0 and scoreMaximum > 0, got "
              + scoreGiven.get()
              + " / "
              + scoreMaximum.get());
    }
    Objects.requireNonNull(activityProgress, "activityProgress");
    Objects.requireNonNull(gradingProgress, "gradingProgress");
    Objects.requireNonNull(comment, "comment");
    Objects.requireNonNull(timestamp, "timestamp");
  }

  /** A final grade for a completed submission. */
  public static Score graded(
      String userId, double given, double maximum, String comment, Instant timestamp) {
    return new Score(
        userId,
        Optional.of(given),
        Optional.of(maximum),
        ActivityProgress.Completed,
        GradingProgress.FullyGraded,
        Optional.ofNullable(comment),
        timestamp);
  }

  /** The JSON of the score media type. */
  public Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("userId", userId);
    scoreGiven.ifPresent(v -> json.put("scoreGiven", v));
    scoreMaximum.ifPresent(v -> json.put("scoreMaximum", v));
    json.put("activityProgress", activityProgress.name());
    json.put("gradingProgress", gradingProgress.name());
    comment.ifPresent(v -> json.put("comment", v));
    json.put("timestamp", TIMESTAMP.format(timestamp));
    return json;
  }

  /** AGS 2.0 activityProgress values. */
  public enum ActivityProgress {
    Initialized,
    Started,
    InProgress,
    Submitted,
    Completed
  }

  /** AGS 2.0 gradingProgress values. */
  public enum GradingProgress {
    FullyGraded,
    Pending,
    PendingManual,
    Failed,
    NotReady
  }
}
