package io.visiongrade.lms.domain.grading;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Stores score deliveries (the {@code score_outbox} table). Writes join the caller's transaction
 * when there is one. Nothing here deletes a delivery.
 */
public interface ScoreDeliveryRepository {

  /** Stores a new delivery and returns it as stored, with its id. */
  ScoreDelivery add(ScoreDelivery delivery);

  /** The delivery with this id, if any. */
  Optional<ScoreDelivery> find(long id);

  /**
   * Stores the changes made to a delivery if nobody changed it since it was read (its {@link
   * ScoreDelivery#version()} still matches), and returns it as stored now; empty when someone else
   * changed it first (lost race).
   */
  Optional<ScoreDelivery> update(ScoreDelivery changed);

  /**
   * Supersedes every {@code PENDING} delivery of this line item and user ({@link
   * ScoreDelivery#supersede()} for each, as one statement); returns how many.
   */
  int supersedePending(URI lineItemUrl, String userId);

  /** The latest score timestamp ever enqueued for this line item and user. */
  Optional<Instant> latestScoreTimestamp(URI lineItemUrl, String userId);

  /**
   * Up to {@code limit} deliveries a sender may claim now: {@code PENDING}, due, and with no other
   * delivery of the same line item and user in flight (so scores of one pair are sent in order),
   * oldest due first.
   */
  List<ScoreDelivery> findDue(Instant now, int limit);

  /**
   * Ends a sender's lease that {@link #update} could not close because the delivery changed
   * meanwhile (superseded while being sent). Does nothing when the lease is no longer this one.
   */
  void releaseClaim(long id, Instant leaseUntil);

  /** Deliveries matching the filter, newest first. */
  List<ScoreDelivery> list(DeliveryFilter filter);

  /** How many deliveries are in each state (every state present, zero when none). */
  Map<DeliveryState, Long> countByState();
}
