package io.visiongrade.lms.application;

import io.visiongrade.lms.domain.DomainException;
import io.visiongrade.lms.domain.grading.DeliveryFilter;
import io.visiongrade.lms.domain.grading.DeliveryState;
import io.visiongrade.lms.domain.grading.ScoreDelivery;
import io.visiongrade.lms.domain.grading.ScoreDeliveryRepository;
import io.visiongrade.lms.domain.grading.ScoreDeliveryView;
import io.visiongrade.lms.domain.grading.ScoreTarget;
import io.visiongrade.lms.domain.privacy.Pseudonyms;
import io.visiongrade.lms.lti.services.Score;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The durable outbox of AGS scores, as the grading use cases and the gradebook see it (see {@code
 * docs/outbox.md}). A grade and its score commit together: {@link #enqueue} runs in the caller's
 * transaction; the outbox sender delivers the score afterwards.
 */
@ApplicationScoped
public class ScoreOutbox {

  private static final Logger LOG = Logger.getLogger(ScoreOutbox.class);

  @Inject ScoreDeliveryRepository deliveries;

  Clock clock = Clock.systemUTC();

  /** For CDI. */
  protected ScoreOutbox() {}

  /** Outside a container (tests, tools). */
  public ScoreOutbox(ScoreDeliveryRepository deliveries, Clock clock) {
    this.deliveries = Objects.requireNonNull(deliveries, "deliveries");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Puts a score in the outbox, in the caller's transaction (there must be one: the grade that
   * produced the score is written in it, and both commit or neither does).
   *
   * <p>Ordering (AGS 2.0 section 3.4.9: a tool sends the updates of one line item and user in
   * order, with increasing timestamps, never two with the same one): the newest enqueued score
   * wins. Every {@code PENDING} score of the same line item and user is superseded, and the new
   * score's timestamp is moved to 1 ms after the latest one ever enqueued for that pair when it is
   * not already later (the platform keeps the score with the latest timestamp).
   *
   * @param target registration, course and line item
   * @param score the score for the LTI user ({@code sub})
   * @param gradeRef the id of the grade or submission that produced it
   * @return the stored delivery
   * @throws DomainException.Invalid when a field breaks a limit
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public ScoreDeliveryView enqueue(ScoreTarget target, Score score, String gradeRef) {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(score, "score");
    Instant now = clock.instant();
    Instant wanted = score.timestamp().truncatedTo(ChronoUnit.MILLIS);
    Optional<Instant> latest =
        deliveries.latestScoreTimestamp(target.lineItemUrl(), score.userId());
    Instant timestamp =
        latest.filter(l -> !wanted.isAfter(l)).map(l -> l.plusMillis(1)).orElse(wanted);
    Score ordered =
        new Score(
            score.userId(),
            score.scoreGiven(),
            score.scoreMaximum(),
            score.activityProgress(),
            score.gradingProgress(),
            score.comment(),
            timestamp);
    ScoreDelivery fresh = ScoreDelivery.pending(target, ordered, gradeRef, now);
    int superseded = deliveries.supersedePending(target.lineItemUrl(), score.userId());
    ScoreDeliveryView stored = deliveries.add(fresh).view();
    LOG.debugf(
        "Enqueued score delivery %d of grade %s for %s (%d older pending superseded)",
        stored.id(), gradeRef, Pseudonyms.log(score.userId()), superseded);
    return stored;
  }

  /**
   * Sends a score again now: a refused one ({@code FAILED_PERMANENT}) goes back to {@code PENDING}
   * with a fresh back-off, a waiting one becomes due at once.
   *
   * @throws DomainException.NotFound when there is no such delivery
   * @throws DomainException.Conflict when it is delivered or superseded, being sent right now, or a
   *     newer score exists for the same line item and user
   */
  @Transactional
  public ScoreDeliveryView retry(long id) {
    ScoreDelivery d = deliveries.find(id).orElseThrow(() -> notFound(id));
    Instant newest =
        deliveries
            .latestScoreTimestamp(d.target().lineItemUrl(), d.score().userId())
            .orElse(d.score().timestamp());
    if (newest.isAfter(d.score().timestamp())) {
      throw new DomainException.Conflict(
          "Score delivery "
              + id
              + " has a newer score for the same line item and user; re-send that one");
    }
    d.requeue(clock.instant());
    return deliveries
        .update(d)
        .map(ScoreDelivery::view)
        .orElseThrow(
            () ->
                new DomainException.Conflict(
                    "Score delivery " + id + " changed meanwhile; reload and try again"));
  }

  /** One delivery. */
  public Optional<ScoreDeliveryView> find(long id) {
    return deliveries.find(id).map(ScoreDelivery::view);
  }

  /**
   * One delivery.
   *
   * @throws DomainException.NotFound when there is none
   */
  public ScoreDeliveryView get(long id) {
    return find(id).orElseThrow(() -> notFound(id));
  }

  /**
   * The delivery state of each score matching the filter, newest first: for the teacher's gradebook
   * use {@link DeliveryFilter#course}.
   */
  public List<ScoreDeliveryView> deliveries(DeliveryFilter filter) {
    return deliveries.list(Objects.requireNonNull(filter, "filter")).stream()
        .map(ScoreDelivery::view)
        .toList();
  }

  /** How many scores are in each state, for health and metrics. */
  public Map<DeliveryState, Long> countsByState() {
    return deliveries.countByState();
  }

  private static DomainException.NotFound notFound(long id) {
    return new DomainException.NotFound("Score delivery", id);
  }
}
