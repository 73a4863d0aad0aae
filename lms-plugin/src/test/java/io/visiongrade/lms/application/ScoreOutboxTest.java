package io.visiongrade.lms.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.visiongrade.lms.domain.DomainException;
import io.visiongrade.lms.domain.grading.DeliveryFilter;
import io.visiongrade.lms.domain.grading.DeliveryState;
import io.visiongrade.lms.domain.grading.InMemoryScoreDeliveryRepository;
import io.visiongrade.lms.domain.grading.ScoreDelivery;
import io.visiongrade.lms.domain.grading.ScoreDeliveryView;
import io.visiongrade.lms.domain.grading.ScoreTarget;
import io.visiongrade.lms.lti.registration.RegistrationKey;
import io.visiongrade.lms.lti.services.Score;
import io.visiongrade.lms.lti.testing.MutableClock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScoreOutboxTest {

  static final URI ITEM = URI.create("https://lms.example/ctx/c1/lineitems/1/lineitem");
  static final ScoreTarget TARGET = new ScoreTarget("https://lms.example", "client-1", "c1", ITEM);

  MutableClock clock = new MutableClock(Instant.parse("2026-11-28T10:00:00Z"));
  InMemoryScoreDeliveryRepository repo = new InMemoryScoreDeliveryRepository();
  ScoreOutbox outbox = new ScoreOutbox(repo, clock);

  ScoreDeliveryView enqueue(ScoreTarget target, String user, double given, Instant at) {
    return outbox.enqueue(target, Score.graded(user, given, 10, null, at), "grade-" + given);
  }

  @Test
  void theNewestEnqueuedScoreWinsAndTimestampsOnlyGoUp() {
    Instant t = clock.instant();
    ScoreDeliveryView a = enqueue(TARGET, "student-1", 3, t);
    ScoreDeliveryView b = enqueue(TARGET, "student-1", 5, t); // same millisecond
    ScoreDeliveryView c = enqueue(TARGET, "student-1", 8, t.minusSeconds(60)); // a late clock
    ScoreDeliveryView d = enqueue(TARGET, "student-1", 9, t.plusSeconds(60));

    assertEquals(t, a.score().timestamp());
    assertEquals(t.plusMillis(1), b.score().timestamp());
    assertEquals(t.plusMillis(2), c.score().timestamp());
    assertEquals(t.plusSeconds(60), d.score().timestamp(), "a later timestamp is kept");
    assertEquals(DeliveryState.SUPERSEDED, outbox.get(a.id()).state());
    assertEquals(DeliveryState.SUPERSEDED, outbox.get(b.id()).state());
    assertEquals(DeliveryState.SUPERSEDED, outbox.get(c.id()).state());
    assertEquals(DeliveryState.PENDING, outbox.get(d.id()).state());
  }

  @Test
  void otherUsersAndLineItemsAreLeftAlone() {
    ScoreTarget otherItem =
        new ScoreTarget("https://lms.example", "client-1", "c1", URI.create(ITEM + "2"));
    ScoreDeliveryView mine = enqueue(TARGET, "student-1", 3, clock.instant());
    ScoreDeliveryView theirs = enqueue(TARGET, "student-2", 3, clock.instant());
    ScoreDeliveryView elsewhere = enqueue(otherItem, "student-1", 3, clock.instant());
    enqueue(TARGET, "student-1", 4, clock.instant());
    assertEquals(DeliveryState.SUPERSEDED, outbox.get(mine.id()).state());
    assertEquals(DeliveryState.PENDING, outbox.get(theirs.id()).state());
    assertEquals(DeliveryState.PENDING, outbox.get(elsewhere.id()).state());
  }

  @Test
  void aRefusedScoreCanBeResentUnlessANewerOneExists() {
    ScoreDeliveryView old = enqueue(TARGET, "student-1", 3, clock.instant());
    refuse(old.id());
    ScoreDeliveryView resent = outbox.retry(old.id());
    assertEquals(DeliveryState.PENDING, resent.state());
    assertEquals(0, resent.attempts());
    assertEquals(clock.instant(), resent.nextAttemptAt());

    refuse(old.id());
    enqueue(TARGET, "student-1", 4, clock.instant());
    var e = assertThrows(DomainException.Conflict.class, () -> outbox.retry(old.id()));
    assertTrue(e.getMessage().contains("newer score"), e.getMessage());
    assertThrows(DomainException.NotFound.class, () -> outbox.retry(999));
  }

  @Test
  void aWaitingScoreCanBeSentAtOnce() {
    ScoreDeliveryView d = enqueue(TARGET, "student-1", 3, clock.instant());
    ScoreDelivery claimed = repo.find(d.id()).orElseThrow();
    claimed.claim(clock.instant().plusSeconds(120));
    claimed = repo.update(claimed).orElseThrow();
    assertThrows(DomainException.Conflict.class, () -> outbox.retry(d.id()), "in flight");
    claimed.retryLater("HTTP 429", clock.instant().plus(Duration.ofHours(1)));
    repo.update(claimed).orElseThrow();
    clock.advance(Duration.ofSeconds(5));
    assertEquals(clock.instant(), outbox.retry(d.id()).nextAttemptAt());
  }

  @Test
  void theGradebookSeesItsCourseAndTheCounts() {
    ScoreTarget otherCourse =
        new ScoreTarget("https://lms.example", "client-1", "c2", URI.create(ITEM + "9"));
    ScoreDeliveryView a = enqueue(TARGET, "student-1", 3, clock.instant());
    ScoreDeliveryView b = enqueue(TARGET, "student-2", 3, clock.instant());
    enqueue(otherCourse, "student-1", 3, clock.instant());
    refuse(a.id());

    RegistrationKey lms = new RegistrationKey("https://lms.example", "client-1");
    List<ScoreDeliveryView> course = outbox.deliveries(DeliveryFilter.course(lms, "c1"));
    assertEquals(List.of(b.id(), a.id()), course.stream().map(ScoreDeliveryView::id).toList());
    assertEquals("HTTP 400: closed", course.get(1).lastError().orElseThrow());
    assertEquals(
        List.of(a.id()),
        outbox
            .deliveries(DeliveryFilter.course(lms, "c1").withState(DeliveryState.FAILED_PERMANENT))
            .stream()
            .map(ScoreDeliveryView::id)
            .toList());
    assertEquals(2L, outbox.countsByState().get(DeliveryState.PENDING));
    assertEquals(1L, outbox.countsByState().get(DeliveryState.FAILED_PERMANENT));
  }

  private void refuse(long id) {
    ScoreDelivery d = repo.find(id).orElseThrow();
    d.claim(clock.instant().plusSeconds(120));
    d = repo.update(d).orElseThrow();
    d.failedPermanently("HTTP 400: closed");
    repo.update(d).orElseThrow();
  }
}
