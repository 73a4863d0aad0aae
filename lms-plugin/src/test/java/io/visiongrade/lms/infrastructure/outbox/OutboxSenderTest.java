package io.visiongrade.lms.infrastructure.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.visiongrade.lms.application.ScoreOutbox;
import io.visiongrade.lms.domain.grading.DeliveryFilter;
import io.visiongrade.lms.domain.grading.DeliveryState;
import io.visiongrade.lms.domain.grading.InMemoryScoreDeliveryRepository;
import io.visiongrade.lms.domain.grading.ScoreDelivery;
import io.visiongrade.lms.domain.grading.ScoreDeliveryRepository;
import io.visiongrade.lms.domain.grading.ScoreDeliveryView;
import io.visiongrade.lms.domain.grading.ScoreTarget;
import io.visiongrade.lms.infrastructure.config.OutboxSettings;
import io.visiongrade.lms.infrastructure.config.Settings;
import io.visiongrade.lms.lti.keys.InMemoryToolKeyStore;
import io.visiongrade.lms.lti.keys.ToolKeyManager;
import io.visiongrade.lms.lti.registration.InMemoryPlatformRegistrations;
import io.visiongrade.lms.lti.registration.PlatformRegistration;
import io.visiongrade.lms.lti.registration.PlatformRegistrations;
import io.visiongrade.lms.lti.services.AgsClient;
import io.visiongrade.lms.lti.services.PlatformHttp;
import io.visiongrade.lms.lti.services.PlatformTokenClient;
import io.visiongrade.lms.lti.services.Score;
import io.visiongrade.lms.lti.testing.LoopbackServer;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.inject.Instance;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The CDI sender's own logic, with the container's pieces stood in for. */
class OutboxSenderTest {

  final ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1);
  final AtomicBoolean wired = new AtomicBoolean(true);
  final AtomicInteger scheduled = new AtomicInteger();

  @AfterEach
  void stop() {
    executor.shutdownNow();
  }

  OutboxSender sender(ScoreDeliveryRepository deliveries, boolean enabled, AgsClient ags) {
    OutboxSender s = new OutboxSender();
    s.scheduler = scheduler(executor, scheduled);
    s.deliveries = deliveries;
    s.settings =
        new Settings() {
          @Override
          public OutboxSettings outbox() {
            return new OutboxSettings(
                enabled,
                Duration.ofMillis(10),
                50,
                Duration.ofSeconds(2),
                Duration.ofHours(1),
                Duration.ofMinutes(2));
          }
        };
    s.ags = instance(ags);
    s.registrations = instance((PlatformRegistrations) registrations);
    return s;
  }

  InMemoryPlatformRegistrations registrations = new InMemoryPlatformRegistrations();

  @Test
  void waitsForTheLtiWiringThenSendsThroughIt() {
    URI closed;
    try (LoopbackServer gone = LoopbackServer.start()) {
      closed = gone.url("/platform");
    }
    registrations.save(
        new PlatformRegistration(
            closed.toString(),
            "client-1",
            Set.of("d"),
            URI.create(closed + "/auth"),
            URI.create(closed + "/token"),
            URI.create(closed + "/jwks"),
            "down"));
    AgsClient ags = ags(Clock.systemUTC());
    InMemoryScoreDeliveryRepository repo = new InMemoryScoreDeliveryRepository();
    ScoreDeliveryView d =
        new ScoreOutbox(repo, Clock.systemUTC())
            .enqueue(
                new ScoreTarget(
                    closed.toString(), "client-1", "c1", URI.create(closed + "/li/1/lineitem")),
                Score.graded("student-1", 1, 2, null, Instant.now()),
                "grade-1");
    OutboxSender sender = sender(repo, true, ags);

    wired.set(false);
    assertEquals(Optional.empty(), sender.deliverDueNow(), "idle without AgsClient");
    assertEquals(0, repo.find(d.id()).orElseThrow().attempts());

    wired.set(true);
    OutboxProcessor.Report report = sender.deliverDueNow().orElseThrow();
    assertEquals(1, report.retrying());
    ScoreDelivery after = repo.find(d.id()).orElseThrow();
    assertEquals(DeliveryState.PENDING, after.state());
    assertTrue(after.lastError().orElseThrow().contains("could not be reached"));
  }

  @Test
  void passesGoOnAfterAFailingOne() throws Exception {
    CountDownLatch passes = new CountDownLatch(4);
    AtomicInteger failures = new AtomicInteger();
    ScoreDeliveryRepository flaky =
        new InMemoryScoreDeliveryRepository() {
          @Override
          public List<ScoreDelivery> findDue(Instant now, int limit) {
            passes.countDown();
            if (failures.incrementAndGet() <= 2) {
              throw new IllegalStateException("database restarting");
            }
            return super.findDue(now, limit);
          }
        };
    OutboxSender sender = sender(flaky, true, ags(Clock.systemUTC()));
    sender.start();
    sender.start(); // once only
    assertTrue(passes.await(10, TimeUnit.SECONDS), "periodic passes continue after failures");
    assertEquals(1, scheduled.get(), "started once");
    sender.stop();
    assertEquals(List.of(), flaky.list(DeliveryFilter.all()));
  }

  @Test
  void aDisabledSenderSchedulesNothing() {
    sender(new InMemoryScoreDeliveryRepository(), false, null).start();
    assertEquals(0, scheduled.get());
  }

  static AgsClient ags(Clock clock) {
    PlatformHttp http = new PlatformHttp(LoopbackServer.client(), Duration.ofSeconds(1), clock);
    return new AgsClient(
        http,
        new PlatformTokenClient(
            http, new ToolKeyManager(new InMemoryToolKeyStore(), clock, Duration.ofDays(1))));
  }

  @SuppressWarnings("unchecked")
  <T> Instance<T> instance(T value) {
    return (Instance<T>)
        Proxy.newProxyInstance(
            getClass().getClassLoader(),
            new Class<?>[] {Instance.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "isResolvable" -> wired.get() && value != null;
                  case "get" -> value;
                  default -> throw new UnsupportedOperationException(method.getName());
                });
  }

  static ManagedScheduledExecutorService scheduler(
      ScheduledThreadPoolExecutor executor, AtomicInteger scheduled) {
    return (ManagedScheduledExecutorService)
        Proxy.newProxyInstance(
            OutboxSenderTest.class.getClassLoader(),
            new Class<?>[] {ManagedScheduledExecutorService.class},
            (proxy, method, args) -> {
              if (method.getName().startsWith("schedule")) {
                scheduled.incrementAndGet();
              }
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
