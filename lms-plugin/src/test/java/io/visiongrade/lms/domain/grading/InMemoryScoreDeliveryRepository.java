package io.visiongrade.lms.domain.grading;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A {@link ScoreDeliveryRepository} in memory, for tests: each method is one atomic step. Not
 * final: tests override a method to inject a failure.
 */
public class InMemoryScoreDeliveryRepository implements ScoreDeliveryRepository {

  private final Map<Long, ScoreDeliveryView> rows = new TreeMap<>();
  private long nextId = 1;

  @Override
  public synchronized ScoreDelivery add(ScoreDelivery delivery) {
    ScoreDeliveryView v = delivery.view();
    boolean duplicate =
        rows.values().stream()
            .anyMatch(
                r ->
                    samePair(r, v.target().lineItemUrl(), v.userId())
                        && r.score().timestamp().equals(v.score().timestamp()));
    if (duplicate) {
      throw new IllegalStateException("unique key: (line item, user, timestamp) exists");
    }
    long id = nextId++;
    ScoreDeliveryView stored =
        new ScoreDeliveryView(
            id,
            v.target(),
            v.score(),
            v.gradeRef(),
            v.state(),
            v.attempts(),
            v.nextAttemptAt(),
            v.claimedUntil(),
            v.lastError(),
            v.createdAt(),
            v.deliveredAt(),
            0);
    rows.put(id, stored);
    return ScoreDelivery.restore(stored);
  }

  @Override
  public synchronized Optional<ScoreDelivery> find(long id) {
    return Optional.ofNullable(rows.get(id)).map(ScoreDelivery::restore);
  }

  @Override
  public synchronized Optional<ScoreDelivery> update(ScoreDelivery changed) {
    ScoreDeliveryView v = changed.view();
    ScoreDeliveryView current = rows.get(v.id());
    if (current == null || current.version() != v.version()) {
      return Optional.empty();
    }
    rows.put(v.id(), withVersion(v, v.version() + 1));
    return find(v.id());
  }

  @Override
  public synchronized int supersedePending(URI lineItemUrl, String userId) {
    int n = 0;
    for (ScoreDeliveryView r : new ArrayList<>(rows.values())) {
      if (samePair(r, lineItemUrl, userId) && r.state() == DeliveryState.PENDING) {
        ScoreDelivery d = ScoreDelivery.restore(r);
        d.supersede();
        rows.put(r.id(), withVersion(d.view(), r.version() + 1));
        n++;
      }
    }
    return n;
  }

  @Override
  public synchronized Optional<Instant> latestScoreTimestamp(URI lineItemUrl, String userId) {
    return rows.values().stream()
        .filter(r -> samePair(r, lineItemUrl, userId))
        .map(r -> r.score().timestamp())
        .max(Comparator.naturalOrder());
  }

  @Override
  public synchronized List<ScoreDelivery> findDue(Instant now, int limit) {
    return rows.values().stream()
        .filter(r -> ScoreDelivery.restore(r).isDue(now))
        .filter(
            r ->
                rows.values().stream()
                    .noneMatch(
                        o ->
                            o.id() != r.id()
                                && samePair(o, r.target().lineItemUrl(), r.userId())
                                && o.claimedUntil().filter(u -> u.isAfter(now)).isPresent()))
        .sorted(
            Comparator.comparing(ScoreDeliveryView::nextAttemptAt)
                .thenComparing(ScoreDeliveryView::id))
        .limit(Math.max(1, limit))
        .map(ScoreDelivery::restore)
        .toList();
  }

  @Override
  public synchronized void releaseClaim(long id, Instant leaseUntil) {
    ScoreDeliveryView r = rows.get(id);
    if (r != null && r.claimedUntil().equals(Optional.of(leaseUntil))) {
      rows.put(
          id,
          new ScoreDeliveryView(
              r.id(),
              r.target(),
              r.score(),
              r.gradeRef(),
              r.state(),
              r.attempts(),
              r.nextAttemptAt(),
              Optional.empty(),
              r.lastError(),
              r.createdAt(),
              r.deliveredAt(),
              r.version() + 1));
    }
  }

  @Override
  public synchronized List<ScoreDelivery> list(DeliveryFilter filter) {
    return rows.values().stream()
        .filter(filter::matches)
        .sorted(Comparator.comparing(ScoreDeliveryView::id).reversed())
        .limit(filter.limit())
        .map(ScoreDelivery::restore)
        .toList();
  }

  @Override
  public synchronized Map<DeliveryState, Long> countByState() {
    Map<DeliveryState, Long> counts = new EnumMap<>(DeliveryState.class);
    for (DeliveryState s : DeliveryState.values()) {
      counts.put(s, 0L);
    }
    rows.values().forEach(r -> counts.merge(r.state(), 1L, Long::sum));
    return counts;
  }

  private static boolean samePair(ScoreDeliveryView r, URI lineItemUrl, String userId) {
    return r.target().lineItemUrl().equals(lineItemUrl) && r.userId().equals(userId);
  }

  private static ScoreDeliveryView withVersion(ScoreDeliveryView v, long version) {
    return new ScoreDeliveryView(
        v.id(),
        v.target(),
        v.score(),
        v.gradeRef(),
        v.state(),
        v.attempts(),
        v.nextAttemptAt(),
        v.claimedUntil(),
        v.lastError(),
        v.createdAt(),
        v.deliveredAt(),
        version);
  }
}
