package io.visiongrade.lms.domain.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.visiongrade.lms.lti.registration.RegistrationKey;
import io.visiongrade.lms.lti.services.Score;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link ScoreDeliveryRepository} does; subclasses supply the store. */
public abstract class ScoreDeliveryRepositoryContract {

  static final Instant T0 = Instant.parse("2026-11-28T10:00:00.123456Z");
  static final URI ITEM_1 = URI.create("https://lms.example/ctx/c1/lineitems/1/lineitem?x=1");
  static final URI ITEM_2 = URI.create("https://lms.example/ctx/c1/lineitems/2/lineitem");

  protected ScoreDeliveryRepository repo;

  protected abstract ScoreDeliveryRepository newRepository();

  @BeforeEach
  void createRepository() {
    repo = newRepository();
  }

  static ScoreTarget target(URI item) {
    return new ScoreTarget("https://lms.example", "client-1", "c1", item);
  }

  static ScoreDelivery pending(URI item, String user, double given, Instant timestamp) {
    return ScoreDelivery.pending(
        target(item),
        Score.graded(user, given, 10, "accuracy " + given / 10, timestamp),
        "grade-" + user + "-" + given,
        T0);
  }

  ScoreDelivery add(URI item, String user, double given, Instant timestamp) {
    return repo.add(pending(item, user, given, timestamp));
  }

  @Test
  void storesEveryFieldAsGiven() {
    String comment = "é".repeat(ScoreDelivery.MAX_COMMENT);
    Score score =
        new Score(
            "student-1",
            Optional.empty(),
            Optional.empty(),
            Score.ActivityProgress.Submitted,
            Score.GradingProgress.Pending,
            Optional.of(comment),
            T0);
    ScoreDelivery stored =
        repo.add(ScoreDelivery.pending(target(ITEM_1), score, "submission-9", T0));
    ScoreDeliveryView v = repo.find(stored.id().orElseThrow()).orElseThrow().view();
    assertEquals(target(ITEM_1), v.target());
    assertEquals("submission-9", v.gradeRef());
    assertEquals(DeliveryState.PENDING, v.state());
    assertEquals(Optional.empty(), v.score().scoreGiven());
    assertEquals(Optional.of(comment), v.score().comment());
    assertEquals(Instant.parse("2026-11-28T10:00:00.123Z"), v.score().timestamp(), "AGS: ms");
    assertEquals(T0, v.createdAt());
    assertEquals(T0, v.nextAttemptAt());
    assertEquals(0, v.attempts());
    assertEquals(Optional.empty(), v.claimedUntil());

    ScoreDelivery graded = add(ITEM_2, "student-2", 7.5, T0);
    assertEquals(Optional.of(7.5), repo.find(graded.id().get()).get().score().scoreGiven());
    assertEquals(Optional.of(10.0), repo.find(graded.id().get()).get().score().scoreMaximum());
  }

  @Test
  void anUpdateWinsOnlyOnTheVersionItRead() {
    long id = add(ITEM_1, "student-1", 5, T0).id().orElseThrow();
    ScoreDelivery first = repo.find(id).orElseThrow();
    ScoreDelivery second = repo.find(id).orElseThrow();
    first.claim(T0.plusSeconds(60));
    second.claim(T0.plusSeconds(60));
    ScoreDelivery claimed = repo.update(first).orElseThrow();
    assertEquals(first.version() + 1, claimed.version());
    assertEquals(1, claimed.attempts());
    assertEquals(Optional.of(T0.plusSeconds(60)), claimed.claimedUntil());
    assertEquals(Optional.empty(), repo.update(second), "the second claim loses");

    claimed.retryLater("HTTP 500", T0.plusSeconds(5));
    ScoreDelivery waiting = repo.update(claimed).orElseThrow();
    assertEquals(Optional.of("HTTP 500"), waiting.lastError());
    assertEquals(T0.plusSeconds(5), waiting.nextAttemptAt());
    assertEquals(Optional.empty(), waiting.claimedUntil());
  }

  @Test
  void supersedesOnlyThePendingScoresOfOnePair() {
    ScoreDelivery delivered = add(ITEM_1, "student-1", 1, T0);
    delivered.claim(T0.plusSeconds(60));
    ScoreDelivery d = repo.update(delivered).orElseThrow();
    d.delivered(T0);
    repo.update(d).orElseThrow();
    long older = add(ITEM_1, "student-1", 2, T0.plusMillis(1)).id().get();
    long otherUser = add(ITEM_1, "student-2", 3, T0).id().get();
    long otherItem = add(ITEM_2, "student-1", 4, T0).id().get();

    assertEquals(1, repo.supersedePending(ITEM_1, "student-1"));

    assertEquals(DeliveryState.DELIVERED, repo.find(d.id().get()).get().state());
    assertEquals(DeliveryState.SUPERSEDED, repo.find(older).get().state());
    assertEquals(DeliveryState.PENDING, repo.find(otherUser).get().state());
    assertEquals(DeliveryState.PENDING, repo.find(otherItem).get().state());
    assertEquals(0, repo.supersedePending(ITEM_1, "student-1"));
  }

  @Test
  void knowsTheLatestTimestampOfAPair() {
    assertEquals(Optional.empty(), repo.latestScoreTimestamp(ITEM_1, "student-1"));
    add(ITEM_1, "student-1", 1, T0.plusSeconds(5));
    add(ITEM_1, "student-1", 2, T0);
    add(ITEM_2, "student-1", 2, T0.plusSeconds(9));
    assertEquals(
        Optional.of(T0.plusSeconds(5).truncatedTo(java.time.temporal.ChronoUnit.MILLIS)),
        repo.latestScoreTimestamp(ITEM_1, "student-1"));
  }

  @Test
  void oneTimestampPerPair() {
    add(ITEM_1, "student-1", 1, T0);
    assertThrows(RuntimeException.class, () -> add(ITEM_1, "student-1", 2, T0));
  }

  @Test
  void findsDueRowsOldestFirst() {
    long a = add(ITEM_1, "student-1", 1, T0).id().get();
    long b = add(ITEM_1, "student-2", 1, T0).id().get();
    long c = add(ITEM_1, "student-3", 1, T0).id().get();
    ScoreDelivery later = repo.find(a).get();
    later.claim(T0.plusSeconds(1));
    later = repo.update(later).get();
    later.retryLater("busy", T0.plusSeconds(30));
    repo.update(later).get();
    ScoreDelivery failed = repo.find(c).get();
    failed.claim(T0.plusSeconds(1));
    failed = repo.update(failed).get();
    failed.failedPermanently("HTTP 400");
    repo.update(failed).get();

    assertEquals(List.of(b), ids(repo.findDue(T0, 10)));
    assertEquals(List.of(b, a), ids(repo.findDue(T0.plusSeconds(30), 10)));
    assertEquals(List.of(b), ids(repo.findDue(T0.plusSeconds(30), 1)));
  }

  @Test
  void aNewerScoreWaitsWhileTheOlderOneIsInFlight() {
    ScoreDelivery older = add(ITEM_1, "student-1", 1, T0);
    older.claim(T0.plusSeconds(120));
    older = repo.update(older).orElseThrow();
    repo.supersedePending(ITEM_1, "student-1");
    long newer = add(ITEM_1, "student-1", 2, T0.plusSeconds(1)).id().get();
    long unrelated = add(ITEM_1, "student-2", 2, T0).id().get();

    assertEquals(List.of(unrelated), ids(repo.findDue(T0, 10)), "newer waits for the older");
    assertEquals(
        List.of(newer, unrelated).stream().sorted().toList(),
        ids(repo.findDue(T0.plusSeconds(121), 10)).stream().sorted().toList(),
        "a dead sender's lease ends");

    repo.releaseClaim(older.id().get(), T0.plusSeconds(999)); // not this lease: nothing
    assertEquals(List.of(unrelated), ids(repo.findDue(T0, 10)));
    repo.releaseClaim(older.id().get(), T0.plusSeconds(120));
    assertEquals(List.of(newer, unrelated), ids(repo.findDue(T0.plusSeconds(1), 10)));
    assertEquals(DeliveryState.SUPERSEDED, repo.find(older.id().get()).get().state());
  }

  @Test
  void listsByRegistrationCourseAndStateNewestFirst() {
    long a = add(ITEM_1, "student-1", 1, T0).id().get();
    long b = add(ITEM_2, "student-1", 1, T0).id().get();
    ScoreDelivery other =
        repo.add(
            ScoreDelivery.pending(
                new ScoreTarget("https://other.example", "client-9", "c9", ITEM_1),
                Score.graded("student-1", 1, 10, null, T0.plusSeconds(1)),
                "g",
                T0));
    RegistrationKey lms = new RegistrationKey("https://lms.example", "client-1");

    assertEquals(List.of(b, a), ids(repo.list(DeliveryFilter.course(lms, "c1"))));
    assertEquals(List.of(b), ids(repo.list(DeliveryFilter.course(lms, "c1").withLimit(1))));
    assertEquals(
        List.of(a),
        ids(repo.list(DeliveryFilter.all().withLineItem(ITEM_1).withRegistration(lms))));
    assertEquals(List.of(), ids(repo.list(DeliveryFilter.course(lms, "c9"))));
    assertEquals(
        List.of(other.id().get(), b, a),
        ids(
            repo.list(
                DeliveryFilter.all().withUser("student-1").withState(DeliveryState.PENDING))));
    assertEquals(
        List.of(a),
        ids(
            repo.list(
                DeliveryFilter.all().withGradeRef("grade-student-1-1.0").withLineItem(ITEM_1))));
  }

  @Test
  void countsEveryState() {
    add(ITEM_1, "student-1", 1, T0);
    add(ITEM_1, "student-2", 1, T0);
    repo.supersedePending(ITEM_1, "student-2");
    Map<DeliveryState, Long> counts = repo.countByState();
    assertEquals(1L, counts.get(DeliveryState.PENDING));
    assertEquals(1L, counts.get(DeliveryState.SUPERSEDED));
    assertEquals(0L, counts.get(DeliveryState.DELIVERED));
    assertEquals(0L, counts.get(DeliveryState.FAILED_PERMANENT));
    assertTrue(counts.keySet().containsAll(List.of(DeliveryState.values())));
  }

  static List<Long> ids(List<ScoreDelivery> ds) {
    return ds.stream().map(d -> d.id().orElseThrow()).toList();
  }

  static Duration seconds(long s) {
    return Duration.ofSeconds(s);
  }
}
