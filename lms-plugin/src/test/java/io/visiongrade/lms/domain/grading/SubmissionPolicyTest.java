package io.visiongrade.lms.domain.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.visiongrade.lms.domain.DomainException;
import io.visiongrade.lms.domain.grading.SubmissionDecision.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SubmissionPolicyTest {

  static final Instant OPEN = Instant.parse("2026-12-01T09:00:00Z");
  static final Instant DUE = Instant.parse("2026-12-08T09:00:00Z");
  static final Instant MID = Instant.parse("2026-12-04T12:00:00Z");

  static SubmissionRules rules(
      LatePolicy late, Integer maxAttempts, long minSeconds, Integer dailyCap) {
    return new SubmissionRules(
        OPEN,
        DUE,
        late,
        maxAttempts,
        Duration.ofSeconds(minSeconds),
        dailyCap,
        Map.of("student-x", DUE.plus(Duration.ofDays(2))));
  }

  static StudentHistory history(String user, Instant... attempts) {
    return new StudentHistory(user, List.of(attempts));
  }

  @Test
  void anOpenExerciseWithoutLimitsAllowsOnTime() {
    SubmissionDecision d = SubmissionPolicy.check(rules(null, null, 0, null), history("s"), MID);
    assertTrue(d.allowed());
    assertFalse(d.late());
    assertNull(d.retryAt());
    d.orThrow(MID);
  }

  @Test
  void noScheduleAlwaysAllows() {
    assertTrue(SubmissionPolicy.check(SubmissionRules.OPEN, history("s"), Instant.EPOCH).allowed());
  }

  @Test
  void beforeOpeningIsRefusedUntilTheOpeningInstant() {
    Instant now = OPEN.minusSeconds(90);
    SubmissionDecision d = SubmissionPolicy.check(rules(null, null, 0, null), history("s"), now);
    assertEquals(Outcome.NOT_OPEN_YET, d.outcome());
    assertEquals(OPEN, d.retryAt());
    assertEquals(90, d.retryAfterSeconds(now));
    assertTrue(d.message().contains("opens at 2026-12-01T09:00:00Z"), d.message());
    var e = assertThrows(DomainException.LimitExceeded.class, () -> d.orThrow(now));
    assertEquals(90, e.retryAfterSeconds());
  }

  @Test
  void exactlyAtOpeningIsAllowedAndExactlyAtDueIsOnTime() {
    var r = rules(null, null, 0, null);
    assertTrue(SubmissionPolicy.check(r, history("s"), OPEN).allowed());
    SubmissionDecision atDue = SubmissionPolicy.check(r, history("s"), DUE);
    assertTrue(atDue.allowed());
    assertFalse(atDue.late());
  }

  @Test
  void afterTheDueDateWithoutLatePolicyIsClosed() {
    Instant now = DUE.plusSeconds(1);
    SubmissionDecision d = SubmissionPolicy.check(rules(null, null, 0, null), history("s"), now);
    assertEquals(Outcome.CLOSED, d.outcome());
    assertNull(d.retryAt());
    assertEquals(0, d.retryAfterSeconds(now));
    assertTrue(d.message().contains("closed at 2026-12-08T09:00:00Z"), d.message());
    assertTrue(d.message().contains("no late submissions"), d.message());
    assertThrows(DomainException.Conflict.class, () -> d.orThrow(now));
  }

  @Test
  void anExtensionKeepsTheExerciseOpenForThatStudentOnly() {
    Instant now = DUE.plus(Duration.ofDays(1));
    var r = rules(null, null, 0, null);
    assertTrue(SubmissionPolicy.check(r, history("student-x"), now).allowed());
    assertFalse(SubmissionPolicy.check(r, history("student-x"), now).late());
    assertEquals(Outcome.CLOSED, SubmissionPolicy.check(r, history("other"), now).outcome());
    SubmissionDecision after =
        SubmissionPolicy.check(r, history("student-x"), DUE.plus(Duration.ofDays(3)));
    assertEquals(Outcome.CLOSED, after.outcome());
    assertTrue(after.message().contains("your extended due date"), after.message());
  }

  @Test
  void withALatePolicyALateSubmissionIsAllowedAndMarkedLate() {
    Instant now = DUE.plus(Duration.ofDays(30));
    SubmissionDecision d =
        SubmissionPolicy.check(rules(new LatePolicy(10, 50), null, 0, null), history("s"), now);
    assertTrue(d.allowed());
    assertTrue(d.late());
    assertTrue(d.message().contains("late"), d.message());
    d.orThrow(now);
  }

  @Test
  void attemptLimitReachedIsRefusedForGood() {
    var r = rules(null, 2, 0, null);
    assertTrue(SubmissionPolicy.check(r, history("s", OPEN), MID).allowed());
    SubmissionDecision d = SubmissionPolicy.check(r, history("s", OPEN, OPEN.plusSeconds(5)), MID);
    assertEquals(Outcome.ATTEMPT_LIMIT_REACHED, d.outcome());
    assertEquals("You have used all 2 attempts of this exercise.", d.message());
    assertNull(d.retryAt());
    var e = assertThrows(DomainException.LimitExceeded.class, () -> d.orThrow(MID));
    assertEquals(0, e.retryAfterSeconds());
  }

  @Test
  void oneAttemptMessageIsSingular() {
    SubmissionDecision d = SubmissionPolicy.check(rules(null, 1, 0, null), history("s", OPEN), MID);
    assertEquals("You have used all 1 attempt of this exercise.", d.message());
  }

  @Test
  void tooSoonSinceTheLastGradingSaysHowManySecondsAreLeft() {
    var r = rules(null, null, 600, null);
    Instant last = MID.minusSeconds(100);
    SubmissionDecision d =
        SubmissionPolicy.check(r, history("s", MID.minusSeconds(5000), last), MID);
    assertEquals(Outcome.TOO_SOON, d.outcome());
    assertEquals(last.plusSeconds(600), d.retryAt());
    assertEquals(500, d.retryAfterSeconds(MID));
    assertTrue(d.message().startsWith("Wait 500 more seconds"), d.message());
    assertTrue(SubmissionPolicy.check(r, history("s", last), last.plusSeconds(600)).allowed());
  }

  @Test
  void tooSoonRoundsSubSecondWaitsUp() {
    var r = rules(null, null, 60, null);
    Instant last = MID.minusMillis(59_500);
    SubmissionDecision d = SubmissionPolicy.check(r, history("s", last), MID);
    assertEquals(1, d.retryAfterSeconds(MID));
    assertTrue(d.message().startsWith("Wait 1 more second:"), d.message());
  }

  @Test
  void dailyCapIsARollingWindowAndSaysUntilWhen() {
    var r = rules(null, null, 0, 3);
    Instant a = MID.minus(Duration.ofHours(30)); // outside the window
    Instant b = MID.minus(Duration.ofHours(20));
    Instant c = MID.minus(Duration.ofHours(10));
    Instant d = MID.minus(Duration.ofHours(1));
    assertTrue(SubmissionPolicy.check(r, history("s", a, b, c), MID).allowed());
    SubmissionDecision refused = SubmissionPolicy.check(r, history("s", d, a, c, b), MID);
    assertEquals(Outcome.DAILY_CAP_REACHED, refused.outcome());
    assertEquals(b.plus(Duration.ofHours(24)), refused.retryAt());
    assertEquals(4 * 3600, refused.retryAfterSeconds(MID));
    assertTrue(refused.message().contains("your 3 gradings for 24 hours"), refused.message());
    assertTrue(
        SubmissionPolicy.check(r, history("s", a, b, c, d), refused.retryAt()).allowed(),
        "allowed again at the instant it names");
  }

  @Test
  void checksRunInOrderNotOpenThenClosedThenAttemptsThenIntervalThenCap() {
    Instant last = DUE.minusSeconds(1);
    var r = rules(null, 1, 3600, 1);
    assertEquals(
        Outcome.NOT_OPEN_YET,
        SubmissionPolicy.check(r, history("s", last), OPEN.minusSeconds(1)).outcome());
    assertEquals(
        Outcome.CLOSED,
        SubmissionPolicy.check(r, history("s", last), DUE.plusSeconds(1)).outcome());
    assertEquals(
        Outcome.ATTEMPT_LIMIT_REACHED,
        SubmissionPolicy.check(r, history("s", last), DUE).outcome());
    var noLimit = rules(null, null, 3600, 1);
    assertEquals(
        Outcome.TOO_SOON, SubmissionPolicy.check(noLimit, history("s", last), DUE).outcome());
    var noInterval = rules(null, null, 0, 1);
    assertEquals(
        Outcome.DAILY_CAP_REACHED,
        SubmissionPolicy.check(noInterval, history("s", last), DUE).outcome());
  }

  @Test
  void rulesRejectInconsistentSettingsNamingTheField() {
    var e =
        assertThrows(
            DomainException.Invalid.class,
            () -> new SubmissionRules(DUE, OPEN, null, null, Duration.ZERO, null, Map.of()));
    assertTrue(e.getMessage().contains("dueAt"), e.getMessage());
    e =
        assertThrows(
            DomainException.Invalid.class,
            () -> new SubmissionRules(null, null, null, 0, Duration.ZERO, null, Map.of()));
    assertEquals("maxAttempts must be at least 1, got 0", e.getMessage());
    e =
        assertThrows(
            DomainException.Invalid.class,
            () -> new SubmissionRules(null, null, null, null, Duration.ZERO, -1, Map.of()));
    assertEquals("dailyCap must be at least 1, got -1", e.getMessage());
    e =
        assertThrows(
            DomainException.Invalid.class,
            () ->
                new SubmissionRules(
                    null, null, null, null, Duration.ofSeconds(-5), null, Map.of()));
    assertEquals("minIntervalSeconds must not be negative, got -5", e.getMessage());
  }
}
