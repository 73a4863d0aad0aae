package io.visiongrade.lms.domain.job;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;

/**
 * The fairness rules of one lane, as one order in which its queued jobs would start:
 *
 * <ol>
 *   <li>teachers' jobs first, oldest first;
 *   <li>then students' jobs, one student at a time in turn: the student served least recently
 *       (never served first; ties by their oldest queued job) gets their oldest job, then goes to
 *       the back of the round; a student with a running job in the lane counts as served just now;
 *   <li>then the system's background jobs, oldest first.
 * </ol>
 *
 * The next job to start is the first in that order that is due (its back-off ended) and whose owner
 * is not a student with a job already running in the lane. A queue position is the place in that
 * order.
 */
public final class FairOrder {

  private FairOrder() {}

  /** Every queued job of the snapshot, in the order they would start. */
  public static List<JobView> order(QueueSnapshot snapshot, Instant now) {
    Comparator<JobView> fifo =
        Comparator.comparing(JobView::createdAt).thenComparingLong(JobView::id);
    List<JobView> teachers = new ArrayList<>();
    List<JobView> system = new ArrayList<>();
    Map<String, Deque<JobView>> students = new LinkedHashMap<>();
    snapshot.queued().stream()
        .sorted(fifo)
        .forEach(
            j -> {
              switch (j.owner().role()) {
                case TEACHER -> teachers.add(j);
                case SYSTEM -> system.add(j);
                case STUDENT ->
                    students.computeIfAbsent(j.owner().userId(), s -> new ArrayDeque<>()).add(j);
              }
            });
    List<JobView> order = new ArrayList<>(snapshot.queued().size());
    order.addAll(teachers);
    // Each student's turn: (served rank, served at, oldest job) — smallest first.
    record Turn(long round, Instant servedAt, JobView head, String student) {}
    PriorityQueue<Turn> turns =
        new PriorityQueue<>(
            Comparator.comparingLong(Turn::round)
                .thenComparing(Turn::servedAt)
                .thenComparing(Turn::head, fifo));
    for (Map.Entry<String, Deque<JobView>> e : students.entrySet()) {
      String student = e.getKey();
      Instant served =
          snapshot.runningStudents().contains(student)
              ? max(now, snapshot.lastServed().getOrDefault(student, Instant.MIN))
              : snapshot.lastServed().getOrDefault(student, Instant.MIN);
      turns.add(new Turn(0, served, e.getValue().peekFirst(), student));
    }
    long round = 0;
    while (!turns.isEmpty()) {
      Turn t = turns.poll();
      Deque<JobView> jobs = students.get(t.student());
      order.add(jobs.pollFirst());
      if (!jobs.isEmpty()) {
        // Served now, after everyone served so far: the back of the round.
        turns.add(new Turn(++round, Instant.MAX, jobs.peekFirst(), t.student()));
      }
    }
    order.addAll(system);
    return order;
  }

  /** The job to start now, if any. */
  public static Optional<JobView> next(QueueSnapshot snapshot, Instant now) {
    return order(snapshot, now).stream()
        .filter(j -> !j.notBefore().isAfter(now))
        .filter(
            j ->
                !(j.owner().isStudent() && snapshot.runningStudents().contains(j.owner().userId())))
        .findFirst();
  }

  /** The job's place in the queue, from 1; 0 when it is not in the snapshot's queue. */
  public static int position(QueueSnapshot snapshot, long jobId, Instant now) {
    List<JobView> order = order(snapshot, now);
    for (int i = 0; i < order.size(); i++) {
      if (order.get(i).id() == jobId) {
        return i + 1;
      }
    }
    return 0;
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}
