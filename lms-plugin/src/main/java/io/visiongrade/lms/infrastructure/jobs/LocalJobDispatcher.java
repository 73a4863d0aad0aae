package io.visiongrade.lms.infrastructure.jobs;

import io.visiongrade.lms.domain.job.JobDispatcher;
import io.visiongrade.lms.domain.job.JobFinished;
import io.visiongrade.lms.domain.job.JobHandler;
import io.visiongrade.lms.domain.job.JobRepository;
import io.visiongrade.lms.domain.job.JobView;
import io.visiongrade.lms.infrastructure.config.JobSettings;
import io.visiongrade.lms.infrastructure.config.Settings;
import io.visiongrade.lms.infrastructure.outbox.Backoff;
import io.visiongrade.lms.infrastructure.persistence.DatabaseMigrator;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The server's {@link JobDispatcher}: jobs run in this server, on the container's managed executor,
 * claimed from the database by a {@link JobProcessor} (so several servers may share one database).
 * Started with the application after the schema migration: first the jobs this server left running
 * when it stopped (or died) go back to the queue, then a pass runs every {@code
 * visiongrade.jobs.poll-ms}, and at once after each committed submit. Stopping the application
 * stops claiming and sends running jobs back to the queue.
 *
 * <p>Handlers are the CDI beans implementing {@link JobHandler}, one per kind.
 */
@ApplicationScoped
public class LocalJobDispatcher implements JobDispatcher {

  private static final Logger LOG = Logger.getLogger(LocalJobDispatcher.class);

  /** Fired in the submitting or cancelling transaction; observed after it commits. */
  public record Committed(JobView job, boolean cancel) {}

  @Resource ManagedExecutorService executor;

  @Resource ManagedScheduledExecutorService scheduler;

  @Inject Settings settings;

  @Inject JobRepository jobs;

  @Inject JobProgressHub hub;

  @Inject @Any Instance<JobHandler> handlers;

  @Inject Event<JobFinished> finished;

  @Inject Event<Committed> committed;

  private volatile JobProcessor processor;
  private ScheduledFuture<?> task;

  void onStartup(@Observes @Priority(DatabaseMigrator.STARTUP_PRIORITY + 30) Startup event) {
    start();
  }

  /** Recovers this server's abandoned jobs and starts the passes (once; not when disabled). */
  public synchronized void start() {
    JobSettings config = settings.jobs();
    if (!config.enabled()) {
      LOG.info("Job execution disabled on this server (visiongrade.jobs.enabled=false)");
      return;
    }
    if (task != null) {
      return;
    }
    Map<String, JobHandler> byKind = new HashMap<>();
    for (JobHandler h : handlers) {
      JobHandler before = byKind.putIfAbsent(h.kind(), h);
      if (before != null) {
        throw new IllegalStateException(
            "Two job handlers for kind " + h.kind() + ": " + before + " and " + h);
      }
    }
    JobProcessor p =
        new JobProcessor(
            jobs,
            kind -> Optional.ofNullable(byKind.get(kind)),
            executor,
            hub,
            config,
            new Backoff(config.backoffBase(), config.backoffCap(), new Random()),
            Clock.systemUTC(),
            job -> finished.fire(new JobFinished(job)));
    int recovered = p.recoverOnStartup();
    processor = p;
    long poll = config.poll().toMillis();
    task = scheduler.scheduleWithFixedDelay(this::tick, 0, poll, TimeUnit.MILLISECONDS);
    LOG.infof(
        "Jobs run on node %s: %d training and %d fast at a time, handlers %s; %d left running"
            + " before were queued again",
        config.nodeId(),
        config.trainingConcurrency(),
        config.fastConcurrency(),
        byKind.keySet(),
        recovered);
  }

  @Override
  public void submitted(JobView job) {
    committed.fire(new Committed(job, false));
  }

  @Override
  public void cancelRequested(JobView job) {
    committed.fire(new Committed(job, true));
  }

  /** After the commit (at once when there was no transaction); nothing after a rollback. */
  void onCommitted(@Observes(during = TransactionPhase.AFTER_SUCCESS) Committed c) {
    JobProcessor p = processor;
    if (p == null) {
      return; // not started (yet, or disabled): the first pass finds the job
    }
    if (c.cancel()) {
      p.cancelRequested(c.job());
    } else {
      p.wake();
    }
  }

  @PreDestroy
  synchronized void stop() {
    if (task != null) {
      task.cancel(false);
      task = null;
    }
    JobProcessor p = processor;
    if (p != null) {
      p.shutdown(settings.jobs().shutdownGrace());
      processor = null;
    }
  }

  private void tick() {
    try {
      JobProcessor p = processor;
      if (p != null) {
        p.tick();
      }
    } catch (RuntimeException e) {
      // A thrown exception would end the periodic task; log it and keep going.
      LOG.errorf(e, "Job pass failed; the next one tries again");
    }
  }
}
