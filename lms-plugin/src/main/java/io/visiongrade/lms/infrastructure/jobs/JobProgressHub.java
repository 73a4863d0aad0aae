package io.visiongrade.lms.infrastructure.jobs;

import io.visiongrade.lms.domain.job.JobUpdate;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Job updates (state, queue position, progress) inside this server, for pages that watch jobs (the
 * web layer's Server-Sent Events). Subscribe to one job or to a course; the latest update of each
 * job is kept (up to a bound, least recently updated dropped first), so a page that subscribes, or
 * reloads, gets the current state at once.
 *
 * <p>Listeners run in the publisher's thread (a job's worker thread) and must not block: hand the
 * update to an asynchronous send. A listener that throws is unsubscribed (a closed connection).
 * Thread-safe; updates of one job reach a listener in the order they were published, the retained
 * one first.
 */
@ApplicationScoped
public class JobProgressHub {

  private static final Logger LOG = Logger.getLogger(JobProgressHub.class);

  /** How many jobs' latest updates are kept by default. */
  public static final int DEFAULT_RETAINED = 10_000;

  /** A subscription; closing it twice is harmless. */
  @FunctionalInterface
  public interface Subscription extends AutoCloseable {
    @Override
    void close();
  }

  private final Map<Long, JobUpdate> latest;
  private final Map<Long, List<Consumer<JobUpdate>>> byJob = new ConcurrentHashMap<>();
  private final Map<Long, List<Consumer<JobUpdate>>> byCourse = new ConcurrentHashMap<>();

  /** Keeps the latest update of {@value #DEFAULT_RETAINED} jobs. */
  public JobProgressHub() {
    this(DEFAULT_RETAINED);
  }

  /** Keeps the latest update of {@code retained} jobs. */
  public JobProgressHub(int retained) {
    if (retained < 1) {
      throw new IllegalArgumentException("Retain at least one job's update, got " + retained);
    }
    this.latest =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<Long, JobUpdate> eldest) {
            return size() > retained;
          }
        };
  }

  /** Keeps the update as the job's latest and hands it to the job's and the course's listeners. */
  public synchronized void publish(JobUpdate update) {
    latest.put(update.jobId(), update);
    deliver(byJob, update.jobId(), update);
    deliver(byCourse, update.courseId(), update);
  }

  /** The latest update of a job, while it is retained. */
  public synchronized Optional<JobUpdate> latest(long jobId) {
    return Optional.ofNullable(latest.get(jobId));
  }

  /** Updates of one job, starting with the latest one retained (if any). */
  public synchronized Subscription subscribe(long jobId, Consumer<JobUpdate> listener) {
    Subscription s = add(byJob, jobId, listener);
    JobUpdate current = latest.get(jobId);
    if (current != null && !tell(listener, current)) {
      s.close();
    }
    return s;
  }

  /**
   * Updates of every job of a course, starting with the latest retained update of each of its jobs
   * that has not finished.
   */
  public synchronized Subscription subscribeCourse(long courseId, Consumer<JobUpdate> listener) {
    Subscription s = add(byCourse, courseId, listener);
    for (JobUpdate u : new ArrayList<>(latest.values())) {
      if (u.courseId() == courseId && !u.state().isFinal() && !tell(listener, u)) {
        s.close();
        break;
      }
    }
    return s;
  }

  /** How many listeners are subscribed (to jobs and courses). */
  public int subscribers() {
    return byJob.values().stream().mapToInt(List::size).sum()
        + byCourse.values().stream().mapToInt(List::size).sum();
  }

  /** How many keys hold listeners (none is left behind by a closed subscription). */
  int subscribedKeys() {
    return byJob.size() + byCourse.size();
  }

  /** How many jobs' latest updates are kept. */
  public synchronized int retained() {
    return latest.size();
  }

  private static Subscription add(
      Map<Long, List<Consumer<JobUpdate>>> map, long key, Consumer<JobUpdate> listener) {
    java.util.Objects.requireNonNull(listener, "listener");
    // A distinct object per subscription, so the same listener subscribed twice closes once each.
    Consumer<JobUpdate> entry = listener::accept;
    map.compute(
        key,
        (k, list) -> {
          List<Consumer<JobUpdate>> l = list == null ? new CopyOnWriteArrayList<>() : list;
          l.add(entry);
          return l;
        });
    return () ->
        map.computeIfPresent(
            key,
            (k, list) -> {
              list.remove(entry);
              return list.isEmpty() ? null : list;
            });
  }

  private static void deliver(
      Map<Long, List<Consumer<JobUpdate>>> map, long key, JobUpdate update) {
    List<Consumer<JobUpdate>> listeners = map.get(key);
    if (listeners == null) {
      return;
    }
    for (Consumer<JobUpdate> l : listeners) {
      if (!tell(l, update)) {
        map.computeIfPresent(
            key,
            (k, list) -> {
              list.remove(l);
              return list.isEmpty() ? null : list;
            });
      }
    }
  }

  private static boolean tell(Consumer<JobUpdate> listener, JobUpdate update) {
    try {
      listener.accept(update);
      return true;
    } catch (RuntimeException e) {
      LOG.debugf(e, "A job update listener failed; it is unsubscribed");
      return false;
    }
  }
}
