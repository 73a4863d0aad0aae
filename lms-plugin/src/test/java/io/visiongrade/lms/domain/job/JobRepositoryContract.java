package io.visiongrade.lms.domain.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link JobRepository} does; subclasses supply the store. */
public abstract class JobRepositoryContract {

  static final Instant T0 = Instant.parse("2026-11-28T10:00:00.123456Z");

  protected JobRepository repo;

  protected abstract JobRepository newRepository();

  @BeforeEach
  void createRepository() {
    repo = newRepository();
  }

  Job add(JobLane lane, JobOwner owner, String payload) {
    return repo.add(Job.queue(JobRequest.of("GRADE_SUBMISSION", lane, 7, owner, payload), 3, T0));
  }

  Job claim(Job job, String node, Instant now) {
    job.claim(node, now.plus(Duration.ofMinutes(1)), now);
    return repo.update(job).orElseThrow();
  }

  @Test
  void storesEveryFieldAsGiven() {
    String payload = "é".repeat(Job.MAX_PAYLOAD);
    JobView v =
        repo.add(
                Job.queue(
                    new JobRequest(
                        "TRAIN_COURSE_MODEL",
                        JobLane.TRAINING,
                        42,
                        JobOwner.teacher("teacher-1"),
                        payload,
                        true),
                    5,
                    T0))
            .view();
    assertTrue(v.id() > 0);
    assertEquals("TRAIN_COURSE_MODEL", v.kind());
    assertEquals(JobLane.TRAINING, v.lane());
    assertEquals(42, v.courseId());
    assertEquals(JobOwner.teacher("teacher-1"), v.owner());
    assertEquals(payload, v.payload());
    assertTrue(v.chargeUserErrors());
    assertEquals(JobState.QUEUED, v.state());
    assertEquals(5, v.maxInfraRetries());
    assertEquals(T0, v.createdAt());
    assertEquals(T0, v.notBefore());
    assertEquals(Optional.empty(), v.startedAt());
    assertEquals(Optional.empty(), v.progress());
    assertEquals(0, v.version());
    assertEquals(Optional.of(v), repo.find(v.id()).map(Job::view));

    JobView system = add(JobLane.FAST, JobOwner.system(), "").view();
    assertEquals(JobOwner.system(), system.owner());
  }

  @Test
  void storesEveryChangeAndRefusesAStaleVersion() {
    Job job = add(JobLane.FAST, JobOwner.student("s1"), "submission-1");
    Job stale = repo.find(job.id().orElseThrow()).orElseThrow();
    Job running = claim(job, "node-a", T0.plusSeconds(1));
    JobView r = running.view();
    assertEquals(JobState.RUNNING, r.state());
    assertEquals(1, r.attempts());
    assertEquals(Optional.of("node-a"), r.leaseOwner());
    assertEquals(Optional.of(T0.plusSeconds(61)), r.leaseUntil());
    assertEquals(Optional.of(T0.plusSeconds(1)), r.startedAt());
    assertEquals(1, r.version());

    stale.claim("node-b", T0.plusSeconds(60), T0.plusSeconds(1));
    assertEquals(Optional.empty(), repo.update(stale), "a second claim of one version loses");

    running.requestCancel(T0.plusSeconds(2));
    running = repo.update(running).orElseThrow();
    assertTrue(running.cancelRequested());
    running.cancelled(T0.plusSeconds(3));
    JobView done = repo.update(running).orElseThrow().view();
    assertEquals(JobState.CANCELLED, done.state());
    assertEquals(Optional.of(FailureKind.CANCELLED), done.failureKind());
    assertEquals(Optional.of(T0.plusSeconds(3)), done.finishedAt());
    assertEquals(Optional.empty(), done.leaseOwner());
    assertEquals(3, done.version());

    Job ok = claim(add(JobLane.FAST, JobOwner.student("s1"), "2"), "a", T0);
    ok.succeed("grade-9", T0.plusSeconds(5));
    assertEquals(Optional.of("grade-9"), repo.update(ok).orElseThrow().view().result());

    Job retried = claim(add(JobLane.FAST, JobOwner.student("s1"), "3"), "a", T0);
    assertTrue(retried.failByInfrastructure("engine down", T0, T0.plusSeconds(30)));
    JobView again = repo.update(retried).orElseThrow().view();
    assertEquals(JobState.QUEUED, again.state());
    assertEquals(1, again.infraFailures());
    assertEquals(T0.plusSeconds(30), again.notBefore());
    assertTrue(again.message().orElseThrow().contains("engine down"));
  }

  @Test
  void queueListsALanesQueuedJobsRunningStudentsAndWhenEachWasServed() {
    Job a1 = add(JobLane.FAST, JobOwner.student("a"), "a1");
    Job b1 = add(JobLane.FAST, JobOwner.student("b"), "b1");
    add(JobLane.TRAINING, JobOwner.student("c"), "c1");
    Job a2 = add(JobLane.FAST, JobOwner.student("a"), "a2");
    Job t1 = add(JobLane.FAST, JobOwner.teacher("t"), "t1");
    claim(b1, "n", T0.plusSeconds(5));
    Job a1Running = claim(a1, "n", T0.plusSeconds(7));
    a1Running.succeed("ok", T0.plusSeconds(8));
    repo.update(a1Running).orElseThrow();
    Job b2 = add(JobLane.FAST, JobOwner.student("b"), "b2");

    QueueSnapshot q = repo.queue(JobLane.FAST, 100);
    assertEquals(
        List.of(a2.id().orElseThrow(), t1.id().orElseThrow(), b2.id().orElseThrow()),
        q.queued().stream().map(JobView::id).toList());
    assertEquals(Set.of("b"), q.runningStudents());
    assertEquals(Map.of("a", T0.plusSeconds(7), "b", T0.plusSeconds(5)), q.lastServed());
    assertEquals(1, repo.queue(JobLane.FAST, 1).queued().size());
    assertEquals(1, repo.queue(JobLane.TRAINING, 100).queued().size());
  }

  @Test
  void abandonedJobsAreThoseWithAnEndedLeaseOrLeasedToTheStartingNode() {
    Job mine = claim(add(JobLane.FAST, JobOwner.student("a"), "1"), "me", T0);
    Job other = claim(add(JobLane.FAST, JobOwner.student("b"), "2"), "other", T0);
    add(JobLane.FAST, JobOwner.student("c"), "3");
    long mineId = mine.id().orElseThrow();
    long otherId = other.id().orElseThrow();

    assertEquals(List.of(), ids(repo.findAbandoned(T0.plusSeconds(30), Optional.empty())));
    assertEquals(List.of(mineId), ids(repo.findAbandoned(T0.plusSeconds(30), Optional.of("me"))));
    assertEquals(
        List.of(mineId, otherId), ids(repo.findAbandoned(T0.plusSeconds(61), Optional.empty())));
  }

  @Test
  void progressIsWrittenWhileLeasedWithoutChangingTheVersion() {
    Job job = claim(add(JobLane.TRAINING, JobOwner.student("a"), "1"), "me", T0);
    long id = job.id().orElseThrow();
    JobProgress p =
        JobProgress.phase("training")
            .withEpoch(2, 5)
            .withBatch(10, 100)
            .withLoss(0.25)
            .withAccuracy(0.875)
            .withImagesPerSecond(2900.5)
            .withEtaSeconds(42);
    repo.saveProgress(id, "me", p, T0.plusSeconds(3));
    repo.saveProgress(id, "someone-else", JobProgress.phase("wrong"), T0.plusSeconds(4));
    JobView v = repo.find(id).orElseThrow().view();
    assertEquals(Optional.of(p), v.progress());
    assertEquals(Optional.of(T0.plusSeconds(3)), v.progressAt());
    assertEquals(job.version(), v.version());

    Job changed = repo.find(id).orElseThrow();
    changed.heartbeat("me", T0.plusSeconds(100), T0.plusSeconds(5));
    JobView after = repo.update(changed).orElseThrow().view();
    assertEquals(Optional.of(p), after.progress(), "an update keeps the progress");

    repo.saveProgress(id, "me", JobProgress.phase("loading"), T0.plusSeconds(6));
    assertEquals(
        JobProgress.phase("loading"), repo.find(id).orElseThrow().view().progress().orElseThrow());
  }

  @Test
  void listsACoursesAndAPersonsJobsNewestFirst() {
    Job a1 = add(JobLane.FAST, JobOwner.student("a"), "1");
    Job b1 = add(JobLane.FAST, JobOwner.student("b"), "2");
    Job a2 = add(JobLane.TRAINING, JobOwner.student("a"), "3");
    repo.add(
        Job.queue(JobRequest.of("RESCORE", JobLane.FAST, 8, JobOwner.student("a"), "x"), 3, T0));
    assertEquals(
        List.of(a2.id().orElseThrow(), b1.id().orElseThrow(), a1.id().orElseThrow()),
        ids(repo.listForCourse(7, 10)));
    assertEquals(
        List.of(a2.id().orElseThrow(), a1.id().orElseThrow()), ids(repo.listForOwner(7, "a", 10)));
    assertEquals(List.of(a2.id().orElseThrow()), ids(repo.listForOwner(7, "a", 1)));
    assertFalse(repo.listForCourse(8, 10).isEmpty());
  }

  static List<Long> ids(List<Job> jobs) {
    return jobs.stream().map(j -> j.id().orElseThrow()).toList();
  }
}
