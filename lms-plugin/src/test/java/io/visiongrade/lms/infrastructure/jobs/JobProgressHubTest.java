package io.visiongrade.lms.infrastructure.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.visiongrade.lms.domain.job.JobLane;
import io.visiongrade.lms.domain.job.JobOwner;
import io.visiongrade.lms.domain.job.JobProgress;
import io.visiongrade.lms.domain.job.JobState;
import io.visiongrade.lms.domain.job.JobUpdate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class JobProgressHubTest {

  static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");

  static JobUpdate update(long job, long course, JobState state, int position, String phase) {
    return new JobUpdate(
        job,
        course,
        JobOwner.student("s" + job),
        "GRADE_SUBMISSION",
        JobLane.FAST,
        state,
        position,
        Optional.ofNullable(phase).map(JobProgress::phase),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        T0);
  }

  @Test
  void aSubscriberGetsTheLatestUpdateFirstThenEveryNewOne() {
    JobProgressHub hub = new JobProgressHub();
    hub.publish(update(1, 7, JobState.QUEUED, 3, null));
    hub.publish(update(1, 7, JobState.QUEUED, 2, null));
    List<Integer> positions = new ArrayList<>();
    JobProgressHub.Subscription s = hub.subscribe(1, u -> positions.add(u.queuePosition()));
    hub.publish(update(1, 7, JobState.QUEUED, 1, null));
    hub.publish(update(2, 7, JobState.QUEUED, 2, null)); // another job
    s.close();
    hub.publish(update(1, 7, JobState.RUNNING, 0, "training"));
    assertEquals(List.of(2, 1), positions);
    assertEquals("training", hub.latest(1).orElseThrow().progress().orElseThrow().phase());
    assertEquals(Optional.empty(), hub.latest(3));
  }

  @Test
  void aCourseSubscriberGetsItsUnfinishedJobsThenEveryUpdateOfTheCourse() {
    JobProgressHub hub = new JobProgressHub();
    hub.publish(update(1, 7, JobState.RUNNING, 0, "training"));
    hub.publish(update(2, 7, JobState.SUCCEEDED, 0, null));
    hub.publish(update(3, 8, JobState.QUEUED, 1, null));
    List<Long> seen = new ArrayList<>();
    try (JobProgressHub.Subscription s = hub.subscribeCourse(7, u -> seen.add(u.jobId()))) {
      hub.publish(update(4, 7, JobState.QUEUED, 1, null));
      hub.publish(update(5, 8, JobState.QUEUED, 2, null));
    }
    assertEquals(List.of(1L, 4L), seen);
  }

  @Test
  void closedAndFailingSubscriptionsLeaveNothingBehind() {
    JobProgressHub hub = new JobProgressHub();
    JobProgressHub.Subscription a = hub.subscribe(1, u -> {});
    JobProgressHub.Subscription b = hub.subscribe(1, u -> {});
    JobProgressHub.Subscription c = hub.subscribeCourse(7, u -> {});
    hub.subscribe(
        2,
        u -> {
          throw new IllegalStateException("connection closed");
        });
    assertEquals(4, hub.subscribers());
    a.close();
    a.close();
    b.close();
    c.close();
    hub.publish(update(2, 9, JobState.QUEUED, 1, null)); // the failing listener goes
    assertEquals(0, hub.subscribers());
    assertEquals(0, hub.subscribedKeys());
  }

  @Test
  void keepsTheLatestUpdateOfABoundedNumberOfJobs() {
    JobProgressHub hub = new JobProgressHub(3);
    for (long job = 1; job <= 5; job++) {
      hub.publish(update(job, 7, JobState.QUEUED, 1, null));
    }
    hub.publish(update(3, 7, JobState.RUNNING, 0, "x")); // recently updated: kept
    hub.publish(update(6, 7, JobState.QUEUED, 1, null));
    assertEquals(3, hub.retained());
    assertEquals(Optional.empty(), hub.latest(4));
    assertTrue(hub.latest(3).isPresent());
    assertTrue(hub.latest(5).isPresent());
    assertTrue(hub.latest(6).isPresent());
  }

  @Test
  void manyThreadsPublishAndSubscribeWithoutLosingOrder() throws Exception {
    JobProgressHub hub = new JobProgressHub(100);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      int updates = 2000;
      List<Integer> seen = new CopyOnWriteArrayList<>();
      CountDownLatch go = new CountDownLatch(1);
      hub.subscribe(1, u -> seen.add(u.queuePosition()));
      pool.submit(
          () -> {
            go.await();
            for (int i = updates; i >= 1; i--) {
              hub.publish(update(1, 7, JobState.QUEUED, i, null));
            }
            return null;
          });
      for (int t = 0; t < 3; t++) {
        pool.submit(
            () -> {
              go.await();
              for (int i = 0; i < 300; i++) {
                hub.subscribe(1, u -> {}).close();
                hub.subscribeCourse(7, u -> {}).close();
              }
              return null;
            });
      }
      go.countDown();
      pool.shutdown();
      assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
      assertEquals(updates, seen.size());
      for (int i = 1; i < seen.size(); i++) {
        assertTrue(seen.get(i) < seen.get(i - 1), "in order");
      }
      assertEquals(1, hub.subscribers());
      assertEquals(1, hub.subscribedKeys());
    } finally {
      pool.shutdownNow();
    }
  }
}
