package io.visiongrade.lms.domain.grading;

import io.visiongrade.lms.domain.DomainException;
import io.visiongrade.lms.domain.privacy.Pseudonyms;
import io.visiongrade.lms.lti.services.Score;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * One AGS score in the durable outbox and its way to the LMS (states in {@link DeliveryState}).
 *
 * <pre>
 *             claim (attempts+1, lease)        delivered(at)
 *   enqueue ─▶ PENDING ───────────────▶ sending ───────────────▶ DELIVERED
 *                ▲  │                     │  retryLater(error, at)   ─▶ PENDING (waits until at)
 *   requeue(now) │  │ supersede()         │  failedPermanently(error) ─▶ FAILED_PERMANENT
 *   (by a person)│  ▼                     ▼
 *                │ SUPERSEDED          lease expires (sender died) ─▶ due again
 *           FAILED_PERMANENT
 * </pre>
 *
 * <p>Not a JPA entity: every change is stored by {@link ScoreDeliveryRepository#update} as one
 * conditional write on {@link #version()}, which is how two senders never both send a row. A
 * changed object is stale once stored; use the one the repository returns.
 */
public final class ScoreDelivery {

  /** The longest comment kept and sent (characters). */
  public static final int MAX_COMMENT = 4000;

  /** The longest error message kept (characters); longer ones are shortened. */
  public static final int MAX_ERROR = 1000;

  static final int MAX_GRADE_REF = 100;

  private final Long id;
  private final ScoreTarget target;
  private final Score score;
  private final String gradeRef;
  private final Instant createdAt;
  private final long version;
  private DeliveryState state;
  private int attempts;
  private Instant nextAttemptAt;
  private Instant claimedUntil;
  private String lastError;
  private Instant deliveredAt;

  private ScoreDelivery(
      Long id,
      ScoreTarget target,
      Score score,
      String gradeRef,
      DeliveryState state,
      int attempts,
      Instant nextAttemptAt,
      Instant claimedUntil,
      String lastError,
      Instant createdAt,
      Instant deliveredAt,
      long version) {
    this.id = id;
    this.target = Objects.requireNonNull(target, "target");
    this.score = Objects.requireNonNull(score, "score");
    this.gradeRef = gradeRef;
    this.state = Objects.requireNonNull(state, "state");
    this.attempts = attempts;
    this.nextAttemptAt = Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
    this.claimedUntil = claimedUntil;
    this.lastError = lastError;
    this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
    this.deliveredAt = deliveredAt;
    this.version = version;
  }

  /**
   * A new score to deliver, due at once.
   *
   * @param score the score; its timestamp is kept to the millisecond, as AGS sends it
   * @param gradeRef the grade or submission that produced it (shown to the teacher)
   * @throws DomainException.Invalid when a field is too long or blank
   */
  public static ScoreDelivery pending(
      ScoreTarget target, Score score, String gradeRef, Instant now) {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(score, "score");
    requireText("grade reference", gradeRef, MAX_GRADE_REF);
    requireText("user id", score.userId(), ScoreTarget.MAX_ID);
    // Defence in depth: Score refuses NaN and infinities, which JSON cannot carry.
    if (!score.scoreGiven().map(Double::isFinite).orElse(true)
        || !score.scoreMaximum().map(Double::isFinite).orElse(true)) {
      throw new DomainException.Invalid(
          "The score of grade "
              + gradeRef
              + " must be finite numbers, got "
              + score.scoreGiven().orElse(null)
              + " / "
              + score.scoreMaximum().orElse(null));
    }
    if (score.comment().map(String::length).orElse(0) > MAX_COMMENT) {
      throw new DomainException.Invalid(
          "The score comment for grade "
              + gradeRef
              + " has "
              + score.comment().get().length()
              + " characters; at most "
              + MAX_COMMENT
              + " are kept");
    }
    Instant at = micros(now);
    Score exact =
        new Score(
            score.userId(),
            score.scoreGiven(),
            score.scoreMaximum(),
            score.activityProgress(),
            score.gradingProgress(),
            score.comment(),
            score.timestamp().truncatedTo(ChronoUnit.MILLIS));
    return new ScoreDelivery(
        null, target, exact, gradeRef, DeliveryState.PENDING, 0, at, null, null, at, null, 0);
  }

  /** The delivery as it was stored. */
  public static ScoreDelivery restore(ScoreDeliveryView v) {
    return new ScoreDelivery(
        v.id(),
        v.target(),
        v.score(),
        v.gradeRef(),
        v.state(),
        v.attempts(),
        v.nextAttemptAt(),
        v.claimedUntil().orElse(null),
        v.lastError().orElse(null),
        v.createdAt(),
        v.deliveredAt().orElse(null),
        v.version());
  }

  /** A snapshot; {@code id} is 0 before the delivery was first stored. */
  public ScoreDeliveryView view() {
    return new ScoreDeliveryView(
        id == null ? 0 : id,
        target,
        score,
        gradeRef,
        state,
        attempts,
        nextAttemptAt,
        Optional.ofNullable(claimedUntil),
        Optional.ofNullable(lastError),
        createdAt,
        Optional.ofNullable(deliveredAt),
        version);
  }

  // --- What happens to a delivery ---------------------------------------------------------------

  /**
   * A sender takes it for sending until {@code leaseUntil}: one more attempt; nobody else picks it
   * up before the lease ends (if the sender dies, it is due again then).
   */
  public void claim(Instant leaseUntil) {
    requireState(DeliveryState.PENDING, "claim");
    attempts++;
    claimedUntil = micros(leaseUntil);
    nextAttemptAt = claimedUntil;
  }

  /** The platform accepted the score. */
  public void delivered(Instant at) {
    requireState(DeliveryState.PENDING, "mark delivered");
    state = DeliveryState.DELIVERED;
    deliveredAt = micros(at);
    claimedUntil = null;
    lastError = null;
  }

  /** A passing failure: try again at {@code at}, not before. */
  public void retryLater(String error, Instant at) {
    requireState(DeliveryState.PENDING, "retry");
    nextAttemptAt = micros(at);
    claimedUntil = null;
    lastError = shorten(error);
  }

  /** The platform refused the score; retrying the same request cannot help. */
  public void failedPermanently(String error) {
    requireState(DeliveryState.PENDING, "mark failed");
    state = DeliveryState.FAILED_PERMANENT;
    claimedUntil = null;
    lastError = shorten(error);
  }

  /**
   * A newer score for the same line item and user replaces this one. A lease in progress is kept,
   * so that the newer score is not sent while this one may still be on its way.
   */
  public void supersede() {
    requireState(DeliveryState.PENDING, "supersede");
    state = DeliveryState.SUPERSEDED;
  }

  /**
   * A person asks to send it again now: a refused score goes back to {@code PENDING} with a fresh
   * back-off; a waiting one becomes due at once.
   *
   * @throws DomainException.Conflict when it is delivered, superseded or being sent right now
   */
  public void requeue(Instant now) {
    if (state == DeliveryState.DELIVERED || state == DeliveryState.SUPERSEDED) {
      throw new DomainException.Conflict(
          "Score delivery "
              + id
              + " is "
              + state
              + "; only waiting or refused scores can be re-sent");
    }
    if (isInFlight(now)) {
      throw new DomainException.Conflict(
          "Score delivery " + id + " is being sent right now; look again in a moment");
    }
    if (state == DeliveryState.FAILED_PERMANENT) {
      attempts = 0;
    }
    state = DeliveryState.PENDING;
    nextAttemptAt = micros(now);
    claimedUntil = null;
  }

  /** True when a sender holds an unexpired lease on it. */
  public boolean isInFlight(Instant now) {
    return claimedUntil != null && claimedUntil.isAfter(now);
  }

  /** True when a sender may pick it up now. */
  public boolean isDue(Instant now) {
    return state == DeliveryState.PENDING && !nextAttemptAt.isAfter(now);
  }

  // --- Reading -----------------------------------------------------------------------------------

  public Optional<Long> id() {
    return Optional.ofNullable(id);
  }

  public ScoreTarget target() {
    return target;
  }

  public Score score() {
    return score;
  }

  public String gradeRef() {
    return gradeRef;
  }

  public DeliveryState state() {
    return state;
  }

  public int attempts() {
    return attempts;
  }

  public Instant nextAttemptAt() {
    return nextAttemptAt;
  }

  public Optional<Instant> claimedUntil() {
    return Optional.ofNullable(claimedUntil);
  }

  public Optional<String> lastError() {
    return Optional.ofNullable(lastError);
  }

  public long version() {
    return version;
  }

  @Override
  public String toString() {
    return "score delivery "
        + (id == null ? "(new)" : id)
        + " of grade "
        + gradeRef
        + " for "
        + Pseudonyms.log(score.userId())
        + " to "
        + target.lineItemUrl()
        + " ("
        + state
        + ", "
        + attempts
        + " attempts)";
  }

  private void requireState(DeliveryState wanted, String action) {
    if (state != wanted) {
      throw new IllegalStateException(
          "Cannot " + action + " " + this + ": it is " + state + ", not " + wanted);
    }
  }

  /** What every supported database keeps, so a read equals what was written. */
  static Instant micros(Instant t) {
    return Objects.requireNonNull(t, "time").truncatedTo(ChronoUnit.MICROS);
  }

  static String shorten(String error) {
    String e = error == null || error.isBlank() ? "unknown error" : error.strip();
    return e.length() > MAX_ERROR ? e.substring(0, MAX_ERROR - 3) + "..." : e;
  }

  static void requireText(String field, String value, int max) {
    if (value == null || value.isBlank()) {
      throw new DomainException.Invalid("The " + field + " of a score must not be blank");
    }
    if (value.length() > max) {
      throw new DomainException.Invalid(
          "The "
              + field
              + " of a score has "
              + value.length()
              + " characters; at most "
              + max
              + " are allowed");
    }
  }
}
