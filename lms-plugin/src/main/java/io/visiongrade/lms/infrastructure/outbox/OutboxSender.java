package io.visiongrade.lms.infrastructure.outbox;

import io.visiongrade.lms.domain.grading.ScoreDeliveryRepository;
import io.visiongrade.lms.infrastructure.config.OutboxSettings;
import io.visiongrade.lms.infrastructure.config.Settings;
import io.visiongrade.lms.infrastructure.persistence.DatabaseMigrator;
import io.visiongrade.lms.lti.registration.PlatformRegistrations;
import io.visiongrade.lms.lti.services.AgsClient;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Runs the score outbox sender in the server: started with the application (after the schema
 * migration), one {@link OutboxProcessor} pass every {@code visiongrade.outbox.poll-ms} on the
 * container's managed scheduler. Several servers may run it against one database.
 *
 * <p>It sends with the {@link AgsClient} and {@link PlatformRegistrations} beans of the LTI wiring.
 * Until those exist, passes do nothing and scores wait (never dropped).
 */
@ApplicationScoped
public class OutboxSender {

  private static final Logger LOG = Logger.getLogger(OutboxSender.class);

  @Resource ManagedScheduledExecutorService scheduler;

  @Inject Settings settings;

  @Inject ScoreDeliveryRepository deliveries;

  @Inject Instance<AgsClient> ags;

  @Inject Instance<PlatformRegistrations> registrations;

  private volatile OutboxProcessor processor;
  private volatile boolean toldNotWired;
  private ScheduledFuture<?> task;

  void onStartup(@Observes @Priority(DatabaseMigrator.STARTUP_PRIORITY + 20) Startup event) {
    start();
  }

  /** Starts the periodic passes (once; nothing when disabled by configuration). */
  public synchronized void start() {
    OutboxSettings config = settings.outbox();
    if (!config.enabled()) {
      LOG.info("Score outbox sender disabled (visiongrade.outbox.enabled=false)");
      return;
    }
    if (task != null) {
      return;
    }
    long poll = config.poll().toMillis();
    task = scheduler.scheduleWithFixedDelay(this::pass, poll, poll, TimeUnit.MILLISECONDS);
    LOG.infof(
        "Score outbox sender started: every %d ms, up to %d rows a pass, back-off %d ms .. %d ms,"
            + " lease %d ms",
        poll,
        config.batchSize(),
        config.backoffBase().toMillis(),
        config.backoffCap().toMillis(),
        config.lease().toMillis());
  }

  /**
   * One pass now, in the caller's thread (tests, an administrator's "send now"); safe alongside the
   * periodic passes. Empty when the LTI wiring is not there yet.
   */
  public Optional<OutboxProcessor.Report> deliverDueNow() {
    return processor().map(OutboxProcessor::deliverDue);
  }

  @PreDestroy
  synchronized void stop() {
    if (task != null) {
      task.cancel(false);
      task = null;
    }
  }

  private void pass() {
    try {
      deliverDueNow();
    } catch (RuntimeException e) {
      // A thrown exception would end the periodic task; log it and keep going.
      LOG.errorf(e, "Score outbox pass failed; the rows stay and the next pass tries again");
    }
  }

  private Optional<OutboxProcessor> processor() {
    OutboxProcessor p = processor;
    if (p != null) {
      return Optional.of(p);
    }
    if (!ags.isResolvable() || !registrations.isResolvable()) {
      if (!toldNotWired) {
        toldNotWired = true;
        LOG.warn(
            "Score outbox sender idle: no AgsClient or PlatformRegistrations bean yet;"
                + " scores wait in the outbox");
      }
      return Optional.empty();
    }
    OutboxSettings config = settings.outbox();
    AgsClient client = ags.get();
    p =
        new OutboxProcessor(
            deliveries,
            registrations.get(),
            client::publishScore,
            new Backoff(config.backoffBase(), config.backoffCap(), new Random()),
            Clock.systemUTC(),
            config.lease(),
            config.batchSize());
    processor = p;
    return Optional.of(p);
  }
}
