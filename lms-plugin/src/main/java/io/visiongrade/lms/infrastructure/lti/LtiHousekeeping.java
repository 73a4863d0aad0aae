package io.visiongrade.lms.infrastructure.lti;

import io.visiongrade.lms.infrastructure.persistence.DatabaseMigrator;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/** Deletes expired login states, nonces and launch sessions every few minutes. */
@ApplicationScoped
public class LtiHousekeeping {

  private static final Logger LOG = Logger.getLogger(LtiHousekeeping.class);

  /** Minutes between two purges. */
  public static final long PERIOD_MINUTES = 10;

  @Resource ManagedScheduledExecutorService scheduler;
  @Inject JdbcLoginStates states;
  @Inject JdbcLaunchSessions sessions;

  private ScheduledFuture<?> task;

  void onStartup(@Observes @Priority(DatabaseMigrator.STARTUP_PRIORITY + 30) Startup event) {
    task =
        scheduler.scheduleWithFixedDelay(
            this::purge, PERIOD_MINUTES, PERIOD_MINUTES, TimeUnit.MINUTES);
  }

  /** One purge; returns the number of rows removed. */
  public int purge() {
    try {
      Instant now = Instant.now();
      int removed = states.purgeExpired(now) + sessions.purgeExpired(now);
      if (removed > 0) {
        LOG.debugf("Removed %d expired LTI states, nonces and sessions", removed);
      }
      return removed;
    } catch (RuntimeException e) {
      LOG.warn("Purging expired LTI states failed; will try again", e);
      return 0;
    }
  }

  @PreDestroy
  void stop() {
    if (task != null) {
      task.cancel(false);
    }
  }
}
