package io.visiongrade.lms.infrastructure.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.visiongrade.lms.application.JobQueue;
import io.visiongrade.lms.domain.job.FailureKind;
import io.visiongrade.lms.domain.job.InMemoryJobRepository;
import io.visiongrade.lms.domain.job.Job;
import io.visiongrade.lms.domain.job.JobContext;
import io.visiongrade.lms.domain.job.JobDispatcher;
import io.visiongrade.lms.domain.job.JobHandler;
import io.visiongrade.lms.domain.job.JobLane;
import io.visiongrade.lms.domain.job.JobOutcome;
import io.visiongrade.lms.domain.job.JobOwner;
import io.visiongrade.lms.domain.job.JobProgress;
import io.visiongrade.lms.domain.job.JobRepository;
import io.visiongrade.lms.domain.job.JobRequest;
import io.visiongrade.lms.domain.job.JobState;
import io.visiongrade.lms.domain.job.JobUserError;
import io.visiongrade.lms.domain.job.JobView;
import io.visiongrade.lms.infrastructure.config.JobSettings;
import io.visiongrade.lms.infrastructure.outbox.Backoff;
import io.visiongrade.lms.infrastructure.persistence.JdbcJobRepository;
import io.visiongrade.lms.infrastructure.persistence.TestDatabase;
import io.visiongrade.lms.lti.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The job processor against an in-memory or H2 repository, on a real thread pool. */
class JobProcessorTest {

  static final String KIND = "GRADE_SUBMISSION";

  /** Back-off at its ceiling, so tests know when a retry is due. */
  static final RandomGenerator CEILING =
      new RandomGenerator() {
        @Override
        public long nextLong() {
          return 0;
        }

        @Override
        public long nextLong(long bound) {
          return bound - 1;
        }
      };

  /** What a test's handler does with a job. */
  @FunctionalInterface
  interface Work {
    JobOutcome run(JobContext ctx) throws Exception;
  }

  final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T10:00:00Z"));
  final ExecutorService executor = Executors.newFixedThreadPool(8);
  final JobProgressHub hub = new JobProgressHub();
  final List<JobView> finished = new CopyOnWriteArrayList<>();
  final List<JobProcessor> processors = new ArrayList<>();
  JobRepository repo = new InMemoryJobRepository();
  volatile Work work = ctx -> JobOutcome.of("result-of-" + ctx.payload());

  @AfterEach
  void stop() {
    processors.forEach(p -> p.shutdown(Duration.ofSeconds(2)));
    executor.shutdownNow();
  }

  /** The database for the tests that need one. */
  JobRepository database() {
    return new JdbcJobRepository(TestDatabase.migrated());
  }

  JobSettings settings(String node, int training, int fast, int maxRetries) {
    return new JobSettings(
        true,
        node,
        training,
        fast,
        Duration.ofSeconds(1),
        Duration.ofMinutes(1),
        Duration.ofSeconds(10),
        maxRetries,
        Duration.ofSeconds(10),
        Duration.ofMinutes(1),
        Duration.ofHours(1),
        Duration.ofMinutes(2),
        Duration.ofSeconds(2),
        Duration.ofSeconds(5));
  }

  JobProcessor processor(JobSettings settings) {
    JobHandler handler =
        new JobHandler() {
          @Override
          public String kind() {
            return KIND;
          }

          @Override
          public JobOutcome run(JobContext ctx) throws Exception {
            return work.run(ctx);
          }
        };
    JobProcessor p =
        new JobProcessor(
            repo,
            kind -> kind.equals(KIND) ? Optional.of(handler) : Optional.empty(),
            executor,
            hub,
            settings,
            new Backoff(settings.backoffBase(), settings.backoffCap(), CEILING),
            clock,
            finished::add);
    processors.add(p);
    return p;
  }

  JobProcessor processor() {
    return processor(settings("node-a", 1, 2, 2));
  }

  /** The use cases, with a dispatcher that hands over to the processor as the server's does. */
  JobQueue queue(JobProcessor p) {
    return new JobQueue(
        repo,
        new JobDispatcher() {
          @Override
          public void submitted(JobView job) {
            p.wake();
          }

          @Override
          public void cancelRequested(JobView job) {
            p.cancelRequested(job);
          }
        },
        2,
        clock);
  }

  JobView add(JobLane lane, JobOwner owner, String payload) {
    clock.advance(Duration.ofMillis(1));
    return repo.add(Job.queue(JobRequest.of(KIND, lane, 7, owner, payload), 2, clock.instant()))
        .view();
  }

  JobView await(long id, JobState state) {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < until) {
      JobView v = repo.find(id).orElseThrow().view();
      if (v.state() == state && (state == JobState.RUNNING || v.leaseOwner().isEmpty())) {
        return v;
      }
      pause();
    }
    throw new AssertionError(
        "job " + id + " not " + state + ": " + repo.find(id).orElseThrow().view());
  }

  static void awaitTrue(BooleanSupplier condition, String what) {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > until) {
        throw new AssertionError("timed out waiting: " + what);
      }
      pause();
    }
  }

  static void pause() {
    try {
      Thread.sleep(2);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** A handler that waits until the job is cancelled, then gives up. */
  static JobOutcome untilCancelled(JobContext ctx) throws InterruptedException {
    while (!ctx.isCancelled()) {
      Thread.sleep(2);
    }
    throw new InterruptedException("stopped");
  }

  // --- Tests -------------------------------------------------------------------------------------

  @Test
  void runsASubmittedJobAndRecordsItsResultProgressAndUpdates() {
    JobProcessor p = processor();
    List<JobState> seen = new CopyOnWriteArrayList<>();
    work =
        ctx -> {
          ctx.progress().report(JobProgress.phase("evaluating").withBatch(1, 2));
          return JobOutcome.of("grade-" + ctx.payload());
        };
    JobView job =
        queue(p)
            .submit(JobRequest.of(KIND, JobLane.FAST, 7, JobOwner.student("a"), "submission-1"));
    hub.subscribe(job.id(), u -> seen.add(u.state()));
    JobView done = await(job.id(), JobState.SUCCEEDED);
    assertEquals(Optional.of("grade-submission-1"), done.result());
    assertEquals(1, done.attempts());
    assertTrue(done.charged());
    assertEquals(Optional.of(JobProgress.phase("evaluating").withBatch(1, 2)), done.progress());
    awaitTrue(() -> finished.size() == 1, "told of the finished job");
    assertEquals(JobState.SUCCEEDED, hub.latest(job.id()).orElseThrow().state());
    assertEquals(JobState.SUCCEEDED, seen.get(seen.size() - 1));
  }

  @Test
  void teachersFirstThenStudentsInTurnOneTrainingAtATime() {
    List<String> started = new CopyOnWriteArrayList<>();
    AtomicInteger concurrent = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    work =
        ctx -> {
          most.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
          started.add(ctx.payload());
          clock.advance(Duration.ofSeconds(1));
          Thread.sleep(5);
          concurrent.decrementAndGet();
          return JobOutcome.of("ok");
        };
    add(JobLane.TRAINING, JobOwner.student("a"), "a1");
    add(JobLane.TRAINING, JobOwner.student("a"), "a2");
    add(JobLane.TRAINING, JobOwner.student("a"), "a3");
    add(JobLane.TRAINING, JobOwner.student("b"), "b1");
    add(JobLane.TRAINING, JobOwner.system(), "rescore");
    add(JobLane.TRAINING, JobOwner.student("c"), "c1");
    JobView last = add(JobLane.TRAINING, JobOwner.teacher("t"), "t1");
    processor().dispatch();
    awaitTrue(() -> started.size() == 7, "all ran");
    await(last.id(), JobState.SUCCEEDED);
    assertEquals(List.of("t1", "a1", "b1", "c1", "a2", "a3", "rescore"), started);
    assertEquals(1, most.get(), "one training at a time");
  }

  @Test
  void oneRunningJobPerStudentAndTheFastLaneNeverWaitsBehindTraining() {
    CountDownLatch releaseTraining = new CountDownLatch(1);
    CountDownLatch releaseA1 = new CountDownLatch(1);
    Map<String, Boolean> running = new ConcurrentHashMap<>();
    work =
        ctx -> {
          running.put(ctx.payload(), true);
          if (ctx.payload().equals("train")) {
            releaseTraining.await();
          } else if (ctx.payload().equals("a1")) {
            releaseA1.await();
          }
          running.remove(ctx.payload());
          return JobOutcome.of("ok");
        };
    JobProcessor p = processor(settings("node-a", 1, 3, 2));
    JobView train = add(JobLane.TRAINING, JobOwner.teacher("t"), "train");
    JobView a1 = add(JobLane.FAST, JobOwner.student("a"), "a1");
    JobView a2 = add(JobLane.FAST, JobOwner.student("a"), "a2");
    JobView b1 = add(JobLane.FAST, JobOwner.student("b"), "b1");
    assertEquals(3, p.dispatch(), "the training, a1 and b1; not a2 (a1 runs)");
    await(b1.id(), JobState.SUCCEEDED);
    p.dispatch();
    assertEquals(JobState.QUEUED, repo.find(a2.id()).orElseThrow().state(), "a1 still runs");
    assertTrue(running.containsKey("a1") && running.containsKey("train"));
    releaseA1.countDown();
    await(a2.id(), JobState.SUCCEEDED);
    assertEquals(JobState.RUNNING, repo.find(train.id()).orElseThrow().state());
    releaseTraining.countDown();
    await(train.id(), JobState.SUCCEEDED);
    await(a1.id(), JobState.SUCCEEDED);
  }

  @Test
  void aJobLeftRunningByADeadServerRunsAgainToTheSameResultWithoutCharge() {
    repo = database();
    JobView job = add(JobLane.TRAINING, JobOwner.student("a"), "seed-42");
    // The server claimed it, then died (kill -9): the row stays RUNNING under its lease.
    Job claimed = repo.find(job.id()).orElseThrow();
    claimed.claim("node-a", clock.instant().plusSeconds(60), clock.instant());
    repo.update(claimed).orElseThrow();

    // Another node leaves it alone while the lease lasts, and takes it back once the lease ends.
    JobProcessor other = processor(settings("node-b", 1, 2, 2));
    work = ctx -> JobOutcome.of("model-for-" + ctx.payload());
    other.tick();
    assertEquals(JobState.RUNNING, repo.find(job.id()).orElseThrow().state());
    other.shutdown(Duration.ofSeconds(1));

    // The same server restarts: its own jobs go back to the queue at once, then run again.
    JobProcessor restarted = processor(settings("node-a", 1, 2, 2));
    assertEquals(1, restarted.recoverOnStartup());
    JobView requeued = repo.find(job.id()).orElseThrow().view();
    assertEquals(JobState.QUEUED, requeued.state());
    assertEquals(1, requeued.infraFailures());
    restarted.dispatch();
    JobView done = await(job.id(), JobState.SUCCEEDED);
    assertEquals(Optional.of("model-for-seed-42"), done.result());
    assertEquals(2, done.attempts());
    assertEquals(1, done.infraFailures(), "counted as ours");
    assertEquals(FailureKind.values().length, 4);
  }

  @Test
  void aLeaseThatEndsOnAnotherNodeIsTakenOverByTheNextPass() {
    JobView job = add(JobLane.FAST, JobOwner.student("a"), "p");
    Job claimed = repo.find(job.id()).orElseThrow();
    claimed.claim("dead-node", clock.instant().plusSeconds(60), clock.instant());
    repo.update(claimed).orElseThrow();
    JobProcessor p = processor();
    p.tick();
    assertEquals(JobState.RUNNING, repo.find(job.id()).orElseThrow().state());
    clock.advance(Duration.ofSeconds(61));
    p.tick();
    JobView done = await(job.id(), JobState.SUCCEEDED);
    assertEquals(1, done.infraFailures());
    assertEquals(Optional.of("result-of-p"), done.result());
  }

  @Test
  void failuresOfOursAreRetriedAfterABackOffThenFailWithoutCharge() {
    AtomicInteger runs = new AtomicInteger();
    work =
        ctx -> {
          runs.incrementAndGet();
          throw new IllegalStateException("engine crashed");
        };
    JobProcessor p = processor(); // 2 retries, back-off 10 s then 20 s
    JobView job = add(JobLane.FAST, JobOwner.student("a"), "p");
    p.dispatch();
    JobView first = await(job.id(), JobState.QUEUED);
    awaitTrue(() -> runs.get() == 1, "first run");
    assertEquals(1, first.infraFailures());
    assertEquals(clock.instant().plusSeconds(10), first.notBefore());
    assertTrue(first.message().orElseThrow().contains("engine crashed"));

    p.dispatch();
    assertEquals(1, runs.get(), "not before the back-off ends");
    clock.advance(Duration.ofSeconds(10));
    p.dispatch();
    awaitTrue(() -> runs.get() == 2, "second run");
    JobView second = await(job.id(), JobState.QUEUED);
    assertEquals(clock.instant().plusSeconds(20), second.notBefore());
    clock.advance(Duration.ofSeconds(20));
    p.dispatch();
    JobView failed = await(job.id(), JobState.FAILED);
    assertEquals(3, runs.get());
    assertEquals(Optional.of(FailureKind.INFRASTRUCTURE), failed.failureKind());
    assertFalse(failed.charged());
  }

  @Test
  void aStudentsOwnErrorFailsOnceWithTheirMessage() {
    AtomicInteger runs = new AtomicInteger();
    work =
        ctx -> {
          runs.incrementAndGet();
          throw new JobUserError("This file is not a TorchScript model");
        };
    JobProcessor p = processor();
    JobView job =
        queue(p)
            .submit(new JobRequest(KIND, JobLane.FAST, 7, JobOwner.student("a"), "sub-1", true));
    JobView failed = await(job.id(), JobState.FAILED);
    assertEquals(Optional.of(FailureKind.USER_ERROR), failed.failureKind());
    assertEquals(Optional.of("This file is not a TorchScript model"), failed.message());
    assertTrue(failed.charged(), "the teacher's policy charges it");
    p.tick();
    assertEquals(1, runs.get());
  }

  @Test
  void aQueuedJobIsCancelledAtOnceAndARunningOneStopsCooperatively() {
    CountDownLatch inside = new CountDownLatch(1);
    work =
        ctx -> {
          inside.countDown();
          return untilCancelled(ctx);
        };
    JobProcessor p = processor(settings("node-a", 1, 2, 2));
    JobQueue queue = queue(p);
    JobView running = add(JobLane.TRAINING, JobOwner.student("a"), "long");
    JobView waiting = add(JobLane.TRAINING, JobOwner.student("b"), "next");
    p.dispatch();
    awaitTrue(() -> inside.getCount() == 0, "started");

    JobView cancelled = queue.cancel(waiting.id(), 7, JobOwner.student("b"));
    assertEquals(JobState.CANCELLED, cancelled.state());
    assertEquals(JobState.CANCELLED, hub.latest(waiting.id()).orElseThrow().state());

    JobView requested = queue.cancel(running.id(), 7, JobOwner.student("a"));
    assertEquals(JobState.RUNNING, requested.state());
    JobView stopped = await(running.id(), JobState.CANCELLED);
    assertEquals(Optional.of(FailureKind.CANCELLED), stopped.failureKind());
    assertFalse(stopped.charged());
    p.dispatch();
    assertEquals(JobState.CANCELLED, repo.find(waiting.id()).orElseThrow().state(), "never ran");
  }

  @Test
  void aCancelRequestedOnAnotherNodeIsSeenAtTheNextHeartbeat() {
    work = JobProcessorTest::untilCancelled;
    JobProcessor p = processor();
    JobView job = add(JobLane.FAST, JobOwner.student("a"), "p");
    p.dispatch();
    await(job.id(), JobState.RUNNING);
    Job j = repo.find(job.id()).orElseThrow();
    j.requestCancel(clock.instant());
    repo.update(j).orElseThrow(); // by a request served by another server
    clock.advance(Duration.ofSeconds(10));
    p.tick();
    await(job.id(), JobState.CANCELLED);
  }

  @Test
  void heartbeatsKeepTheLeaseAndTheTimeLimitStopsTheJob() {
    work = JobProcessorTest::untilCancelled;
    JobProcessor p = processor(); // fast limit 2 min, heartbeat 10 s, lease 1 min
    JobView job = add(JobLane.FAST, JobOwner.student("a"), "p");
    p.dispatch();
    await(job.id(), JobState.RUNNING);
    for (int i = 0; i < 11; i++) {
      clock.advance(Duration.ofSeconds(10));
      p.tick();
      JobView v = repo.find(job.id()).orElseThrow().view();
      assertEquals(JobState.RUNNING, v.state(), "alive after " + (i + 1) * 10 + " s");
      assertEquals(Optional.of(clock.instant().plusSeconds(60)), v.leaseUntil());
    }
    clock.advance(Duration.ofSeconds(11));
    p.tick();
    JobView timedOut = await(job.id(), JobState.FAILED);
    assertEquals(Optional.of(FailureKind.TIMEOUT), timedOut.failureKind());
    assertEquals(0, timedOut.infraFailures());
    assertFalse(timedOut.charged());
  }

  @Test
  void aStoppingServerSendsItsRunningJobsBackToTheQueue() {
    CountDownLatch inside = new CountDownLatch(1);
    work =
        ctx -> {
          inside.countDown();
          return untilCancelled(ctx);
        };
    JobProcessor p = processor();
    JobView job = add(JobLane.TRAINING, JobOwner.student("a"), "p");
    p.dispatch();
    awaitTrue(() -> inside.getCount() == 0, "started");
    assertEquals(0, p.shutdown(Duration.ofSeconds(5)));
    JobView back = repo.find(job.id()).orElseThrow().view();
    assertEquals(JobState.QUEUED, back.state());
    assertEquals(0, back.infraFailures(), "a stop is not a failure");
    assertEquals(0, p.dispatch(), "a stopped processor claims nothing");

    work = ctx -> JobOutcome.of("done");
    processor().dispatch();
    assertEquals(Optional.of("done"), await(job.id(), JobState.SUCCEEDED).result());
  }

  @Test
  void progressReachesTheHubAtOnceAndTheRowAtABoundedRate() {
    CountDownLatch more = new CountDownLatch(1);
    CountDownLatch reported = new CountDownLatch(1);
    work =
        ctx -> {
          for (int batch = 1; batch <= 50; batch++) {
            ctx.progress().report(JobProgress.phase("training").withBatch(batch, 100));
          }
          reported.countDown();
          more.await();
          ctx.progress().report(JobProgress.phase("training").withBatch(100, 100));
          return JobOutcome.of("ok");
        };
    JobProcessor p = processor();
    JobView job = add(JobLane.TRAINING, JobOwner.student("a"), "p");
    List<Integer> batches = new CopyOnWriteArrayList<>();
    hub.subscribe(job.id(), u -> u.progress().ifPresent(pr -> batches.add(pr.batch())));
    p.dispatch();
    awaitTrue(() -> reported.getCount() == 0, "reported");
    assertEquals(50, batches.size());
    assertEquals(50, hub.latest(job.id()).orElseThrow().progress().orElseThrow().batch());
    assertEquals(
        1,
        repo.find(job.id()).orElseThrow().view().progress().orElseThrow().batch(),
        "one write in the first 2 s");
    clock.advance(Duration.ofSeconds(2));
    more.countDown();
    JobView done = await(job.id(), JobState.SUCCEEDED);
    assertEquals(100, done.progress().orElseThrow().batch());
  }

  @Test
  void queuePositionsArePublished() {
    CountDownLatch release = new CountDownLatch(1);
    work =
        ctx -> {
          release.await();
          return JobOutcome.of("ok");
        };
    JobProcessor p = processor();
    add(JobLane.TRAINING, JobOwner.student("a"), "running");
    JobView a2 = add(JobLane.TRAINING, JobOwner.student("a"), "a2");
    JobView b1 = add(JobLane.TRAINING, JobOwner.student("b"), "b1");
    p.tick();
    assertEquals(2, hub.latest(a2.id()).orElseThrow().queuePosition());
    assertEquals(1, hub.latest(b1.id()).orElseThrow().queuePosition());
    release.countDown();
  }

  @Test
  void twoProcessorsRacingClaimEachJobOnce() throws Exception {
    repo = database();
    Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
    work =
        ctx -> {
          runs.computeIfAbsent(ctx.payload(), k -> new AtomicInteger()).incrementAndGet();
          return JobOutcome.of(ctx.payload());
        };
    List<JobView> jobs = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      jobs.add(add(JobLane.FAST, JobOwner.student("s" + i), "job-" + i));
    }
    JobProcessor a = processor(settings("node-a", 1, 3, 2));
    JobProcessor b = processor(settings("node-b", 1, 3, 2));
    ExecutorService racers = Executors.newFixedThreadPool(2);
    try {
      CountDownLatch go = new CountDownLatch(1);
      for (JobProcessor p : List.of(a, b)) {
        racers.submit(
            () -> {
              go.await();
              while (runs.size() < 30) {
                p.dispatch();
              }
              return null;
            });
      }
      go.countDown();
      racers.shutdown();
      assertTrue(racers.awaitTermination(20, TimeUnit.SECONDS));
    } finally {
      racers.shutdownNow();
    }
    for (JobView j : jobs) {
      JobView done = await(j.id(), JobState.SUCCEEDED);
      assertEquals(1, done.attempts(), "claimed once: " + done);
    }
    runs.forEach((payload, n) -> assertEquals(1, n.get(), payload + " ran once"));
  }
}
