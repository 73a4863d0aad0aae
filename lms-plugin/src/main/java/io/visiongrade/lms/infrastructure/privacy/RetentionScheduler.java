package io.visiongrade.lms.infrastructure.privacy;

import io.visiongrade.lms.application.RetentionSweep;
import io.visiongrade.lms.infrastructure.persistence.DatabaseMigrator;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Runs the {@link RetentionSweep} on the container's scheduler: a few minutes after start-up, then
 * every {@code visiongrade.privacy.sweep-minutes} (60; 0 turns it off). The sweep keeps no state in
 * memory: after a restart the next one finds whatever is due.
 */
@ApplicationScoped
public class RetentionScheduler {

  private static final Logger LOG = Logger.getLogger(RetentionScheduler.class);

  /** Minutes from start-up to the first sweep. */
  static final long FIRST_DELAY_MINUTES = 2;

  @Resource ManagedScheduledExecutorService scheduler;
  @Inject RetentionSweep sweep;

  @Inject
  @ConfigProperty(name = "visiongrade.privacy.sweep-minutes", defaultValue = "60")
  long periodMinutes;

  private ScheduledFuture<?> task;

  void onStartup(@Observes @Priority(DatabaseMigrator.STARTUP_PRIORITY + 40) Startup event) {
    if (periodMinutes <= 0) {
      LOG.info("Retention sweep disabled (visiongrade.privacy.sweep-minutes=0)");
      return;
    }
    task =
        scheduler.scheduleWithFixedDelay(
            this::run,
            Math.min(FIRST_DELAY_MINUTES, periodMinutes),
            periodMinutes,
            TimeUnit.MINUTES);
  }

  void run() {
    try {
      sweep.sweep();
    } catch (RuntimeException e) {
      // The rows stay; the next sweep tries again.
      LOG.warnf("Retention sweep failed; the next one tries again: %s", e.getClass().getName());
    }
  }

  @PreDestroy
  void stop() {
    if (task != null) {
      task.cancel(false);
    }
  }
}
