package io.visiongrade.lms.infrastructure.outbox;

import io.visiongrade.lms.domain.grading.ScoreDelivery;
import io.visiongrade.lms.domain.grading.ScoreDeliveryRepository;
import io.visiongrade.lms.domain.privacy.Pseudonyms;
import io.visiongrade.lms.lti.registration.PlatformRegistration;
import io.visiongrade.lms.lti.registration.PlatformRegistrations;
import io.visiongrade.lms.lti.registration.RegistrationKey;
import io.visiongrade.lms.lti.services.DeliveryResult;
import io.visiongrade.lms.lti.services.Score;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * One pass of the outbox sender, without a container: find due deliveries, claim each one (a
 * conditional write on its version, with a lease), send it outside any transaction, and record the
 * outcome. Two processors, in one server or in two, never send the same row at the same time: only
 * one claim of a version succeeds. Nothing is ever deleted; every failure is kept on the row.
 */
public final class OutboxProcessor {

  private static final Logger LOG = Logger.getLogger(OutboxProcessor.class);

  /** Sends one score; {@code AgsClient::publishScore} in the product. Must not throw. */
  @FunctionalInterface
  public interface ScorePublisher {
    DeliveryResult publish(PlatformRegistration registration, URI lineItemUrl, Score score);
  }

  /**
   * What one pass did: rows claimed and sent, and of those delivered, to retry and refused; rows
   * another sender took first; rows not sent because their platform is paused.
   */
  public record Report(
      int claimed, int delivered, int retrying, int failed, int lostRaces, int deferred) {
    public static final Report NOTHING = new Report(0, 0, 0, 0, 0, 0);

    Report plus(Report o) {
      return new Report(
          claimed + o.claimed,
          delivered + o.delivered,
          retrying + o.retrying,
          failed + o.failed,
          lostRaces + o.lostRaces,
          deferred + o.deferred);
    }
  }

  /** A platform that failed for a score: its other scores wait too, until {@code until}. */
  private record Pause(int failures, Instant until, String reason) {}

  private final ScoreDeliveryRepository deliveries;
  private final PlatformRegistrations registrations;
  private final ScorePublisher publisher;
  private final Backoff backoff;
  private final Clock clock;
  private final Duration lease;
  private final int batchSize;
  private final Map<RegistrationKey, Pause> pauses = new ConcurrentHashMap<>();

  /**
   * @param lease how long a claim keeps other senders off a row: longer than the longest send (a
   *     token request and a score post, each bounded by the HTTP timeout, plus one retry after a
   *     401); a sender that dies leaves its row due again when the lease ends
   * @param batchSize the most rows one pass claims
   */
  public OutboxProcessor(
      ScoreDeliveryRepository deliveries,
      PlatformRegistrations registrations,
      ScorePublisher publisher,
      Backoff backoff,
      Clock clock,
      Duration lease,
      int batchSize) {
    this.deliveries = Objects.requireNonNull(deliveries, "deliveries");
    this.registrations = Objects.requireNonNull(registrations, "registrations");
    this.publisher = Objects.requireNonNull(publisher, "publisher");
    this.backoff = Objects.requireNonNull(backoff, "backoff");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.lease = Objects.requireNonNull(lease, "lease");
    if (lease.isNegative() || lease.isZero() || batchSize < 1) {
      throw new IllegalArgumentException(
          "The lease must be positive and the batch size at least 1, got "
              + lease
              + " and "
              + batchSize);
    }
    this.batchSize = batchSize;
  }

  /**
   * Sends what is due now, one batch; returns what happened.
   *
   * <p>When a platform fails for one score (busy, down, timing out, no registration), its other
   * scores are not sent before the platform's own back-off ends (or its Retry-After): they are
   * deferred to that time, without an attempt, so a struggling platform gets one request per
   * back-off period rather than one per score, and other platforms' scores are not held up. The
   * platform's back-off grows with its consecutive failures and is kept in memory by this
   * processor; any answer (accepted or refused) ends it.
   */
  public Report deliverDue() {
    List<ScoreDelivery> due = deliveries.findDue(clock.instant(), batchSize);
    Report report = Report.NOTHING;
    for (ScoreDelivery d : due) {
      Pause pause = pauses.get(d.target().registration());
      boolean paused = pause != null && pause.until().isAfter(clock.instant());
      report = report.plus(paused ? defer(d, pause) : deliverOne(d));
    }
    if (report.claimed() > 0) {
      LOG.debugf("Outbox pass: %s", report);
    }
    return report;
  }

  private Report defer(ScoreDelivery d, Pause pause) {
    d.retryLater(
        "Not sent: its platform failed for another score: " + pause.reason(), pause.until());
    return deliveries.update(d).isPresent()
        ? new Report(0, 0, 0, 0, 0, 1)
        : new Report(0, 0, 0, 0, 1, 0);
  }

  private Report deliverOne(ScoreDelivery due) {
    Instant leaseUntil = clock.instant().plus(lease);
    due.claim(leaseUntil);
    Optional<ScoreDelivery> claimed = deliveries.update(due);
    if (claimed.isEmpty()) {
      return new Report(0, 0, 0, 0, 1, 0); // another sender took it, or it changed
    }
    ScoreDelivery d = claimed.get();
    Instant held = d.claimedUntil().orElseThrow(); // as stored (the database keeps microseconds)
    DeliveryResult result = send(d);
    Instant now = clock.instant();
    Report outcome;
    RegistrationKey platform = d.target().registration();
    if (result instanceof DeliveryResult.Delivered) {
      d.delivered(now);
      pauses.remove(platform);
      outcome = new Report(1, 1, 0, 0, 0, 0);
    } else if (result instanceof DeliveryResult.RetryLater r) {
      Instant next = backoff.nextAttempt(now, d.attempts(), r.notBefore());
      d.retryLater(r.reason(), next);
      Pause before = pauses.get(platform);
      int failures = before == null ? 1 : before.failures() + 1;
      pauses.put(
          platform,
          new Pause(failures, backoff.nextAttempt(now, failures, r.notBefore()), r.reason()));
      LOG.infof("%s: will try again at %s: %s", d, next, forLog(d, r.reason()));
      outcome = new Report(1, 0, 1, 0, 0, 0);
    } else {
      DeliveryResult.Rejected r = (DeliveryResult.Rejected) result;
      d.failedPermanently(r.reason());
      pauses.remove(platform);
      LOG.warnf("%s: refused by the platform, waits for a person: %s", d, forLog(d, r.reason()));
      outcome = new Report(1, 0, 0, 1, 0, 0);
    }
    if (deliveries.update(d).isEmpty()) {
      // Superseded while on its way: the newer score waited for this lease; let it go now.
      deliveries.releaseClaim(d.id().orElseThrow(), held);
      LOG.debugf("%s changed while being sent (superseded); its outcome is not recorded", d);
    }
    return outcome;
  }

  private DeliveryResult send(ScoreDelivery d) {
    try {
      Optional<PlatformRegistration> registration =
          registrations.find(d.target().issuer(), d.target().clientId());
      if (registration.isEmpty()) {
        return new DeliveryResult.RetryLater(
            Optional.empty(),
            0,
            "No platform registration for "
                + d.target().registration()
                + " (deleted?): the score waits until the platform is registered again");
      }
      return publisher.publish(registration.get(), d.target().lineItemUrl(), d.score());
    } catch (RuntimeException e) {
      // Never lose a score to a bug or a broken dependency: keep it and try later.
      LOG.errorf(e, "%s: unexpected failure while sending", d);
      return new DeliveryResult.RetryLater(
          Optional.empty(), 0, "Unexpected failure while sending: " + e);
    }
  }

  /** The platform's reason with the user id it may echo replaced by the log pseudonym. */
  private static String forLog(ScoreDelivery d, String reason) {
    String user = d.score().userId();
    return reason == null || user == null || user.isEmpty()
        ? reason
        : reason.replace(user, Pseudonyms.log(user));
  }
}
