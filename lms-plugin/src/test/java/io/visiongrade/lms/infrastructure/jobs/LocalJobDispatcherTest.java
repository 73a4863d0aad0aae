package io.visiongrade.lms.infrastructure.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.visiongrade.lms.application.JobQueue;
import io.visiongrade.lms.domain.job.InMemoryJobRepository;
import io.visiongrade.lms.domain.job.Job;
import io.visiongrade.lms.domain.job.JobContext;
import io.visiongrade.lms.domain.job.JobHandler;
import io.visiongrade.lms.domain.job.JobLane;
import io.visiongrade.lms.domain.job.JobOutcome;
import io.visiongrade.lms.domain.job.JobOwner;
import io.visiongrade.lms.domain.job.JobRequest;
import io.visiongrade.lms.domain.job.JobState;
import io.visiongrade.lms.domain.job.JobView;
import io.visiongrade.lms.infrastructure.config.JobSettings;
import io.visiongrade.lms.infrastructure.config.Settings;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Instance;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The CDI dispatcher's own logic, with the container's pieces stood in for. */
class LocalJobDispatcherTest {

  final ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(4);
  final InMemoryJobRepository repo = new InMemoryJobRepository();
  final List<JobView> finished = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() {
    executor.shutdownNow();
  }

  static JobHandler handler(String kind) {
    return new JobHandler() {
      @Override
      public String kind() {
        return kind;
      }

      @Override
      public JobOutcome run(JobContext ctx) {
        return JobOutcome.of(kind + ":" + ctx.payload());
      }
    };
  }

  LocalJobDispatcher dispatcher(boolean enabled, JobHandler... handlers) {
    LocalJobDispatcher d = new LocalJobDispatcher();
    d.executor = proxy(ManagedExecutorService.class, executor);
    d.scheduler = proxy(ManagedScheduledExecutorService.class, executor);
    d.jobs = repo;
    d.hub = new JobProgressHub();
    d.settings =
        new Settings() {
          @Override
          public JobSettings jobs() {
            JobSettings s = JobSettings.defaults("node-1");
            return new JobSettings(
                enabled,
                s.nodeId(),
                s.trainingConcurrency(),
                s.fastConcurrency(),
                Duration.ofMillis(20),
                s.lease(),
                s.heartbeat(),
                s.maxInfraRetries(),
                s.backoffBase(),
                s.backoffCap(),
                s.trainingTimeout(),
                s.fastTimeout(),
                s.progressWrite(),
                Duration.ofSeconds(2));
          }
        };
    d.handlers = instance(List.of(handlers));
    d.finished = event(f -> finished.add(f.job()));
    d.committed = event(d::onCommitted); // no transaction: observed at once
    return d;
  }

  JobView await(long id, JobState state) {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < until) {
      JobView v = repo.find(id).orElseThrow().view();
      if (v.state() == state) {
        return v;
      }
      JobProcessorTest.pause();
    }
    throw new AssertionError("job " + id + " not " + state);
  }

  @Test
  void startsByRecoveringItsOwnJobsThenRunsSubmittedOnes() {
    Instant now = Instant.now();
    Job left = repo.add(Job.queue(request("left"), 3, now));
    left.claim("node-1", now.plusSeconds(600), now);
    repo.update(left).orElseThrow();

    LocalJobDispatcher d = dispatcher(true, handler("GRADE_SUBMISSION"), handler("RESCORE"));
    d.start();
    d.start(); // once only
    JobView recovered = await(left.id().orElseThrow(), JobState.SUCCEEDED);
    assertEquals(1, recovered.infraFailures());

    JobView submitted = new JobQueue(repo, d, 3, Clock.systemUTC()).submit(request("fresh"));
    assertEquals(
        "GRADE_SUBMISSION:fresh", await(submitted.id(), JobState.SUCCEEDED).result().orElseThrow());
    assertTrue(finished.stream().anyMatch(j -> j.id() == submitted.id()), "JobFinished fired");
    d.stop();
    JobView afterStop = new JobQueue(repo, d, 3, Clock.systemUTC()).submit(request("later"));
    JobProcessorTest.pause();
    assertEquals(JobState.QUEUED, repo.find(afterStop.id()).orElseThrow().state(), "stopped");
  }

  @Test
  void twoHandlersOfOneKindStopTheStart() {
    LocalJobDispatcher d = dispatcher(true, handler("RESCORE"), handler("RESCORE"));
    IllegalStateException e = assertThrows(IllegalStateException.class, d::start);
    assertTrue(e.getMessage().contains("RESCORE"));
  }

  @Test
  void aDisabledDispatcherRunsNothingAndJobsWait() {
    LocalJobDispatcher d = dispatcher(false, handler("GRADE_SUBMISSION"));
    d.start();
    JobView job = new JobQueue(repo, d, 3, Clock.systemUTC()).submit(request("x"));
    assertEquals(0, executor.getQueue().size());
    assertEquals(JobState.QUEUED, repo.find(job.id()).orElseThrow().state());
    d.stop();
  }

  static JobRequest request(String payload) {
    return JobRequest.of(
        "GRADE_SUBMISSION", JobLane.FAST, 7, JobOwner.student("s-" + payload), payload);
  }

  @SuppressWarnings("unchecked")
  static <T> Instance<T> instance(List<T> values) {
    return (Instance<T>)
        Proxy.newProxyInstance(
            LocalJobDispatcherTest.class.getClassLoader(),
            new Class<?>[] {Instance.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "iterator" -> values.iterator();
                  default -> throw new UnsupportedOperationException(method.getName());
                });
  }

  @SuppressWarnings("unchecked")
  static <T> Event<T> event(Consumer<T> observer) {
    return (Event<T>)
        Proxy.newProxyInstance(
            LocalJobDispatcherTest.class.getClassLoader(),
            new Class<?>[] {Event.class},
            (proxy, method, args) -> {
              if (method.getName().equals("fire")) {
                observer.accept((T) args[0]);
                return null;
              }
              throw new UnsupportedOperationException(method.getName());
            });
  }

  @SuppressWarnings("unchecked")
  static <T> T proxy(Class<T> type, ScheduledThreadPoolExecutor executor) {
    return (T)
        Proxy.newProxyInstance(
            LocalJobDispatcherTest.class.getClassLoader(),
            new Class<?>[] {type},
            (proxy, method, args) -> {
              try {
                return method.invoke(executor, args);
              } catch (IllegalArgumentException notAnExecutorMethod) {
                throw new UnsupportedOperationException(method.getName());
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }
}
