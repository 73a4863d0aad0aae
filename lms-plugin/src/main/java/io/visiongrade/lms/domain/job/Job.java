package io.visiongrade.lms.domain.job;

import io.visiongrade.lms.domain.DomainException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A unit of work (training, evaluation, grading) queued in the database and run by a dispatcher.
 *
 * <pre>
 *                 claim (attempts+1, lease)                succeed(result)
 *   queue ─▶ QUEUED ────────────────────────▶ RUNNING ─────────────────────────▶ SUCCEEDED
 *             ▲  │                             │ │ │ failByUser(message)     ─▶ FAILED / USER_ERROR
 *             │  │ requestCancel               │ │ │ timeOut                 ─▶ FAILED / TIMEOUT
 *             │  ▼                             │ │ └ cancelled (after request) ─▶ CANCELLED
 *             │ CANCELLED                      │ └ failByInfrastructure / abandoned (lease ended):
 *             │                                │     retries left ─▶ QUEUED (back-off), else FAILED / INFRASTRUCTURE
 *             └────────────────────────────────┘ returnToQueue (server stopping; not a failure)
 * </pre>
 *
 * <p>Not a JPA entity: every change is stored by {@link JobRepository#update} as one conditional
 * write on {@link #version()}, which is how two dispatchers never both claim a job. A changed
 * object is stale once stored; use the one the repository returns.
 */
public final class Job {

  /** The longest payload (characters). */
  public static final int MAX_PAYLOAD = 4000;

  /** The longest kind (characters): upper case, digits and underscores. */
  public static final int MAX_KIND = 50;

  /** The longest message or result kept (characters); longer ones are shortened. */
  public static final int MAX_TEXT = 1000;

  private static final Pattern KIND = Pattern.compile("[A-Z][A-Z0-9_]*");

  private final Long id;
  private final String kind;
  private final JobLane lane;
  private final long courseId;
  private final JobOwner owner;
  private final String payload;
  private final boolean chargeUserErrors;
  private final int maxInfraRetries;
  private final Instant createdAt;
  private final long version;
  private final JobProgress progress;
  private final Instant progressAt;
  private JobState state;
  private FailureKind failureKind;
  private String message;
  private String result;
  private int attempts;
  private int infraFailures;
  private boolean cancelRequested;
  private Instant notBefore;
  private Instant startedAt;
  private Instant finishedAt;
  private String leaseOwner;
  private Instant leaseUntil;
  private Instant heartbeatAt;

  private Job(JobView v) {
    this.id = v.id() == 0 ? null : v.id();
    this.kind = v.kind();
    this.lane = v.lane();
    this.courseId = v.courseId();
    this.owner = v.owner();
    this.payload = v.payload();
    this.chargeUserErrors = v.chargeUserErrors();
    this.state = v.state();
    this.failureKind = v.failureKind().orElse(null);
    this.message = v.message().orElse(null);
    this.result = v.result().orElse(null);
    this.attempts = v.attempts();
    this.infraFailures = v.infraFailures();
    this.maxInfraRetries = v.maxInfraRetries();
    this.cancelRequested = v.cancelRequested();
    this.createdAt = v.createdAt();
    this.notBefore = v.notBefore();
    this.startedAt = v.startedAt().orElse(null);
    this.finishedAt = v.finishedAt().orElse(null);
    this.leaseOwner = v.leaseOwner().orElse(null);
    this.leaseUntil = v.leaseUntil().orElse(null);
    this.heartbeatAt = v.heartbeatAt().orElse(null);
    this.progress = v.progress().orElse(null);
    this.progressAt = v.progressAt().orElse(null);
    this.version = v.version();
  }

  /**
   * A new job, queued now.
   *
   * @param maxInfraRetries how many failures of ours are retried before the job fails
   * @throws DomainException.Invalid when the kind, payload or retries break a rule
   */
  public static Job queue(JobRequest request, int maxInfraRetries, Instant now) {
    Objects.requireNonNull(request, "request");
    if (request.kind().length() > MAX_KIND || !KIND.matcher(request.kind()).matches()) {
      throw new DomainException.Invalid(
          "A job kind is 1 to "
              + MAX_KIND
              + " upper-case letters, digits and underscores, got '"
              + request.kind()
              + "'");
    }
    if (request.payload().length() > MAX_PAYLOAD) {
      throw new DomainException.Invalid(
          "The payload of a "
              + request.kind()
              + " job has "
              + request.payload().length()
              + " characters; at most "
              + MAX_PAYLOAD
              + " are allowed");
    }
    if (maxInfraRetries < 0) {
      throw new DomainException.Invalid(
          "Infrastructure retries must not be negative, got " + maxInfraRetries);
    }
    Instant at = micros(now);
    return new Job(
        new JobView(
            0,
            request.kind(),
            request.lane(),
            request.courseId(),
            request.owner(),
            request.payload(),
            request.chargeUserErrors(),
            JobState.QUEUED,
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            0,
            0,
            maxInfraRetries,
            false,
            at,
            at,
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            0));
  }

  /** The job as it was stored. */
  public static Job restore(JobView v) {
    return new Job(Objects.requireNonNull(v, "view"));
  }

  /** A snapshot; {@code id} is 0 before the job was first stored. */
  public JobView view() {
    return new JobView(
        id == null ? 0 : id,
        kind,
        lane,
        courseId,
        owner,
        payload,
        chargeUserErrors,
        state,
        Optional.ofNullable(failureKind),
        Optional.ofNullable(message),
        Optional.ofNullable(result),
        attempts,
        infraFailures,
        maxInfraRetries,
        cancelRequested,
        createdAt,
        notBefore,
        Optional.ofNullable(startedAt),
        Optional.ofNullable(finishedAt),
        Optional.ofNullable(leaseOwner),
        Optional.ofNullable(leaseUntil),
        Optional.ofNullable(heartbeatAt),
        Optional.ofNullable(progress),
        Optional.ofNullable(progressAt),
        version);
  }

  // --- What happens to a job --------------------------------------------------------------------

  /** A dispatcher on {@code node} starts it, holding it until {@code leaseUntil}. */
  public void claim(String node, Instant leaseUntil, Instant now) {
    requireState(JobState.QUEUED, "claim");
    Objects.requireNonNull(node, "node");
    state = JobState.RUNNING;
    attempts++;
    startedAt = micros(now);
    heartbeatAt = startedAt;
    leaseOwner = node;
    this.leaseUntil = micros(leaseUntil);
    finishedAt = null;
  }

  /** Its runner on {@code node} is alive: the lease is extended to {@code leaseUntil}. */
  public void heartbeat(String node, Instant leaseUntil, Instant now) {
    requireRunningOn(node, "heartbeat");
    this.leaseUntil = micros(leaseUntil);
    heartbeatAt = micros(now);
  }

  /** The handler finished. */
  public void succeed(String result, Instant now) {
    requireState(JobState.RUNNING, "record success");
    this.result = shorten(result, "");
    message = null;
    failureKind = null;
    finish(JobState.SUCCEEDED, now);
  }

  /** The owner's input is at fault: fails at once, never retried. */
  public void failByUser(String message, Instant now) {
    requireState(JobState.RUNNING, "record a user error");
    fail(FailureKind.USER_ERROR, shorten(message, "The input was refused"), now);
  }

  /**
   * A failure of ours: queued again from {@code retryAt} while retries are left, else failed for
   * good. Never charged to the owner.
   *
   * @return true when the job will run again
   */
  public boolean failByInfrastructure(String error, Instant now, Instant retryAt) {
    requireState(JobState.RUNNING, "record a failure");
    return infrastructureFailure(shorten(error, "unknown error"), now, retryAt);
  }

  /**
   * The runner is gone (its server died, or its lease ran out): like a failure of ours, queued
   * again at once while retries are left. A cancel requested meanwhile wins.
   *
   * @return true when the job will run again
   */
  public boolean abandoned(Instant now) {
    requireState(JobState.RUNNING, "recover");
    if (cancelRequested) {
      cancelled(now);
      return false;
    }
    return infrastructureFailure(
        "The server running it stopped (" + leaseOwner + ", lease until " + leaseUntil + ")",
        now,
        now);
  }

  /** It ran past its time limit. */
  public void timeOut(Duration limit, Instant now) {
    requireState(JobState.RUNNING, "record a time-out");
    fail(
        FailureKind.TIMEOUT,
        "Stopped after the time limit of " + human(limit) + "; it does not count as an attempt",
        now);
  }

  /**
   * A person asks to cancel it: a queued job is cancelled at once; a running one carries the
   * request until its runner stops it ({@link #cancelled}).
   *
   * @return true when it was cancelled at once
   * @throws DomainException.Conflict when it has already finished
   */
  public boolean requestCancel(Instant now) {
    if (state.isFinal()) {
      throw new DomainException.Conflict(
          "Job " + id + " has already finished (" + state + "); there is nothing to cancel");
    }
    if (state == JobState.QUEUED) {
      cancelled(now);
      return true;
    }
    cancelRequested = true;
    return false;
  }

  /** Its runner stopped it after a cancel request (or at once, when it was queued). */
  public void cancelled(Instant now) {
    if (state != JobState.QUEUED) {
      requireState(JobState.RUNNING, "cancel");
    }
    cancelRequested = true;
    fail(FailureKind.CANCELLED, "Cancelled on request", now);
    state = JobState.CANCELLED;
  }

  /**
   * The server is stopping: the run is dropped (not a failure, not charged) and the job waits for
   * the next server. A cancel requested meanwhile wins.
   */
  public void returnToQueue(Instant now) {
    requireState(JobState.RUNNING, "return to the queue");
    if (cancelRequested) {
      cancelled(now);
      return;
    }
    requeue("Interrupted by a server restart; queued again", micros(now));
  }

  // --- Reading -----------------------------------------------------------------------------------

  public Optional<Long> id() {
    return Optional.ofNullable(id);
  }

  public JobState state() {
    return state;
  }

  public JobLane lane() {
    return lane;
  }

  public JobOwner owner() {
    return owner;
  }

  public int attempts() {
    return attempts;
  }

  public boolean cancelRequested() {
    return cancelRequested;
  }

  public long version() {
    return version;
  }

  /** True when it is running on {@code node}, in run number {@code attempt}. */
  public boolean isRunningOn(String node, int attempt) {
    return state == JobState.RUNNING && node.equals(leaseOwner) && attempts == attempt;
  }

  @Override
  public String toString() {
    return "job "
        + (id == null ? "(new)" : id)
        + " "
        + kind
        + " of "
        + owner
        + " in course "
        + courseId
        + " ("
        + state
        + (failureKind == null ? "" : "/" + failureKind)
        + ", "
        + attempts
        + " attempts)";
  }

  // --- Inside ------------------------------------------------------------------------------------

  private boolean infrastructureFailure(String error, Instant now, Instant retryAt) {
    infraFailures++;
    if (infraFailures > maxInfraRetries) {
      fail(
          FailureKind.INFRASTRUCTURE,
          shorten(
              "It failed on our side "
                  + infraFailures
                  + " times; it does not count as an attempt. Last error: "
                  + error,
              ""),
          now);
      return false;
    }
    requeue(shorten("Failed on our side, will run again: " + error, ""), micros(retryAt));
    return true;
  }

  private void requeue(String why, Instant notBefore) {
    state = JobState.QUEUED;
    message = why;
    this.notBefore = notBefore;
    leaseOwner = null;
    leaseUntil = null;
  }

  private void fail(FailureKind kind, String why, Instant now) {
    failureKind = kind;
    message = why;
    finish(JobState.FAILED, now);
  }

  private void finish(JobState end, Instant now) {
    state = end;
    finishedAt = micros(now);
    leaseOwner = null;
    leaseUntil = null;
  }

  private void requireState(JobState wanted, String action) {
    if (state != wanted) {
      throw new IllegalStateException(
          "Cannot " + action + " " + this + ": it is " + state + ", not " + wanted);
    }
  }

  private void requireRunningOn(String node, String action) {
    requireState(JobState.RUNNING, action);
    if (!Objects.equals(node, leaseOwner)) {
      throw new IllegalStateException(
          "Cannot " + action + " " + this + " from " + node + ": it runs on " + leaseOwner);
    }
  }

  private static String human(Duration d) {
    long s = d.toSeconds();
    return s % 60 == 0 ? s / 60 + " min" : s + " s";
  }

  /** What every supported database keeps, so a read equals what was written. */
  static Instant micros(Instant t) {
    return Objects.requireNonNull(t, "time").truncatedTo(ChronoUnit.MICROS);
  }

  static String shorten(String text, String whenBlank) {
    String t = text == null || text.isBlank() ? whenBlank : text.strip();
    return t.length() > MAX_TEXT ? t.substring(0, MAX_TEXT - 3) + "..." : t;
  }
}
