package io.visiongrade.lms.domain.coursemodel;

import io.visiongrade.lms.domain.DomainException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One version of a course's classifier: trained by a teacher on a course dataset (content hash and
 * split seed recorded), with its spec, its evaluation and its saved model (a zip in the content
 * store). Only a {@link State#READY} version can be promoted; at most one per course is.
 *
 * @param id null until stored
 * @param courseId the course
 * @param version 1, 2, ... within the course
 * @param datasetId the dataset trained on
 * @param datasetHash its content hash
 * @param seed the split seed
 * @param specJson the network spec (JSON, validated when trained)
 * @param state where the training is
 * @param jobId the training job, once queued
 * @param metricsJson validation and test metrics once ready
 * @param artifactSha256 the zip of the saved model directory once ready
 * @param failure why the training failed
 * @param promoted whether answers are classified with it
 * @param createdBy the teacher
 * @param createdAt when asked for
 * @param finishedAt when ready or failed
 */
public record CourseModel(
    Long id,
    long courseId,
    int version,
    long datasetId,
    String datasetHash,
    long seed,
    String specJson,
    State state,
    Long jobId,
    String metricsJson,
    String artifactSha256,
    String failure,
    boolean promoted,
    String createdBy,
    Instant createdAt,
    Instant finishedAt) {

  /** Where a version's training is. */
  public enum State {
    TRAINING,
    READY,
    FAILED
  }

  public CourseModel {
    if (version < 1) {
      throw new IllegalArgumentException("version must be at least 1, got " + version);
    }
    Objects.requireNonNull(datasetHash, "datasetHash");
    Objects.requireNonNull(specJson, "specJson");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(createdBy, "createdBy");
    Objects.requireNonNull(createdAt, "createdAt");
    if (state == State.READY && artifactSha256 == null) {
      throw new IllegalArgumentException("a READY course model needs its artefact");
    }
    if (promoted && state != State.READY) {
      throw new IllegalArgumentException("only a READY course model can be promoted");
    }
  }

  /** A version a teacher asked for, training. */
  public static CourseModel training(
      long courseId,
      int version,
      long datasetId,
      String datasetHash,
      long seed,
      String specJson,
      String teacher,
      Instant now) {
    return new CourseModel(
        null,
        courseId,
        version,
        datasetId,
        datasetHash,
        seed,
        specJson,
        State.TRAINING,
        null,
        null,
        null,
        null,
        false,
        teacher,
        now,
        null);
  }

  public long requireId() {
    if (id == null) {
      throw new IllegalStateException("course model not stored yet");
    }
    return id;
  }

  public Optional<String> metrics() {
    return Optional.ofNullable(metricsJson);
  }

  public Optional<String> artifact() {
    return Optional.ofNullable(artifactSha256);
  }

  public Optional<String> failureMessage() {
    return Optional.ofNullable(failure);
  }

  public CourseModel withId(long newId) {
    return next(newId, state, jobId, metricsJson, artifactSha256, failure, promoted, finishedAt);
  }

  /** Its training job was queued. */
  public CourseModel queued(long job) {
    return next(id, state, job, metricsJson, artifactSha256, failure, promoted, finishedAt);
  }

  /** Trained and evaluated: the model is stored. */
  public CourseModel ready(String metrics, String artifact, Instant now) {
    return next(
        id,
        State.READY,
        jobId,
        Objects.requireNonNull(metrics, "metrics"),
        Objects.requireNonNull(artifact, "artifact"),
        null,
        promoted,
        now);
  }

  /** The training failed (or was cancelled). */
  public CourseModel failed(String why, Instant now) {
    return next(id, State.FAILED, jobId, metricsJson, artifactSha256, why, false, now);
  }

  /** The same version with new training fields; what it was trained from never changes. */
  private CourseModel next(
      Long newId,
      State newState,
      Long newJobId,
      String newMetrics,
      String newArtifact,
      String newFailure,
      boolean newPromoted,
      Instant newFinishedAt) {
    return new CourseModel(
        newId,
        courseId,
        version,
        datasetId,
        datasetHash,
        seed,
        specJson,
        newState,
        newJobId,
        newMetrics,
        newArtifact,
        newFailure,
        newPromoted,
        createdBy,
        createdAt,
        newFinishedAt);
  }

  /**
   * Checks that answers may be classified with this version.
   *
   * @throws DomainException.Conflict not READY
   */
  public void checkPromotable() {
    if (state != State.READY) {
      throw new DomainException.Conflict(
          "Course model " + id + " is " + state + "; only a READY model can be promoted");
    }
  }
}
