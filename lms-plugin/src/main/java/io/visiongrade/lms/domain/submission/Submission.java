package io.visiongrade.lms.domain.submission;

import io.visiongrade.lms.domain.course.SubmissionKind;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A student's hand-in to a classifier challenge: the artefact (a CNN spec, a TorchScript model or a
 * predictions CSV) stored in the content store by its SHA-256, never by the user's file name; its
 * grading status and job; and its results once graded. The artefact never changes; each step of the
 * grading returns a new value ({@link #queued}, {@link #started}, {@link #graded}, {@link #failed},
 * {@link #cancelled}).
 *
 * @param id the database id, null before it is stored
 * @param exerciseId the exercise
 * @param courseId the exercise's course
 * @param userId the student's LTI user id
 * @param kind what was handed in
 * @param contentSha256 the artefact in the content store
 * @param contentSize its size in bytes
 * @param submittedAt when it was submitted (the late penalty counts from here)
 * @param late submitted after the student's due date (under a late policy)
 * @param status where its grading is
 * @param jobId the grading job, once queued
 * @param lineItemUrl the AGS line item of the student's launch, if the launch had one
 * @param failure why grading failed or was cancelled, as the student reads it
 * @param charged whether it counts as one of the student's attempts
 * @param results the results once graded
 * @param passbackNote what happened to the score: sent, or why it was not
 */
public record Submission(
    Long id,
    long exerciseId,
    long courseId,
    String userId,
    SubmissionKind kind,
    String contentSha256,
    long contentSize,
    Instant submittedAt,
    boolean late,
    Status status,
    Long jobId,
    Optional<URI> lineItemUrl,
    Optional<String> failure,
    boolean charged,
    Optional<SubmissionResults> results,
    Optional<String> passbackNote) {

  /** Where a submission's grading is. */
  public enum Status {
    QUEUED,
    RUNNING,
    GRADED,
    FAILED,
    CANCELLED;

    /** True once nothing more happens to it. */
    public boolean isFinal() {
      return this == GRADED || this == FAILED || this == CANCELLED;
    }
  }

  /** The kinds a classifier challenge takes. */
  public static final Set<SubmissionKind> KINDS =
      EnumSet.of(SubmissionKind.SPEC, SubmissionKind.TORCHSCRIPT, SubmissionKind.PREDICTIONS_CSV);

  /** Longest failure message kept. */
  public static final int MAX_FAILURE = 4000;

  /** Longest passback note kept. */
  public static final int MAX_NOTE = 500;

  public Submission {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(contentSha256, "contentSha256");
    Objects.requireNonNull(submittedAt, "submittedAt");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(lineItemUrl, "lineItemUrl");
    Objects.requireNonNull(failure, "failure");
    Objects.requireNonNull(results, "results");
    Objects.requireNonNull(passbackNote, "passbackNote");
    if (!KINDS.contains(kind)) {
      throw new IllegalArgumentException("Not a classifier-challenge submission kind: " + kind);
    }
    if (!contentSha256.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("Not a SHA-256: " + contentSha256);
    }
    failure = failure.map(f -> cut(f, MAX_FAILURE));
    passbackNote = passbackNote.map(n -> cut(n, MAX_NOTE));
  }

  /** A new submission, before its job is queued. */
  public static Submission received(
      long exerciseId,
      long courseId,
      String userId,
      SubmissionKind kind,
      String contentSha256,
      long contentSize,
      Instant submittedAt,
      boolean late,
      Optional<URI> lineItemUrl) {
    return new Submission(
        null,
        exerciseId,
        courseId,
        userId,
        kind,
        contentSha256,
        contentSize,
        submittedAt.truncatedTo(ChronoUnit.MICROS),
        late,
        Status.QUEUED,
        null,
        lineItemUrl,
        Optional.empty(),
        false,
        Optional.empty(),
        Optional.empty());
  }

  /** The id, which a stored submission has. */
  public long requireId() {
    if (id == null) {
      throw new IllegalStateException("Submission not stored yet");
    }
    return id;
  }

  /** The same submission as stored under {@code newId}. */
  public Submission withId(long newId) {
    return new Submission(
        newId,
        exerciseId,
        courseId,
        userId,
        kind,
        contentSha256,
        contentSize,
        submittedAt,
        late,
        status,
        jobId,
        lineItemUrl,
        failure,
        charged,
        results,
        passbackNote);
  }

  /** Its grading job is queued. */
  public Submission queued(long job) {
    return next(Status.QUEUED, job, failure, charged, results, passbackNote);
  }

  /** Its grading started (again, after a failure of ours: earlier results stay until replaced). */
  public Submission started() {
    return next(Status.RUNNING, jobId, Optional.empty(), charged, results, passbackNote);
  }

  /** Graded: the results replace any earlier ones; a graded submission counts as an attempt. */
  public Submission graded(SubmissionResults newResults, String note) {
    return next(
        Status.GRADED,
        jobId,
        Optional.empty(),
        true,
        Optional.of(newResults),
        Optional.ofNullable(note));
  }

  /**
   * Grading failed; {@code countsAsAttempt} when it was the student's error and that is charged.
   */
  public Submission failed(String message, boolean countsAsAttempt) {
    return next(
        Status.FAILED,
        jobId,
        Optional.of(message),
        countsAsAttempt,
        Optional.empty(),
        passbackNote);
  }

  /** Cancelled (by the student or a teacher); never an attempt. */
  public Submission cancelled(String message) {
    return next(
        Status.CANCELLED, jobId, Optional.of(message), false, Optional.empty(), passbackNote);
  }

  /** The same artefact in a new grading state: only the grading fields change. */
  private Submission next(
      Status newStatus,
      Long newJobId,
      Optional<String> newFailure,
      boolean newCharged,
      Optional<SubmissionResults> newResults,
      Optional<String> newPassbackNote) {
    return new Submission(
        id,
        exerciseId,
        courseId,
        userId,
        kind,
        contentSha256,
        contentSize,
        submittedAt,
        late,
        newStatus,
        newJobId,
        lineItemUrl,
        newFailure,
        newCharged,
        newResults,
        newPassbackNote);
  }

  /**
   * Whether it counts against the attempt limits now: a charged one, and one still being graded (so
   * that queueing many at once cannot get around the limits).
   */
  public boolean countsForPolicy() {
    return charged || !status.isFinal();
  }

  private static String cut(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }
}
