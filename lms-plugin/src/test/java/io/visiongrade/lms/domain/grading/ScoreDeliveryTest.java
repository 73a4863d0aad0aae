package io.visiongrade.lms.domain.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.visiongrade.lms.domain.DomainException;
import io.visiongrade.lms.lti.services.Score;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScoreDeliveryTest {

  static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");
  static final URI ITEM = URI.create("https://lms.example/lineitems/1/lineitem");

  static ScoreDelivery fresh() {
    return ScoreDelivery.pending(
        new ScoreTarget("https://lms.example", "client-1", "c1", ITEM),
        Score.graded("student-1", 8, 10, null, T0),
        "grade-1",
        T0);
  }

  @Test
  void aNewScoreIsDueAtOnce() {
    ScoreDelivery d = fresh();
    assertEquals(DeliveryState.PENDING, d.state());
    assertTrue(d.isDue(T0));
    assertFalse(d.isInFlight(T0));
    assertEquals(Optional.empty(), d.id());
  }

  @Test
  void aClaimCountsAnAttemptAndHoldsTheRowUntilTheLeaseEnds() {
    ScoreDelivery d = fresh();
    d.claim(T0.plusSeconds(120));
    assertEquals(1, d.attempts());
    assertTrue(d.isInFlight(T0.plusSeconds(119)));
    assertFalse(d.isDue(T0.plusSeconds(119)));
    assertTrue(d.isDue(T0.plusSeconds(120)), "a dead sender's row is due again");
  }

  @Test
  void outcomesEndTheLease() {
    ScoreDelivery retry = fresh();
    retry.claim(T0.plusSeconds(120));
    retry.retryLater("HTTP 503", T0.plusSeconds(4));
    assertEquals(DeliveryState.PENDING, retry.state());
    assertEquals(T0.plusSeconds(4), retry.nextAttemptAt());
    assertEquals(Optional.empty(), retry.claimedUntil());
    assertEquals(Optional.of("HTTP 503"), retry.lastError());

    retry.claim(T0.plusSeconds(200));
    retry.delivered(T0.plusSeconds(5));
    assertEquals(DeliveryState.DELIVERED, retry.state());
    assertEquals(2, retry.attempts());
    assertEquals(Optional.empty(), retry.lastError());
    assertEquals(Optional.of(T0.plusSeconds(5)), retry.view().deliveredAt());

    ScoreDelivery refused = fresh();
    refused.claim(T0.plusSeconds(120));
    refused.failedPermanently("x".repeat(5000));
    assertEquals(DeliveryState.FAILED_PERMANENT, refused.state());
    assertEquals(ScoreDelivery.MAX_ERROR, refused.lastError().orElseThrow().length());
  }

  @Test
  void finalStatesAcceptNoOutcome() {
    ScoreDelivery d = fresh();
    d.supersede();
    assertThrows(IllegalStateException.class, () -> d.claim(T0));
    assertThrows(IllegalStateException.class, () -> d.delivered(T0));
    assertThrows(IllegalStateException.class, d::supersede);
    assertThrows(DomainException.Conflict.class, () -> d.requeue(T0));
  }

  @Test
  void aPersonCanResendARefusedOrWaitingScoreButNotOneInFlight() {
    ScoreDelivery d = fresh();
    d.claim(T0.plusSeconds(120));
    assertThrows(DomainException.Conflict.class, () -> d.requeue(T0));
    d.failedPermanently("HTTP 400");
    d.requeue(T0.plusSeconds(10));
    assertEquals(DeliveryState.PENDING, d.state());
    assertEquals(0, d.attempts(), "fresh back-off");
    assertTrue(d.isDue(T0.plusSeconds(10)));

    d.claim(T0.plusSeconds(130));
    d.retryLater("HTTP 429", T0.plusSeconds(3600));
    d.requeue(T0.plusSeconds(20));
    assertTrue(d.isDue(T0.plusSeconds(20)));
    assertEquals(1, d.attempts());
  }

  @Test
  void rejectsWhatTheTableCannotHold() {
    ScoreTarget target = new ScoreTarget("https://lms.example", "client-1", "c1", ITEM);
    Score longComment = Score.graded("s", 1, 2, "c".repeat(ScoreDelivery.MAX_COMMENT + 1), T0);
    var e =
        assertThrows(
            DomainException.Invalid.class,
            () -> ScoreDelivery.pending(target, longComment, "grade-7", T0));
    assertTrue(e.getMessage().contains("grade-7"), e.getMessage());
    assertThrows(
        DomainException.Invalid.class,
        () -> ScoreDelivery.pending(target, Score.graded("s", 1, 2, null, T0), " ", T0));
    // NaN and infinite scores cannot even be built (Score refuses them; see ScoreTest).
    assertThrows(
        DomainException.Invalid.class,
        () -> new ScoreTarget("https://lms.example", "client-1", "c1", URI.create("/relative")));
    assertThrows(
        DomainException.Invalid.class,
        () -> new ScoreTarget("https://lms.example", "", "c1", ITEM));
  }
}
