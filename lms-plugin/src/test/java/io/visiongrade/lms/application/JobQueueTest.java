package io.visiongrade.lms.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.visiongrade.lms.domain.DomainException;
import io.visiongrade.lms.domain.job.InMemoryJobRepository;
import io.visiongrade.lms.domain.job.Job;
import io.visiongrade.lms.domain.job.JobDispatcher;
import io.visiongrade.lms.domain.job.JobLane;
import io.visiongrade.lms.domain.job.JobOwner;
import io.visiongrade.lms.domain.job.JobRequest;
import io.visiongrade.lms.domain.job.JobState;
import io.visiongrade.lms.domain.job.JobView;
import io.visiongrade.lms.lti.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobQueueTest {

  final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T10:00:00Z"));
  final InMemoryJobRepository repo = new InMemoryJobRepository();
  final List<String> told = new ArrayList<>();
  final JobQueue queue =
      new JobQueue(
          repo,
          new JobDispatcher() {
            @Override
            public void submitted(JobView job) {
              told.add("submitted " + job.id());
            }

            @Override
            public void cancelRequested(JobView job) {
              told.add("cancel " + job.id() + " " + job.state());
            }
          },
          4,
          clock);

  JobView submit(JobOwner owner) {
    clock.advance(Duration.ofSeconds(1));
    return queue.submit(JobRequest.of("GRADE_SUBMISSION", JobLane.FAST, 7, owner, "sub"));
  }

  @Test
  void submitStoresTheJobAndTellsTheDispatcher() {
    JobView job = submit(JobOwner.student("a"));
    assertEquals(JobState.QUEUED, job.state());
    assertEquals(4, job.maxInfraRetries());
    assertEquals(List.of("submitted " + job.id()), told);
    assertEquals(job, queue.get(job.id()));
    assertThrows(DomainException.NotFound.class, () -> queue.get(99));
  }

  @Test
  void positionsAsTheStudentSeesThem() {
    JobView a1 = submit(JobOwner.student("a"));
    JobView a2 = submit(JobOwner.student("a"));
    JobView b1 = submit(JobOwner.student("b"));
    JobView t1 = submit(JobOwner.teacher("t"));
    assertEquals(1, queue.position(t1.id()));
    assertEquals(2, queue.position(a1.id()));
    assertEquals(3, queue.position(b1.id()));
    assertEquals(4, queue.position(a2.id()));

    Job running = repo.find(a1.id()).orElseThrow();
    running.claim("n", clock.instant().plusSeconds(60), clock.instant());
    repo.update(running).orElseThrow();
    assertEquals(0, queue.position(a1.id()));
    assertEquals(2, queue.position(b1.id()));
    assertEquals(3, queue.position(a2.id()), "a is being served: behind b");
  }

  @Test
  void studentsCancelTheirOwnJobsAndTeachersAnyInTheirCourse() {
    JobView a = submit(JobOwner.student("a"));
    JobView b = submit(JobOwner.student("b"));
    assertThrows(
        DomainException.Forbidden.class, () -> queue.cancel(a.id(), 7, JobOwner.student("b")));
    assertThrows(
        DomainException.Forbidden.class, () -> queue.cancel(a.id(), 8, JobOwner.teacher("t")));

    JobView cancelled = queue.cancel(a.id(), 7, JobOwner.student("a"));
    assertEquals(JobState.CANCELLED, cancelled.state());
    assertTrue(told.contains("cancel " + a.id() + " CANCELLED"));
    assertThrows(
        DomainException.Conflict.class, () -> queue.cancel(a.id(), 7, JobOwner.student("a")));

    Job running = repo.find(b.id()).orElseThrow();
    running.claim("n", clock.instant().plusSeconds(60), clock.instant());
    repo.update(running).orElseThrow();
    JobView requested = queue.cancel(b.id(), 7, JobOwner.teacher("t"));
    assertEquals(JobState.RUNNING, requested.state());
    assertTrue(requested.cancelRequested());
    assertTrue(told.contains("cancel " + b.id() + " RUNNING"));
    assertEquals(requested, queue.cancel(b.id(), 7, JobOwner.student("b")), "asked already");
  }

  @Test
  void listsACoursesAndAStudentsJobs() {
    JobView a = submit(JobOwner.student("a"));
    JobView b = submit(JobOwner.student("b"));
    assertEquals(List.of(b, a), queue.listForCourse(7));
    assertEquals(List.of(a), queue.listForOwner(7, "a"));
    assertEquals(List.of(), queue.listForCourse(8));
  }
}
