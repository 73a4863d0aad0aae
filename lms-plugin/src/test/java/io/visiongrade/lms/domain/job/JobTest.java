package io.visiongrade.lms.domain.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.visiongrade.lms.domain.DomainException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JobTest {

  static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");

  static Job job(int maxRetries, boolean charge) {
    return Job.queue(
        new JobRequest("GRADE_SUBMISSION", JobLane.FAST, 1, JobOwner.student("s"), "sub-1", charge),
        maxRetries,
        T0);
  }

  static Job running(int maxRetries, boolean charge) {
    Job j = job(maxRetries, charge);
    j.claim("n", T0.plusSeconds(60), T0);
    return j;
  }

  @Test
  void refusesABadKindPayloadOrOwner() {
    assertThrows(
        DomainException.Invalid.class,
        () ->
            Job.queue(
                JobRequest.of("grade submission", JobLane.FAST, 1, JobOwner.system(), ""), 3, T0));
    DomainException.Invalid tooLong =
        assertThrows(
            DomainException.Invalid.class,
            () ->
                Job.queue(
                    JobRequest.of("RESCORE", JobLane.FAST, 1, JobOwner.system(), "x".repeat(4001)),
                    3,
                    T0));
    assertTrue(tooLong.getMessage().contains("4001 characters"), tooLong.getMessage());
    assertThrows(DomainException.Invalid.class, () -> JobOwner.student(" "));
    assertThrows(DomainException.Invalid.class, () -> new JobOwner("x", OwnerRole.SYSTEM));
  }

  @Test
  void aUserErrorFailsAtOnceAndIsChargedOnlyWhenThePolicySaysSo() {
    Job charged = running(3, true);
    charged.failByUser("Layer 2: kernel size 0 is not allowed", T0.plusSeconds(1));
    JobView v = charged.view();
    assertEquals(JobState.FAILED, v.state());
    assertEquals(Optional.of(FailureKind.USER_ERROR), v.failureKind());
    assertEquals(Optional.of("Layer 2: kernel size 0 is not allowed"), v.message());
    assertTrue(v.charged());

    Job free = running(3, false);
    free.failByUser("bad file", T0);
    assertFalse(free.view().charged());
  }

  @Test
  void failuresOfOursAreRetriedThenFailWithoutCharge() {
    Job j = running(2, true);
    assertTrue(j.failByInfrastructure("engine down", T0, T0.plusSeconds(10)));
    assertEquals(JobState.QUEUED, j.state());
    assertEquals(T0.plusSeconds(10), j.view().notBefore());
    j.claim("n", T0.plusSeconds(70), T0.plusSeconds(10));
    assertTrue(j.abandoned(T0.plusSeconds(80)), "a dead server counts as a failure of ours");
    assertEquals(T0.plusSeconds(80), j.view().notBefore(), "re-run at once");
    j.claim("n", T0.plusSeconds(140), T0.plusSeconds(80));
    assertFalse(j.failByInfrastructure("engine down", T0.plusSeconds(90), T0.plusSeconds(99)));
    JobView v = j.view();
    assertEquals(JobState.FAILED, v.state());
    assertEquals(Optional.of(FailureKind.INFRASTRUCTURE), v.failureKind());
    assertEquals(3, v.attempts());
    assertEquals(3, v.infraFailures());
    assertFalse(v.charged());
    assertTrue(v.message().orElseThrow().contains("does not count"), v.message().orElseThrow());
  }

  @Test
  void cancelIsImmediateWhenQueuedAndARequestWhenRunning() {
    Job queued = job(3, true);
    assertTrue(queued.requestCancel(T0));
    assertEquals(JobState.CANCELLED, queued.state());
    assertThrows(DomainException.Conflict.class, () -> queued.requestCancel(T0));

    Job r = running(3, true);
    assertFalse(r.requestCancel(T0));
    assertEquals(JobState.RUNNING, r.state());
    assertTrue(r.cancelRequested());
    r.cancelled(T0.plusSeconds(1));
    assertEquals(JobState.CANCELLED, r.state());
    assertFalse(r.view().charged());
  }

  @Test
  void aServerStopReturnsTheJobUnlessACancelWasRequested() {
    Job r = running(0, true);
    r.returnToQueue(T0.plusSeconds(5));
    JobView v = r.view();
    assertEquals(JobState.QUEUED, v.state());
    assertEquals(0, v.infraFailures(), "a stop is not a failure");
    assertEquals(Optional.empty(), v.leaseOwner());

    Job c = running(3, true);
    c.requestCancel(T0);
    c.returnToQueue(T0);
    assertEquals(JobState.CANCELLED, c.state());

    Job a = running(3, true);
    a.requestCancel(T0);
    assertFalse(a.abandoned(T0));
    assertEquals(JobState.CANCELLED, a.state());
  }

  @Test
  void successAndTimeOut() {
    Job ok = running(3, false);
    ok.succeed("grade-7", T0.plusSeconds(3));
    assertEquals(Optional.of("grade-7"), ok.view().result());
    assertTrue(ok.view().charged());
    assertThrows(IllegalStateException.class, () -> ok.succeed("again", T0));

    Job slow = running(3, true);
    slow.timeOut(Duration.ofMinutes(2), T0.plusSeconds(121));
    assertEquals(Optional.of(FailureKind.TIMEOUT), slow.view().failureKind());
    assertTrue(slow.view().message().orElseThrow().contains("2 min"));
    assertFalse(slow.view().charged());
  }

  @Test
  void onlyTheLeaseHolderHeartbeats() {
    Job r = running(3, true);
    r.heartbeat("n", T0.plusSeconds(120), T0.plusSeconds(60));
    assertEquals(Optional.of(T0.plusSeconds(120)), r.view().leaseUntil());
    assertThrows(IllegalStateException.class, () -> r.heartbeat("other", T0.plusSeconds(999), T0));
    assertTrue(r.isRunningOn("n", 1));
    assertFalse(r.isRunningOn("n", 2));
  }

  @Test
  void progressKeepsOnlyWhatJsonCanCarry() {
    JobProgress p =
        JobProgress.phase("training")
            .withLoss(Double.NaN)
            .withAccuracy(0.5)
            .withImagesPerSecond(Double.POSITIVE_INFINITY);
    assertEquals(java.util.OptionalDouble.empty(), p.loss(), "a diverged loss is unknown");
    assertEquals(java.util.OptionalDouble.of(0.5), p.accuracy());
    assertEquals(java.util.OptionalDouble.empty(), p.imagesPerSecond());
    assertThrows(DomainException.Invalid.class, () -> p.withBatch(-1, 10));
    assertThrows(DomainException.Invalid.class, () -> JobProgress.phase(" "));
  }
}
