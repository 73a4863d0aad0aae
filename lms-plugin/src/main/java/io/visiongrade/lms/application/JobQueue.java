package io.visiongrade.lms.application;

import io.visiongrade.lms.domain.DomainException;
import io.visiongrade.lms.domain.job.FairOrder;
import io.visiongrade.lms.domain.job.Job;
import io.visiongrade.lms.domain.job.JobDispatcher;
import io.visiongrade.lms.domain.job.JobOwner;
import io.visiongrade.lms.domain.job.JobRepository;
import io.visiongrade.lms.domain.job.JobRequest;
import io.visiongrade.lms.domain.job.JobState;
import io.visiongrade.lms.domain.job.JobView;
import io.visiongrade.lms.domain.job.OwnerRole;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The job queue as use cases and pages see it (see {@code docs/jobs.md}): submit work, cancel it,
 * follow it. Where and when jobs run is the {@link JobDispatcher}'s business.
 */
@ApplicationScoped
public class JobQueue {

  private static final Logger LOG = Logger.getLogger(JobQueue.class);

  /** The most queued jobs the position of one job is computed among. */
  static final int POSITION_HORIZON = 10_000;

  /** The most jobs one listing returns. */
  public static final int MAX_LIST = 500;

  @Inject JobRepository jobs;

  @Inject JobDispatcher dispatcher;

  @Inject
  @ConfigProperty(name = "visiongrade.jobs.max-infra-retries", defaultValue = "3")
  int maxInfraRetries;

  Clock clock = Clock.systemUTC();

  /** For CDI. */
  protected JobQueue() {}

  /** Outside a container (tests, tools). */
  public JobQueue(JobRepository jobs, JobDispatcher dispatcher, int maxInfraRetries, Clock clock) {
    this.jobs = Objects.requireNonNull(jobs, "jobs");
    this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
    this.maxInfraRetries = maxInfraRetries;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Queues a job, in the caller's transaction when there is one (a submission and its grading job
   * commit together, or neither does); it starts soon after the commit.
   *
   * @throws DomainException.Invalid when the kind or payload break a rule
   */
  @Transactional
  public JobView submit(JobRequest request) {
    JobView stored = jobs.add(Job.queue(request, maxInfraRetries, clock.instant())).view();
    dispatcher.submitted(stored);
    LOG.debugf("Queued job %d %s for %s", stored.id(), stored.kind(), stored.owner());
    return stored;
  }

  /**
   * Cancels a job: a queued one at once, a running one as soon as its handler stops (it then ends
   * {@code CANCELLED}). Its owner may cancel it, and so may a teacher acting in its course.
   *
   * @param inCourse the course the requester acts in (from their launch)
   * @return the job after the request
   * @throws DomainException.NotFound when there is no such job
   * @throws DomainException.Forbidden when the requester may not cancel it
   * @throws DomainException.Conflict when it has already finished
   */
  @Transactional
  public JobView cancel(long jobId, long inCourse, JobOwner by) {
    Objects.requireNonNull(by, "by");
    for (int tries = 0; tries < 5; tries++) {
      Job job = jobs.find(jobId).orElseThrow(() -> notFound(jobId));
      JobView v = job.view();
      boolean owner = v.owner().equals(by);
      boolean teacher = by.role() == OwnerRole.TEACHER && v.courseId() == inCourse;
      if (!owner && !teacher && by.role() != OwnerRole.SYSTEM) {
        throw new DomainException.Forbidden(
            "Job " + jobId + " is not yours to cancel (" + by + ")");
      }
      if (v.state() == JobState.RUNNING && v.cancelRequested()) {
        return v; // asked already
      }
      job.requestCancel(clock.instant());
      Optional<Job> stored = jobs.update(job);
      if (stored.isPresent()) {
        JobView after = stored.get().view();
        dispatcher.cancelRequested(after);
        LOG.infof("Job %d: cancel requested by %s (%s)", jobId, by, after.state());
        return after;
      }
      // Claimed, heart-beaten or finished meanwhile: read it again.
    }
    throw new DomainException.Conflict("Job " + jobId + " keeps changing; try again in a moment");
  }

  /** One job. */
  public Optional<JobView> find(long jobId) {
    return jobs.find(jobId).map(Job::view);
  }

  /**
   * One job.
   *
   * @throws DomainException.NotFound when there is none
   */
  public JobView get(long jobId) {
    return find(jobId).orElseThrow(() -> notFound(jobId));
  }

  /**
   * The job's place in its lane's queue under the fairness rules (1: starts next), or 0 when it is
   * not queued.
   *
   * @throws DomainException.NotFound when there is no such job
   */
  public int position(long jobId) {
    JobView job = get(jobId);
    if (job.state() != JobState.QUEUED) {
      return 0;
    }
    return FairOrder.position(jobs.queue(job.lane(), POSITION_HORIZON), jobId, clock.instant());
  }

  /** A course's jobs, newest first (at most {@link #MAX_LIST}). */
  public List<JobView> listForCourse(long courseId) {
    return jobs.listForCourse(courseId, MAX_LIST).stream().map(Job::view).toList();
  }

  /** A person's jobs in a course, newest first (at most {@link #MAX_LIST}). */
  public List<JobView> listForOwner(long courseId, String ownerId) {
    Objects.requireNonNull(ownerId, "ownerId");
    return jobs.listForOwner(courseId, ownerId, MAX_LIST).stream().map(Job::view).toList();
  }

  private static DomainException.NotFound notFound(long jobId) {
    return new DomainException.NotFound("Job", jobId);
  }
}
