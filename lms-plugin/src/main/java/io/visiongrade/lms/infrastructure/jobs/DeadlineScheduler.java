package io.visiongrade.lms.infrastructure.jobs;

import io.visiongrade.lms.application.DeadlineRegrades;
import io.visiongrade.lms.domain.submission.DeadlinePassRepository.DuePass;
import io.visiongrade.lms.infrastructure.persistence.DatabaseMigrator;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Runs {@link DeadlineRegrades} passes on the container's managed scheduler: one at start-up (to
 * catch up on due dates that passed while the server was down), then every {@code
 * visiongrade.deadlines.poll-s} seconds. Several servers may run it against one database: a student
 * done by two at once is refused by the second's primary key and rolled back there.
 */
@ApplicationScoped
public class DeadlineScheduler {

  private static final Logger LOG = Logger.getLogger(DeadlineScheduler.class);

  /** Due passes read per batch. */
  static final int BATCH = 200;

  @Resource ManagedScheduledExecutorService scheduler;

  @Inject DeadlineRegrades regrades;

  @Inject
  @ConfigProperty(name = "visiongrade.deadlines.enabled", defaultValue = "true")
  boolean enabled;

  @Inject
  @ConfigProperty(name = "visiongrade.deadlines.poll-s", defaultValue = "30")
  long pollSeconds;

  private ScheduledFuture<?> task;

  void onStartup(@Observes @Priority(DatabaseMigrator.STARTUP_PRIORITY + 30) Startup event) {
    start();
  }

  /** Starts the passes (once; nothing when disabled). */
  public synchronized void start() {
    if (!enabled) {
      LOG.info("Deadline re-grading disabled (visiongrade.deadlines.enabled=false)");
      return;
    }
    if (task != null) {
      return;
    }
    long poll = Math.max(1, pollSeconds);
    task = scheduler.scheduleWithFixedDelay(this::pass, 0, poll, TimeUnit.SECONDS);
    LOG.infof("Deadline re-grading started: a pass now and every %d s", poll);
  }

  @PreDestroy
  synchronized void stop() {
    if (task != null) {
      task.cancel(false);
      task = null;
    }
  }

  /**
   * One pass in the caller's thread: every due date passed and not yet handled, each student in
   * their own transaction; a student that fails is logged and tried again on the next pass.
   *
   * @return the number of grades that changed
   */
  public int runOnce() {
    int changed = 0;
    for (int round = 0; round < 1000; round++) {
      List<DuePass> due = regrades.due(BATCH);
      int handled = 0;
      for (DuePass p : due) {
        try {
          if (regrades.regradeAtDeadline(p)) {
            changed++;
          }
          handled++;
        } catch (RuntimeException e) {
          LOG.warnf(
              e, "Re-grading %s on exercise %d at its due date failed", p.userId(), p.exerciseId());
        }
      }
      if (due.size() < BATCH || handled == 0) {
        break;
      }
    }
    return changed;
  }

  private void pass() {
    try {
      runOnce();
    } catch (RuntimeException e) {
      // A thrown exception would end the periodic task; log it and keep going.
      LOG.errorf(e, "Deadline re-grading pass failed; the next pass tries again");
    }
  }
}
