package io.visiongrade.lms.domain.job;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One lane's queue as the fairness rules need it, read at one moment.
 *
 * @param queued the lane's queued jobs, oldest first
 * @param runningStudents the students with a running job in this lane
 * @param lastServed when each student of {@code queued} last had a job of this lane started
 *     (absent: never)
 */
public record QueueSnapshot(
    JobLane lane,
    List<JobView> queued,
    Set<String> runningStudents,
    Map<String, Instant> lastServed) {

  public QueueSnapshot {
    Objects.requireNonNull(lane, "lane");
    queued = List.copyOf(queued);
    runningStudents = Set.copyOf(runningStudents);
    lastServed = Map.copyOf(lastServed);
  }
}
