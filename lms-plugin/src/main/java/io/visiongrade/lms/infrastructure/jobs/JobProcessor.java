package io.visiongrade.lms.infrastructure.jobs;

import io.visiongrade.lms.domain.job.FairOrder;
import io.visiongrade.lms.domain.job.Job;
import io.visiongrade.lms.domain.job.JobContext;
import io.visiongrade.lms.domain.job.JobHandler;
import io.visiongrade.lms.domain.job.JobLane;
import io.visiongrade.lms.domain.job.JobOutcome;
import io.visiongrade.lms.domain.job.JobOwner;
import io.visiongrade.lms.domain.job.JobProgress;
import io.visiongrade.lms.domain.job.JobRepository;
import io.visiongrade.lms.domain.job.JobState;
import io.visiongrade.lms.domain.job.JobUpdate;
import io.visiongrade.lms.domain.job.JobUserError;
import io.visiongrade.lms.domain.job.JobView;
import io.visiongrade.lms.domain.job.ProgressSink;
import io.visiongrade.lms.domain.job.QueueSnapshot;
import io.visiongrade.lms.infrastructure.config.JobSettings;
import io.visiongrade.lms.infrastructure.outbox.Backoff;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Runs queued jobs on this node, without a container: claims the next job of each lane by the
 * fairness rules ({@link FairOrder}) while the lane has a free slot, runs its handler on the
 * executor, keeps its lease alive, and records the outcome. Two processors, in one server or in
 * two, never run the same job: a claim is a conditional write on the job's version, and only one
 * succeeds.
 *
 * <p>{@link #tick()} is the periodic pass (recover jobs of dead nodes, heartbeats and time limits,
 * dispatch); {@link #wake()} starts a dispatch at once (a job was submitted, or one finished).
 */
public final class JobProcessor {

  private static final Logger LOG = Logger.getLogger(JobProcessor.class);

  /** The most queued jobs of a lane the fairness rules look at in one pass. */
  static final int QUEUE_HORIZON = 1000;

  /** The most claims a lane tries in one pass (lost races included). */
  private static final int MAX_CLAIMS_PER_PASS = 20;

  /** Why a running job was told to stop. */
  enum Stop {
    CANCELLED,
    TIMEOUT,
    SHUTDOWN,
    /** Another node took it over (our lease had ended): its outcome is not ours to record. */
    LOST
  }

  private final JobRepository jobs;
  private final Function<String, Optional<JobHandler>> handlers;
  private final Executor executor;
  private final JobProgressHub hub;
  private final JobSettings settings;
  private final Backoff backoff;
  private final Clock clock;
  private final Consumer<JobView> onFinished;
  private final Map<Long, Run> running = new ConcurrentHashMap<>();
  private final Map<JobLane, Integer> busy = new EnumMap<>(JobLane.class);
  private final AtomicBoolean passPending = new AtomicBoolean();
  private volatile boolean accepting = true;

  /**
   * @param handlers the handler of each kind
   * @param executor where handlers run; needs at least as many threads as both lanes' concurrency
   *     together, plus one for dispatch passes
   * @param onFinished told of every job that reached a final state here (after it was stored)
   */
  public JobProcessor(
      JobRepository jobs,
      Function<String, Optional<JobHandler>> handlers,
      Executor executor,
      JobProgressHub hub,
      JobSettings settings,
      Backoff backoff,
      Clock clock,
      Consumer<JobView> onFinished) {
    this.jobs = Objects.requireNonNull(jobs, "jobs");
    this.handlers = Objects.requireNonNull(handlers, "handlers");
    this.executor = Objects.requireNonNull(executor, "executor");
    this.hub = Objects.requireNonNull(hub, "hub");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.backoff = Objects.requireNonNull(backoff, "backoff");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.onFinished = Objects.requireNonNull(onFinished, "onFinished");
    for (JobLane lane : JobLane.values()) {
      busy.put(lane, 0);
    }
  }

  /** This processor's node, as it appears in leases. */
  public String node() {
    return settings.nodeId();
  }

  /**
   * At start-up, before the first dispatch: every job left running by this node (it died, or was
   * killed) and every job whose lease has ended goes back to the queue (counted as a failure of
   * ours, never charged), or fails once its retries are used up.
   *
   * @return how many jobs were recovered
   */
  public int recoverOnStartup() {
    return recover(Optional.of(node()));
  }

  /** The periodic pass: recover jobs of dead nodes, heartbeats and time limits, dispatch. */
  public void tick() {
    try {
      recover(Optional.empty());
    } catch (RuntimeException e) {
      LOG.errorf(e, "Recovering abandoned jobs failed; the next pass tries again");
    }
    try {
      heartbeats();
    } catch (RuntimeException e) {
      LOG.errorf(e, "Job heartbeats failed; the next pass tries again");
    }
    pass();
  }

  /** Starts a dispatch pass on the executor soon (coalesced: one pending at a time). */
  public void wake() {
    if (!accepting || !passPending.compareAndSet(false, true)) {
      return;
    }
    try {
      executor.execute(
          () -> {
            passPending.set(false);
            pass();
          });
    } catch (RejectedExecutionException e) {
      passPending.set(false);
      LOG.debug("No thread for a dispatch pass now; the next tick dispatches", e);
    }
  }

  /**
   * A cancel was requested (and committed): a queued job's page hears of it, a job running here is
   * told to stop at once (one running elsewhere sees the request at its next heartbeat).
   */
  public void cancelRequested(JobView job) {
    Run r = running.get(job.id());
    if (r != null) {
      r.stop(Stop.CANCELLED);
    } else if (job.state().isFinal()) {
      hub.publish(JobUpdate.of(job, 0, job.progress(), clock.instant()));
    }
  }

  /**
   * Starts as many jobs as the lanes' free slots allow.
   *
   * @return how many were started
   */
  public synchronized int dispatch() {
    int started = 0;
    for (JobLane lane : JobLane.values()) {
      for (int claims = 0;
          accepting && busy.get(lane) < concurrency(lane) && claims < MAX_CLAIMS_PER_PASS;
          claims++) {
        Instant now = clock.instant();
        QueueSnapshot queue = jobs.queue(lane, QUEUE_HORIZON);
        Optional<JobView> next = FairOrder.next(queue, now);
        if (next.isEmpty()) {
          break;
        }
        Job job = Job.restore(next.get());
        job.claim(node(), now.plus(settings.lease()), now);
        Optional<Job> claimed = jobs.update(job);
        if (claimed.isPresent()) {
          start(claimed.get().view());
          started++;
        }
        // else: another node claimed it, or it was cancelled meanwhile; look again
      }
    }
    return started;
  }

  /**
   * Stops: no more claims; running jobs are told to stop and go back to the queue (not failed, not
   * charged); waits up to {@code grace} for them.
   *
   * @return how many were still running when the grace ended (their leases end, and the next
   *     start-up queues them again)
   */
  public int shutdown(Duration grace) {
    accepting = false;
    running.values().forEach(r -> r.stop(Stop.SHUTDOWN));
    long until = System.nanoTime() + grace.toNanos();
    synchronized (this) {
      while (!running.isEmpty()) {
        long left = until - System.nanoTime();
        if (left <= 0) {
          break;
        }
        try {
          wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    if (!running.isEmpty()) {
      LOG.warnf(
          "%d jobs did not stop within %d ms; they run again after the next start-up",
          running.size(), grace.toMillis());
    }
    return running.size();
  }

  // --- Inside ------------------------------------------------------------------------------------

  private void pass() {
    try {
      dispatch();
      if (accepting) {
        publishPositions();
      }
    } catch (RuntimeException e) {
      LOG.errorf(e, "Job dispatch failed; the next pass tries again");
    }
  }

  private int concurrency(JobLane lane) {
    return lane == JobLane.TRAINING ? settings.trainingConcurrency() : settings.fastConcurrency();
  }

  private Duration timeLimit(JobLane lane) {
    return lane == JobLane.TRAINING ? settings.trainingTimeout() : settings.fastTimeout();
  }

  private int recover(Optional<String> ownNode) {
    Instant now = clock.instant();
    int recovered = 0;
    for (Job job : jobs.findAbandoned(now, ownNode)) {
      long id = job.id().orElseThrow();
      if (running.containsKey(id)) {
        continue; // ours and alive: the next heartbeat extends its lease
      }
      String owner = job.view().leaseOwner().orElse("a stopped server");
      boolean again = job.abandoned(now);
      Optional<Job> stored = jobs.update(job);
      if (stored.isPresent()) {
        recovered++;
        JobView v = stored.get().view();
        LOG.warnf(
            "Job %d was left running by %s; %s",
            id, owner, again ? "queued again" : v.state() + " (" + v.message().orElse("") + ")");
        published(v);
      }
    }
    return recovered;
  }

  private void heartbeats() {
    for (Run r : running.values()) {
      Instant now = clock.instant();
      if (now.isAfter(r.deadline)) {
        r.stop(Stop.TIMEOUT);
      }
      if (Duration.between(r.lastHeartbeat, now).compareTo(settings.heartbeat()) < 0) {
        continue;
      }
      Optional<Job> current = jobs.find(r.job.id());
      if (current.isEmpty() || !current.get().isRunningOn(node(), r.job.attempts())) {
        LOG.warnf("Job %d is no longer ours (its lease ended and it was taken over)", r.job.id());
        r.stop(Stop.LOST);
        continue;
      }
      Job job = current.get();
      if (job.cancelRequested()) {
        r.stop(Stop.CANCELLED);
      }
      job.heartbeat(node(), now.plus(settings.lease()), now);
      if (jobs.update(job).isPresent()) {
        r.lastHeartbeat = now;
      }
    }
  }

  private void start(JobView job) {
    Instant now = clock.instant();
    Run run = new Run(job, now, timeLimit(job.lane()));
    running.put(job.id(), run);
    busy.merge(job.lane(), 1, Integer::sum);
    hub.publish(JobUpdate.of(job, 0, Optional.empty(), now));
    try {
      executor.execute(() -> execute(run));
    } catch (RejectedExecutionException e) {
      LOG.warnf("No thread to run job %d now; it goes back to the queue", job.id());
      run.stop(Stop.SHUTDOWN);
      record(run, null, null, e);
      finished(run);
    }
  }

  private void execute(Run run) {
    JobOutcome outcome = null;
    JobUserError userError = null;
    Throwable failure = null;
    try {
      Optional<JobHandler> handler = handlers.apply(run.job.kind());
      if (handler.isEmpty()) {
        failure = new IllegalStateException("No handler for jobs of kind " + run.job.kind());
      } else {
        outcome = handler.get().run(run);
        if (outcome == null) {
          failure = new IllegalStateException("The handler returned no outcome");
        }
      }
    } catch (JobUserError e) {
      userError = e;
    } catch (Throwable t) {
      failure = t;
      if (t instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
    }
    try {
      record(run, outcome, userError, failure);
    } catch (RuntimeException e) {
      LOG.errorf(
          e,
          "The outcome of job %d could not be stored; it runs again when its lease ends",
          run.id());
    } finally {
      finished(run);
    }
    if (failure instanceof VirtualMachineError fatal) {
      throw fatal;
    }
    wake();
  }

  private void finished(Run run) {
    synchronized (this) {
      running.remove(run.id());
      busy.merge(run.job.lane(), -1, Integer::sum);
      notifyAll();
    }
  }

  private void record(Run run, JobOutcome outcome, JobUserError userError, Throwable failure) {
    for (int tries = 0; tries < 5; tries++) {
      Instant now = clock.instant();
      Optional<Job> current = jobs.find(run.id());
      if (current.isEmpty() || !current.get().isRunningOn(node(), run.job.attempts())) {
        LOG.warnf("Job %d was taken over by another node; this run's outcome is dropped", run.id());
        return;
      }
      Job job = current.get();
      Stop stop = run.stop;
      if (outcome != null && stop != Stop.LOST) {
        job.succeed(outcome.result(), now);
      } else if (stop == Stop.CANCELLED || job.cancelRequested()) {
        job.cancelled(now);
      } else if (stop == Stop.TIMEOUT) {
        job.timeOut(run.limit, now);
      } else if (stop == Stop.SHUTDOWN || stop == Stop.LOST) {
        job.returnToQueue(now);
      } else if (userError != null) {
        job.failByUser(userError.getMessage(), now);
      } else {
        Instant retryAt =
            backoff.nextAttempt(now, job.view().infraFailures() + 1, Optional.empty());
        job.failByInfrastructure(describe(failure), now, retryAt);
        LOG.warnf(failure, "Job %d failed on our side (run %d)", run.id(), run.job.attempts());
      }
      Optional<Job> stored = jobs.update(job);
      if (stored.isPresent()) {
        JobView v = stored.get().view();
        LOG.debugf("Job %d: %s", v.id(), v.state());
        published(v);
        return;
      }
      // A heartbeat or a cancel request changed it meanwhile: read it again.
    }
    throw new IllegalStateException(
        "Job " + run.id() + " kept changing while its outcome was stored");
  }

  private void published(JobView v) {
    hub.publish(JobUpdate.of(v, 0, v.progress(), clock.instant()));
    if (v.state().isFinal()) {
      try {
        onFinished.accept(v);
      } catch (RuntimeException e) {
        LOG.errorf(e, "A listener of finished jobs failed on job %d", v.id());
      }
    }
  }

  private void publishPositions() {
    for (JobLane lane : JobLane.values()) {
      Instant now = clock.instant();
      List<JobView> order = FairOrder.order(jobs.queue(lane, QUEUE_HORIZON), now);
      for (int i = 0; i < order.size(); i++) {
        JobView job = order.get(i);
        int position = i + 1;
        Optional<JobUpdate> last = hub.latest(job.id());
        if (last.isEmpty()
            || last.get().state() != JobState.QUEUED
            || last.get().queuePosition() != position) {
          hub.publish(JobUpdate.of(job, position, Optional.empty(), now));
        }
      }
    }
  }

  private static String describe(Throwable t) {
    if (t == null) {
      return "unknown error";
    }
    String m = t.getMessage();
    return t.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m);
  }

  /** One job running here, and the context its handler sees. */
  private final class Run implements JobContext {
    final JobView job;
    final Duration limit;
    final Instant deadline;
    volatile Instant lastHeartbeat;
    volatile Stop stop;
    private volatile Instant lastProgressWrite;

    Run(JobView job, Instant now, Duration limit) {
      this.job = job;
      this.limit = limit;
      this.deadline = now.plus(limit);
      this.lastHeartbeat = now;
    }

    long id() {
      return job.id();
    }

    void stop(Stop why) {
      if (stop == null || why == Stop.LOST || why == Stop.CANCELLED && stop == Stop.SHUTDOWN) {
        stop = why;
      }
    }

    @Override
    public long jobId() {
      return job.id();
    }

    @Override
    public String kind() {
      return job.kind();
    }

    @Override
    public long courseId() {
      return job.courseId();
    }

    @Override
    public JobOwner owner() {
      return job.owner();
    }

    @Override
    public String payload() {
      return job.payload();
    }

    @Override
    public int attempt() {
      return job.attempts();
    }

    @Override
    public ProgressSink progress() {
      return this::report;
    }

    @Override
    public boolean isCancelled() {
      return stop != null;
    }

    @Override
    public Instant deadline() {
      return deadline;
    }

    private void report(JobProgress p) {
      try {
        Instant now = clock.instant();
        hub.publish(JobUpdate.of(job, 0, Optional.of(p), now));
        Instant last = lastProgressWrite;
        if (last == null || Duration.between(last, now).compareTo(settings.progressWrite()) >= 0) {
          lastProgressWrite = now;
          jobs.saveProgress(job.id(), node(), p, now);
        }
      } catch (RuntimeException e) {
        LOG.debugf(e, "Progress of job %d not passed on", job.id());
      }
    }
  }
}
