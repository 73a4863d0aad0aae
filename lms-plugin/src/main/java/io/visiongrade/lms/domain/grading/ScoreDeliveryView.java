package io.visiongrade.lms.domain.grading;

import io.visiongrade.lms.lti.services.Score;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One score delivery as stored and as shown to a teacher or administrator: what goes where, for
 * which grade, and how its delivery stands.
 *
 * @param id the outbox row's id
 * @param target registration, course and line item
 * @param score the score exactly as it is sent (its timestamp included)
 * @param gradeRef the grade or submission in our domain that produced the score
 * @param state the delivery state
 * @param attempts how many times the sender claimed it for sending (reset by a manual re-queue)
 * @param nextAttemptAt when the sender may next pick it up (meaningful while {@code PENDING})
 * @param claimedUntil while a sender is sending it: the end of that sender's lease
 * @param lastError the last failure, for people (empty after delivery)
 * @param createdAt when the grade's transaction enqueued it
 * @param deliveredAt when the platform accepted it
 * @param version optimistic lock: every stored change increments it
 */
public record ScoreDeliveryView(
    long id,
    ScoreTarget target,
    Score score,
    String gradeRef,
    DeliveryState state,
    int attempts,
    Instant nextAttemptAt,
    Optional<Instant> claimedUntil,
    Optional<String> lastError,
    Instant createdAt,
    Optional<Instant> deliveredAt,
    long version) {

  public ScoreDeliveryView {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(score, "score");
    Objects.requireNonNull(gradeRef, "gradeRef");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
    Objects.requireNonNull(claimedUntil, "claimedUntil");
    Objects.requireNonNull(lastError, "lastError");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(deliveredAt, "deliveredAt");
  }

  /** The LTI user the score is for. */
  public String userId() {
    return score.userId();
  }
}
