package io.visiongrade.lms.domain.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FairOrderTest {

  static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");

  final List<JobView> queued = new ArrayList<>();
  final Set<String> running = new java.util.HashSet<>();
  final Map<String, Instant> served = new HashMap<>();
  long nextId = 1;

  JobView queue(JobOwner owner) {
    long id = nextId++;
    Job job =
        Job.queue(
            JobRequest.of("GRADE_SUBMISSION", JobLane.FAST, 1, owner, "p" + id),
            3,
            T0.plusSeconds(id));
    JobView v = job.view();
    JobView stored =
        new JobView(
            id,
            v.kind(),
            v.lane(),
            v.courseId(),
            v.owner(),
            v.payload(),
            v.chargeUserErrors(),
            v.state(),
            v.failureKind(),
            v.message(),
            v.result(),
            v.attempts(),
            v.infraFailures(),
            v.maxInfraRetries(),
            v.cancelRequested(),
            v.createdAt(),
            v.notBefore(),
            v.startedAt(),
            v.finishedAt(),
            v.leaseOwner(),
            v.leaseUntil(),
            v.heartbeatAt(),
            v.progress(),
            v.progressAt(),
            0);
    queued.add(stored);
    return stored;
  }

  QueueSnapshot snapshot() {
    return new QueueSnapshot(JobLane.FAST, queued, running, served);
  }

  List<String> order() {
    return FairOrder.order(snapshot(), T0.plusSeconds(1000)).stream()
        .map(JobView::payload)
        .toList();
  }

  @Test
  void teachersFirstThenStudentsInTurnThenTheSystem() {
    queue(JobOwner.system()); // p1
    queue(JobOwner.student("a")); // p2
    queue(JobOwner.student("a")); // p3
    queue(JobOwner.student("a")); // p4
    queue(JobOwner.student("b")); // p5
    queue(JobOwner.teacher("t")); // p6
    queue(JobOwner.student("c")); // p7
    queue(JobOwner.student("b")); // p8
    queue(JobOwner.teacher("u")); // p9
    assertEquals(List.of("p6", "p9", "p2", "p5", "p7", "p3", "p8", "p4", "p1"), order());
  }

  @Test
  void theStudentServedLeastRecentlyGoesFirst() {
    queue(JobOwner.student("a")); // p1
    queue(JobOwner.student("b")); // p2
    queue(JobOwner.student("c")); // p3
    served.put("a", T0.plusSeconds(50));
    served.put("b", T0.plusSeconds(40));
    // c was never served: first; then b (longer ago), then a.
    assertEquals(List.of("p3", "p2", "p1"), order());
  }

  @Test
  void aStudentWithARunningJobWaitsForTheOthersAndIsNotStarted() {
    queue(JobOwner.student("a")); // p1
    queue(JobOwner.student("b")); // p2
    running.add("a");
    served.put("a", T0); // long ago, but running now
    assertEquals(List.of("p2", "p1"), order());
    assertEquals(Optional.of("p2"), next());
    queued.remove(1);
    assertEquals(Optional.empty(), next(), "one running job per student");
    assertEquals(1, FairOrder.position(snapshot(), 1, T0.plusSeconds(1000)));
  }

  @Test
  void aJobInBackOffIsSkippedButKeepsItsPlace() {
    JobView a = queue(JobOwner.student("a"));
    queue(JobOwner.student("b"));
    Job waiting = Job.restore(a);
    waiting.claim("n", T0.plusSeconds(100), T0.plusSeconds(1));
    waiting.failByInfrastructure("down", T0.plusSeconds(2), T0.plusSeconds(5000));
    queued.set(0, waiting.view());
    assertEquals(List.of("p1", "p2"), order());
    assertEquals(Optional.of("p2"), next());
  }

  @Test
  void positionsFollowTheOrder() {
    JobView a1 = queue(JobOwner.student("a"));
    JobView a2 = queue(JobOwner.student("a"));
    JobView b1 = queue(JobOwner.student("b"));
    JobView t = queue(JobOwner.teacher("t"));
    Instant now = T0.plusSeconds(1000);
    assertEquals(1, FairOrder.position(snapshot(), t.id(), now));
    assertEquals(2, FairOrder.position(snapshot(), a1.id(), now));
    assertEquals(3, FairOrder.position(snapshot(), b1.id(), now));
    assertEquals(4, FairOrder.position(snapshot(), a2.id(), now));
    assertEquals(0, FairOrder.position(snapshot(), 99, now));
  }

  Optional<String> next() {
    return FairOrder.next(snapshot(), T0.plusSeconds(1000)).map(JobView::payload);
  }
}
