package io.visiongrade.lms.infrastructure.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.visiongrade.lms.application.ScoreOutbox;
import io.visiongrade.lms.domain.grading.DeliveryState;
import io.visiongrade.lms.domain.grading.InMemoryScoreDeliveryRepository;
import io.visiongrade.lms.domain.grading.ScoreDelivery;
import io.visiongrade.lms.domain.grading.ScoreDeliveryRepository;
import io.visiongrade.lms.domain.grading.ScoreDeliveryView;
import io.visiongrade.lms.domain.grading.ScoreTarget;
import io.visiongrade.lms.infrastructure.persistence.JdbcScoreDeliveryRepository;
import io.visiongrade.lms.infrastructure.persistence.TestDatabase;
import io.visiongrade.lms.lti.ToolConfiguration;
import io.visiongrade.lms.lti.keys.InMemoryToolKeyStore;
import io.visiongrade.lms.lti.keys.ToolKeyManager;
import io.visiongrade.lms.lti.platform.PlatformEmulator;
import io.visiongrade.lms.lti.platform.PlatformResponse;
import io.visiongrade.lms.lti.platform.ToolKeySource;
import io.visiongrade.lms.lti.registration.InMemoryPlatformRegistrations;
import io.visiongrade.lms.lti.registration.PlatformRegistration;
import io.visiongrade.lms.lti.services.AgsClient;
import io.visiongrade.lms.lti.services.LineItem;
import io.visiongrade.lms.lti.services.PlatformHttp;
import io.visiongrade.lms.lti.services.PlatformTokenClient;
import io.visiongrade.lms.lti.services.Score;
import io.visiongrade.lms.lti.testing.LoopbackServer;
import io.visiongrade.lms.lti.testing.MutableClock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The outbox processor with the real AGS client against the platform emulator over loopback. */
class OutboxProcessorTest {

  static final Duration LEASE = Duration.ofMinutes(2);
  static final Duration HTTP_TIMEOUT = Duration.ofSeconds(2); // generous: a loaded CI machine

  // One platform for the class (key generation is the slow part); one line item per test.
  static LoopbackServer server;

  /** With nanoseconds, as a real clock may have: the database keeps microseconds. */
  static final MutableClock clock =
      new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS).plusNanos(123_456_789));

  static ToolKeyManager keys;
  static PlatformEmulator lms;
  static PlatformRegistration registration;

  /** Answers to give instead of the emulator's, first come first served. */
  static final Queue<Function<LoopbackServer.Request, LoopbackServer.Response>> scoreFaults =
      new ConcurrentLinkedQueue<>();

  static final Queue<Function<LoopbackServer.Request, LoopbackServer.Response>> tokenFaults =
      new ConcurrentLinkedQueue<>();

  InMemoryPlatformRegistrations registrations;
  AgsClient ags;
  URI lineItem;
  ScoreDeliveryRepository repo = new InMemoryScoreDeliveryRepository();
  ScoreOutbox outbox;

  @BeforeAll
  static void startPlatform() {
    server = LoopbackServer.start();
    ToolConfiguration tool = ToolConfiguration.under("VisionGrade", server.url("/tool/"));
    keys = new ToolKeyManager(new InMemoryToolKeyStore(), clock, Duration.ofDays(1));
    lms =
        new PlatformEmulator(
            server.url("/platform"),
            "vg-client",
            "dep-1",
            tool,
            ToolKeySource.of(keys::publicJwks),
            clock,
            20);
    server.route("/platform/", OutboxProcessorTest::platform);
    registration = lms.registration();
  }

  @AfterAll
  static void stopPlatform() {
    server.close();
  }

  @BeforeEach
  void start() throws Exception {
    scoreFaults.clear();
    tokenFaults.clear();
    registrations = new InMemoryPlatformRegistrations().save(registration);
    PlatformHttp http = new PlatformHttp(LoopbackServer.client(), HTTP_TIMEOUT, clock);
    ags = new AgsClient(http, new PlatformTokenClient(http, keys));
    lineItem =
        ags.findOrCreateLineItem(
                registration,
                lms.lineItemsUrl(),
                LineItem.toCreate(10, "Circles or squares?", "ex-" + UUID.randomUUID(), null))
            .id()
            .orElseThrow();
    outbox = new ScoreOutbox(repo, clock);
  }

  private static LoopbackServer.Response platform(LoopbackServer.Request r) {
    String path = r.uri().getPath();
    Function<LoopbackServer.Request, LoopbackServer.Response> fault =
        path.endsWith("/scores")
            ? scoreFaults.poll()
            : path.endsWith("/token") ? tokenFaults.poll() : null;
    if (fault != null) {
      return fault.apply(r);
    }
    Map<String, String> headers = new LinkedHashMap<>();
    r.headers().forEach((k, v) -> headers.put(k, v.isEmpty() ? "" : v.get(0)));
    PlatformResponse p = lms.handle(r.method(), r.uri(), headers, r.body());
    return new LoopbackServer.Response(p.status(), p.headers(), p.body());
  }

  static Function<LoopbackServer.Request, LoopbackServer.Response> answer(
      int status, String retryAfter, String description) {
    PlatformResponse p = PlatformResponse.error(status, "error", description);
    if (retryAfter != null) {
      p = p.withHeader("Retry-After", retryAfter);
    }
    PlatformResponse finalP = p;
    return r -> new LoopbackServer.Response(finalP.status(), finalP.headers(), finalP.body());
  }

  OutboxProcessor processor(ScoreDeliveryRepository deliveries) {
    return processor(deliveries, ags::publishScore);
  }

  OutboxProcessor processor(
      ScoreDeliveryRepository deliveries, OutboxProcessor.ScorePublisher publisher) {
    return new OutboxProcessor(
        deliveries,
        registrations,
        publisher,
        new Backoff(Duration.ofSeconds(2), Duration.ofHours(1), new Random(42)),
        clock,
        LEASE,
        50);
  }

  ScoreTarget target() {
    return new ScoreTarget(registration.issuer(), registration.clientId(), "course-1", lineItem);
  }

  ScoreDeliveryView enqueue(String user, double given) {
    return outbox.enqueue(
        target(), Score.graded(user, given, 10, "accuracy " + given / 10, clock.instant()), "g-1");
  }

  ScoreDeliveryView row(ScoreDeliveryView d) {
    return repo.find(d.id()).orElseThrow().view();
  }

  List<Double> scoresAtPlatform(String user) {
    List<Double> out = new ArrayList<>();
    for (Map<String, Object> s : lms.services().scores(lineItem)) {
      if (user.equals(s.get("userId"))) {
        out.add(((Number) s.get("scoreGiven")).doubleValue());
      }
    }
    return out;
  }

  static Instant micros(Instant t) {
    return t.truncatedTo(ChronoUnit.MICROS);
  }

  /** Moves the clock to a row's next attempt (it is at most the back-off ceiling away). */
  void advanceTo(Instant at) {
    Duration d = Duration.between(clock.instant(), at);
    if (!d.isNegative()) {
      clock.advance(d);
    }
  }

  @Test
  void deliversAScoreOnce() {
    ScoreDeliveryView d = enqueue("student-1", 8);
    OutboxProcessor.Report report = processor(repo).deliverDue();
    assertEquals(new OutboxProcessor.Report(1, 1, 0, 0, 0, 0), report);
    ScoreDeliveryView after = row(d);
    assertEquals(DeliveryState.DELIVERED, after.state());
    assertEquals(1, after.attempts());
    assertEquals(Optional.of(micros(clock.instant())), after.deliveredAt());
    assertEquals(OutboxProcessor.Report.NOTHING, processor(repo).deliverDue());
    assertEquals(List.of(8.0), scoresAtPlatform("student-1"));
    Map<String, Object> sent = lms.services().scores(lineItem).get(0);
    assertEquals("Completed", sent.get("activityProgress"));
    assertEquals("FullyGraded", sent.get("gradingProgress"));
    assertEquals("accuracy 0.8", sent.get("comment"));
  }

  @Test
  void aServerErrorIsRetriedAfterTheBackOffAndDeliveredOnce() {
    scoreFaults.add(answer(500, null, "database on fire"));
    ScoreDeliveryView d = enqueue("student-1", 8);
    Instant failedAt = clock.instant();
    assertEquals(new OutboxProcessor.Report(1, 0, 1, 0, 0, 0), processor(repo).deliverDue());
    ScoreDeliveryView waiting = row(d);
    assertEquals(DeliveryState.PENDING, waiting.state());
    assertTrue(waiting.lastError().orElseThrow().contains("HTTP 500"), waiting.lastError().get());
    assertTrue(waiting.lastError().get().contains("database on fire"));
    assertFalse(waiting.nextAttemptAt().isAfter(failedAt.plusSeconds(2)), "first back-off <= 2 s");
    assertEquals(Optional.empty(), waiting.claimedUntil());

    advanceTo(waiting.nextAttemptAt());
    assertEquals(new OutboxProcessor.Report(1, 1, 0, 0, 0, 0), processor(repo).deliverDue());
    assertEquals(2, row(d).attempts());
    assertEquals(List.of(8.0), scoresAtPlatform("student-1"));
  }

  @Test
  void honoursRetryAfter() {
    scoreFaults.add(answer(429, "120", "slow down"));
    ScoreDeliveryView d = enqueue("student-1", 8);
    Instant failedAt = clock.instant();
    processor(repo).deliverDue();
    assertEquals(micros(failedAt.plusSeconds(120)), row(d).nextAttemptAt());

    clock.advance(Duration.ofSeconds(119));
    assertEquals(OutboxProcessor.Report.NOTHING, processor(repo).deliverDue());
    clock.advance(Duration.ofSeconds(1));
    assertEquals(1, processor(repo).deliverDue().delivered());
    assertEquals(List.of(8.0), scoresAtPlatform("student-1"));
  }

  @Test
  void theTokenEndpointsTroublesKeepTheScoreWaiting() {
    tokenFaults.add(answer(500, null, "token service down"));
    tokenFaults.add(answer(429, "30", "too many token requests"));
    ScoreDeliveryView d = enqueue("student-1", 8);

    processor(repo).deliverDue();
    assertTrue(row(d).lastError().orElseThrow().contains("token service down"));
    advanceTo(row(d).nextAttemptAt());
    Instant busyAt = clock.instant();
    processor(repo).deliverDue();
    assertEquals(
        micros(busyAt.plusSeconds(30)), row(d).nextAttemptAt(), "Retry-After beats 4 s back-off");
    assertTrue(row(d).lastError().orElseThrow().contains("HTTP 429"));

    clock.advance(Duration.ofSeconds(30));
    assertEquals(1, processor(repo).deliverDue().delivered());
    assertEquals(3, row(d).attempts());
    assertEquals(List.of(8.0), scoresAtPlatform("student-1"));
  }

  @Test
  void anUnreachablePlatformKeepsTheScoreWaitingUntilItIsBack() {
    URI closed;
    try (LoopbackServer gone = LoopbackServer.start()) {
      closed = gone.url("/token");
    }
    registrations.save(
        new PlatformRegistration(
            registration.issuer(),
            registration.clientId(),
            registration.deploymentIds(),
            registration.authLoginUrl(),
            closed,
            registration.jwksUrl(),
            "down"));
    ScoreDeliveryView d = enqueue("student-1", 8);
    for (int i = 1; i <= 3; i++) {
      assertEquals(1, processor(repo).deliverDue().retrying());
      assertEquals(i, row(d).attempts());
      assertTrue(row(d).lastError().orElseThrow().contains("could not be reached"));
      advanceTo(row(d).nextAttemptAt());
    }
    registrations.save(registration); // the platform is back
    assertEquals(1, processor(repo).deliverDue().delivered());
    assertEquals(List.of(8.0), scoresAtPlatform("student-1"));
  }

  long scorePosts() {
    String path = lineItem.getPath() + "/scores";
    return server.requests().stream().filter(r -> r.uri().getPath().equals(path)).count();
  }

  @Test
  void aPlatformThatAsksToSlowDownGetsNoOtherRequestBeforeItsRetryAfter() {
    scoreFaults.add(answer(429, "120", "slow down"));
    List<ScoreDeliveryView> rows =
        List.of(enqueue("student-1", 1), enqueue("student-2", 2), enqueue("student-3", 3));
    OutboxProcessor sender = processor(repo);
    Instant failedAt = clock.instant();
    long before = scorePosts();

    assertEquals(new OutboxProcessor.Report(1, 0, 1, 0, 0, 2), sender.deliverDue());
    assertEquals(1, scorePosts() - before, "one request, not one per score");
    for (ScoreDeliveryView d : rows) {
      assertEquals(micros(failedAt.plusSeconds(120)), row(d).nextAttemptAt());
    }
    assertEquals(0, row(rows.get(1)).attempts(), "deferred, not attempted");
    assertTrue(row(rows.get(1)).lastError().orElseThrow().contains("slow down"));

    clock.advance(Duration.ofSeconds(120));
    assertEquals(3, sender.deliverDue().delivered());
    assertEquals(4, scorePosts() - before);
  }

  @Test
  void aPlatformThatIsDownDoesNotHoldUpAnother() {
    URI closed;
    try (LoopbackServer gone = LoopbackServer.start()) {
      closed = gone.url("/down");
    }
    registrations.save(
        new PlatformRegistration(
            "https://down.example",
            "client-b",
            Set.of("d"),
            URI.create(closed + "/auth"),
            URI.create(closed + "/token"),
            URI.create(closed + "/jwks"),
            "down"));
    ScoreTarget down =
        new ScoreTarget(
            "https://down.example", "client-b", "c9", URI.create(closed + "/li/1/lineitem"));
    List<ScoreDeliveryView> waiting = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      waiting.add(
          outbox.enqueue(down, Score.graded("s" + i, 1, 2, null, clock.instant()), "g-" + i));
    }
    enqueue("student-1", 1);
    enqueue("student-2", 2);

    OutboxProcessor sender = processor(repo);
    assertEquals(new OutboxProcessor.Report(3, 2, 1, 0, 0, 2), sender.deliverDue());
    assertEquals(List.of(1.0), scoresAtPlatform("student-1"));
    assertEquals(List.of(2.0), scoresAtPlatform("student-2"));
    assertEquals(List.of(1, 0, 0), waiting.stream().map(d -> row(d).attempts()).toList());
    assertTrue(waiting.stream().allMatch(d -> row(d).state() == DeliveryState.PENDING));
  }

  @Test
  void aSlowPlatformTimesOutAndTheResentScoreIsTheSameUpdate() throws Exception {
    scoreFaults.add(
        r -> {
          try {
            Thread.sleep(HTTP_TIMEOUT.toMillis() + 500);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return platform(r); // the platform stores it, but too late for the tool to hear
        });
    ScoreDeliveryView d = enqueue("student-1", 8);
    assertEquals(1, processor(repo).deliverDue().retrying());
    assertTrue(row(d).lastError().orElseThrow().contains("did not answer in time"));
    for (int i = 0; i < 100 && lms.services().scores(lineItem).isEmpty(); i++) {
      Thread.sleep(30);
    }
    advanceTo(row(d).nextAttemptAt());
    assertEquals(1, processor(repo).deliverDue().delivered());
    List<Map<String, Object>> posted = lms.services().scores(lineItem);
    assertEquals(2, posted.size(), "at least once: the slow post arrived, and the resent one");
    assertEquals(posted.get(0), posted.get(1), "same score, same timestamp: one update");
  }

  @Test
  void aRefusedScoreWaitsForAPersonThenGoesThrough() {
    scoreFaults.add(answer(400, null, "The line item is closed for grading."));
    ScoreDeliveryView d = enqueue("student-1", 8);
    assertEquals(new OutboxProcessor.Report(1, 0, 0, 1, 0, 0), processor(repo).deliverDue());
    ScoreDeliveryView refused = row(d);
    assertEquals(DeliveryState.FAILED_PERMANENT, refused.state());
    assertTrue(
        refused.lastError().orElseThrow().contains("The line item is closed for grading."),
        refused.lastError().get());
    clock.advance(Duration.ofDays(1));
    assertEquals(OutboxProcessor.Report.NOTHING, processor(repo).deliverDue());

    outbox.retry(d.id());
    assertEquals(1, processor(repo).deliverDue().delivered());
    assertEquals(List.of(8.0), scoresAtPlatform("student-1"));
  }

  @Test
  void aScoreForSomeoneNotInTheCourseIsRefusedWithThePlatformsMessage() {
    ScoreDeliveryView d = enqueue("stranger", 8);
    processor(repo).deliverDue();
    assertEquals(DeliveryState.FAILED_PERMANENT, row(d).state());
    assertTrue(row(d).lastError().orElseThrow().contains("User stranger is not in the course"));
  }

  @Test
  void onlyTheNewestScoreOfAPairIsSent() {
    ScoreDeliveryView first = enqueue("student-1", 3);
    ScoreDeliveryView second = enqueue("student-1", 5);
    ScoreDeliveryView newest = enqueue("student-1", 8);
    ScoreDeliveryView other = enqueue("student-2", 4);
    assertTrue(newest.score().timestamp().isAfter(second.score().timestamp()), "increasing");

    assertEquals(2, processor(repo).deliverDue().delivered());
    assertEquals(DeliveryState.SUPERSEDED, row(first).state());
    assertEquals(DeliveryState.SUPERSEDED, row(second).state());
    assertEquals(DeliveryState.DELIVERED, row(newest).state());
    assertEquals(DeliveryState.DELIVERED, row(other).state());
    assertEquals(List.of(8.0), scoresAtPlatform("student-1"));
    assertEquals(List.of(4.0), scoresAtPlatform("student-2"));
  }

  @Test
  void aNewerScoreWaitsUntilTheOlderOneHasArrived() {
    ScoreDeliveryView older = enqueue("student-1", 3);
    List<ScoreDeliveryView> newer = new ArrayList<>();
    OutboxProcessor.ScorePublisher regradeWhileSending =
        (reg, url, score) -> {
          if (newer.isEmpty()) {
            newer.add(enqueue("student-1", 9)); // a regrade commits meanwhile
            assertEquals(List.of(), repo.findDue(clock.instant(), 10), "newer waits");
          }
          return ags.publishScore(reg, url, score);
        };
    assertEquals(1, processor(repo, regradeWhileSending).deliverDue().delivered());
    assertEquals(DeliveryState.SUPERSEDED, row(older).state(), "a newer one replaced it");
    assertEquals(Optional.empty(), row(older).claimedUntil(), "its lease is released");

    assertEquals(1, processor(repo).deliverDue().delivered());
    assertEquals(DeliveryState.DELIVERED, row(newer.get(0)).state());
    assertEquals(List.of(3.0, 9.0), scoresAtPlatform("student-1"), "in order");
  }

  @Test
  void aDeletedRegistrationKeepsTheScoreWaitingWithAClearError() {
    registrations = new InMemoryPlatformRegistrations();
    ScoreDeliveryView d = enqueue("student-1", 8);
    for (int i = 1; i <= 3; i++) {
      assertEquals(1, processor(repo).deliverDue().retrying());
      advanceTo(row(d).nextAttemptAt());
    }
    assertEquals(DeliveryState.PENDING, row(d).state());
    assertEquals(3, row(d).attempts());
    assertTrue(row(d).lastError().orElseThrow().contains("No platform registration"));
    registrations.save(registration);
    assertEquals(1, processor(repo).deliverDue().delivered());
    assertEquals(List.of(8.0), scoresAtPlatform("student-1"));
  }

  @Test
  void anUnexpectedFailureKeepsTheScore() {
    ScoreDeliveryView d = enqueue("student-1", 8);
    processor(
            repo,
            (reg, url, score) -> {
              throw new IllegalStateException("signing key unavailable");
            })
        .deliverDue();
    assertEquals(DeliveryState.PENDING, row(d).state());
    assertTrue(row(d).lastError().orElseThrow().contains("signing key unavailable"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"in memory", "jdbc on h2"})
  void twoSendersRacingDeliverEachRowOnce(String store) throws Exception {
    repo =
        store.equals("in memory") ? repo : new JdbcScoreDeliveryRepository(TestDatabase.migrated());
    outbox = new ScoreOutbox(repo, clock);
    for (int i = 1; i <= 20; i++) {
      enqueue("student-" + i, i % 10);
    }
    CyclicBarrier bothHaveReadTheSameRows = new CyclicBarrier(2);
    ScoreDeliveryRepository racing = new BarrierAfterFindDue(repo, bothHaveReadTheSameRows);
    ExecutorService two = Executors.newFixedThreadPool(2);
    try {
      Future<OutboxProcessor.Report> a = two.submit(() -> processor(racing).deliverDue());
      Future<OutboxProcessor.Report> b = two.submit(() -> processor(racing).deliverDue());
      OutboxProcessor.Report ra = a.get();
      OutboxProcessor.Report rb = b.get();
      assertEquals(20, ra.delivered() + rb.delivered());
      assertEquals(20, ra.lostRaces() + rb.lostRaces(), "each row was also tried by the other");
    } finally {
      two.shutdownNow();
    }
    for (int i = 1; i <= 20; i++) {
      assertEquals(List.of((double) (i % 10)), scoresAtPlatform("student-" + i), "student " + i);
    }
  }

  @Test
  void afterACrashEveryScoreArrivesOnceTheLeaseOfTheDeadSenderEnds() {
    DataSource db = TestDatabase.migrated();
    repo = new JdbcScoreDeliveryRepository(db);
    outbox = new ScoreOutbox(repo, clock);
    for (int i = 1; i <= 5; i++) {
      enqueue("student-" + i, i);
    }
    // A sender claimed student-1's row and died (kill -9) before recording anything.
    ScoreDelivery dying = repo.findDue(clock.instant(), 1).get(0);
    dying.claim(clock.instant().plus(LEASE));
    assertTrue(repo.update(dying).isPresent());

    // Restart: new repository and processor on the same database.
    ScoreDeliveryRepository restarted = new JdbcScoreDeliveryRepository(db);
    assertEquals(4, processor(restarted).deliverDue().delivered());
    assertEquals(List.of(), scoresAtPlatform("student-1"), "held by the dead sender's lease");
    clock.advance(LEASE);
    assertEquals(1, processor(restarted).deliverDue().delivered());
    for (int i = 1; i <= 5; i++) {
      assertEquals(List.of((double) i), scoresAtPlatform("student-" + i));
    }
    assertEquals(5L, restarted.countByState().get(DeliveryState.DELIVERED));
  }

  /** Makes two processors read the same due rows before either claims one. */
  private static final class BarrierAfterFindDue implements ScoreDeliveryRepository {
    private final ScoreDeliveryRepository d;
    private final CyclicBarrier barrier;

    BarrierAfterFindDue(ScoreDeliveryRepository d, CyclicBarrier barrier) {
      this.d = d;
      this.barrier = barrier;
    }

    @Override
    public List<ScoreDelivery> findDue(Instant now, int limit) {
      List<ScoreDelivery> due = d.findDue(now, limit);
      try {
        barrier.await();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
      return due;
    }

    @Override
    public ScoreDelivery add(ScoreDelivery x) {
      return d.add(x);
    }

    @Override
    public Optional<ScoreDelivery> find(long id) {
      return d.find(id);
    }

    @Override
    public Optional<ScoreDelivery> update(ScoreDelivery x) {
      return d.update(x);
    }

    @Override
    public int supersedePending(URI u, String user) {
      return d.supersedePending(u, user);
    }

    @Override
    public Optional<Instant> latestScoreTimestamp(URI u, String user) {
      return d.latestScoreTimestamp(u, user);
    }

    @Override
    public void releaseClaim(long id, Instant lease) {
      d.releaseClaim(id, lease);
    }

    @Override
    public List<ScoreDelivery> list(io.visiongrade.lms.domain.grading.DeliveryFilter f) {
      return d.list(f);
    }

    @Override
    public Map<DeliveryState, Long> countByState() {
      return d.countByState();
    }
  }
}
