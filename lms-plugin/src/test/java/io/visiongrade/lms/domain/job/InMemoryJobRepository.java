package io.visiongrade.lms.domain.job;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A {@link JobRepository} in memory, for tests: each method is one atomic step. Not final: tests
 * override a method to inject a failure.
 */
public class InMemoryJobRepository implements JobRepository {

  private final Map<Long, JobView> rows = new TreeMap<>();
  private long nextId = 1;

  @Override
  public synchronized Job add(Job job) {
    long id = nextId++;
    rows.put(id, copy(job.view(), id, 0, Optional.empty(), Optional.empty()));
    return Job.restore(rows.get(id));
  }

  @Override
  public synchronized Optional<Job> find(long id) {
    return Optional.ofNullable(rows.get(id)).map(Job::restore);
  }

  @Override
  public synchronized Optional<Job> update(Job changed) {
    JobView v = changed.view();
    JobView current = rows.get(v.id());
    if (current == null || current.version() != v.version()) {
      return Optional.empty();
    }
    // Progress is not written by an update (saveProgress is).
    rows.put(v.id(), copy(v, v.id(), v.version() + 1, current.progress(), current.progressAt()));
    return find(v.id());
  }

  @Override
  public synchronized QueueSnapshot queue(JobLane lane, int limit) {
    List<JobView> queued =
        rows.values().stream()
            .filter(j -> j.lane() == lane && j.state() == JobState.QUEUED)
            .limit(Math.max(1, limit))
            .toList();
    Set<String> running =
        rows.values().stream()
            .filter(j -> j.lane() == lane && j.state() == JobState.RUNNING && j.owner().isStudent())
            .map(j -> j.owner().userId())
            .collect(Collectors.toSet());
    Set<String> waiting =
        rows.values().stream()
            .filter(j -> j.lane() == lane && j.state() == JobState.QUEUED && j.owner().isStudent())
            .map(j -> j.owner().userId())
            .collect(Collectors.toSet());
    Map<String, Instant> served = new HashMap<>();
    for (JobView j : rows.values()) {
      if (j.lane() == lane
          && j.owner().isStudent()
          && waiting.contains(j.owner().userId())
          && j.startedAt().isPresent()) {
        served.merge(j.owner().userId(), j.startedAt().get(), (a, b) -> a.isAfter(b) ? a : b);
      }
    }
    return new QueueSnapshot(lane, queued, running, served);
  }

  @Override
  public synchronized List<Job> findAbandoned(Instant now, Optional<String> ownNode) {
    return rows.values().stream()
        .filter(j -> j.state() == JobState.RUNNING)
        .filter(
            j ->
                j.leaseUntil().map(u -> u.isBefore(now)).orElse(false)
                    || ownNode.isPresent() && j.leaseOwner().equals(ownNode))
        .map(Job::restore)
        .toList();
  }

  @Override
  public synchronized void saveProgress(long id, String leaseOwner, JobProgress p, Instant at) {
    JobView j = rows.get(id);
    if (j != null
        && j.state() == JobState.RUNNING
        && j.leaseOwner().equals(Optional.of(leaseOwner))) {
      rows.put(id, copy(j, id, j.version(), Optional.of(p), Optional.of(at)));
    }
  }

  @Override
  public synchronized List<Job> listForCourse(long courseId, int limit) {
    return newestFirst(j -> j.courseId() == courseId, limit);
  }

  @Override
  public synchronized List<Job> listForOwner(long courseId, String ownerId, int limit) {
    return newestFirst(
        j -> j.courseId() == courseId && Objects.equals(j.owner().userId(), ownerId), limit);
  }

  private List<Job> newestFirst(java.util.function.Predicate<JobView> filter, int limit) {
    return rows.values().stream()
        .filter(filter)
        .sorted(Comparator.comparingLong(JobView::id).reversed())
        .limit(Math.max(1, limit))
        .map(Job::restore)
        .toList();
  }

  private static JobView copy(
      JobView v,
      long id,
      long version,
      Optional<JobProgress> progress,
      Optional<Instant> progressAt) {
    return new JobView(
        id,
        v.kind(),
        v.lane(),
        v.courseId(),
        v.owner(),
        v.payload(),
        v.chargeUserErrors(),
        v.state(),
        v.failureKind(),
        v.message(),
        v.result(),
        v.attempts(),
        v.infraFailures(),
        v.maxInfraRetries(),
        v.cancelRequested(),
        v.createdAt(),
        v.notBefore(),
        v.startedAt(),
        v.finishedAt(),
        v.leaseOwner(),
        v.leaseUntil(),
        v.heartbeatAt(),
        progress,
        progressAt,
        version);
  }
}
