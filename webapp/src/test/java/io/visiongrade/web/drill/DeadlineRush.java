package io.visiongrade.web.drill;

import io.visiongrade.engine.data.LabeledImages;
import io.visiongrade.lms.lti.platform.ResourceLinkPlacement;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The deadline-rush benchmark ({@code bench/deadline-rush.sh}; not part of any test run): the
 * packaged server with its embedded database, an LMS with {@code --students} students (the
 * product's {@link io.visiongrade.lms.lti.platform.PlatformEmulator} in this JVM), a trained and
 * promoted course model, then every student launches through LTI and submits within {@code
 * --window} seconds: two of three answer both image prompts, one of three submits a CNN spec. An
 * anchor first runs {@code --anchor} of the same spec jobs back to back on the idle server.
 *
 * <p>Prints accepted / rejected (by status and message) / lost, HTTP latency percentiles of image
 * answers, spec acceptance and launches, queue drain rate against the anchor, the server's peak RSS
 * and its start-up time to the first 200.
 */
public final class DeadlineRush {

  private static final String ADMIN = "rush-admin-token";

  private final Map<String, String> args;
  private final int students;
  private final Duration window;
  private final LabeledImages pictures = DrillClient.shapes(10, 99);
  private final List<Long> answerLatency = new CopyOnWriteArrayList<>();
  private final List<Long> submitLatency = new CopyOnWriteArrayList<>();
  private final List<Long> launchLatency = new CopyOnWriteArrayList<>();
  private final Map<String, AtomicInteger> rejected = new ConcurrentHashMap<>();
  private final Map<Long, String> answers = new ConcurrentHashMap<>(); // id -> token
  private final Map<Long, String> submissions = new ConcurrentHashMap<>(); // id -> token
  private final Map<Long, Long> submittedAt = new ConcurrentHashMap<>();
  private final AtomicInteger failedLaunches = new AtomicInteger();

  private DeadlineRush(Map<String, String> args) {
    this.args = args;
    this.students = Integer.parseInt(args.getOrDefault("students", "300"));
    this.window = Duration.ofSeconds(Long.parseLong(args.getOrDefault("window", "60")));
  }

  public static void main(String[] argv) throws Exception {
    Map<String, String> args = new HashMap<>();
    for (String a : argv) {
      int eq = a.indexOf('=');
      args.put(a.substring(2, eq), a.substring(eq + 1));
    }
    new DeadlineRush(args).run();
    System.exit(0);
  }

  private static void log(String format, Object... a) {
    System.out.printf("[rush %tT] %s%n", System.currentTimeMillis(), String.format(format, a));
  }

  private void run() throws Exception {
    Path work = Path.of(args.get("work"));
    int offset = Integer.parseInt(args.getOrDefault("port-offset", "1200"));
    int anchorJobs = Integer.parseInt(args.getOrDefault("anchor", "5"));
    int epochs = Integer.parseInt(args.getOrDefault("spec-epochs", "20"));
    ServerProcess server =
        new ServerProcess(
            Path.of(args.get("server-home")),
            Path.of(args.get("war")),
            work,
            offset,
            List.of(
                "-Dvisiongrade.data.dir=" + work.resolve("data"),
                "-Dvisiongrade.admin.token=" + ADMIN,
                "-Dvisiongrade.demo=true"));
    try (DrillLms lms =
        new DrillLms(
            Integer.parseInt(args.getOrDefault("lms-port", "9295")),
            server.base(),
            students + anchorJobs)) {
      Duration startup =
          server.start(
              Duration.ofSeconds(Long.parseLong(args.getOrDefault("start-timeout", "360"))));
      log(
          "server ready (first 200 from /health/ready) %.1f s after start",
          startup.toMillis() / 1e3);
      DrillClient api = new DrillClient(server.base());
      api.registerPlatform(ADMIN, lms.registrationJson());
      ResourceLinkPlacement draw = lms.placeExercise("Rush: draw", "IMAGE_ANSWER", 10);
      ResourceLinkPlacement challenge =
          lms.placeExercise("Rush: challenge", "CLASSIFIER_CHALLENGE", 10);
      String teacher = lms.launch(draw, "teacher-1");
      long drawId = api.exerciseId(teacher, "Rush: draw");
      long challengeId = api.exerciseId(teacher, "Rush: challenge");
      long datasetId = api.uploadShapes(teacher, 30);
      api.imageAnswerSettings(teacher, drawId, datasetId);
      api.challengeSettings(teacher, challengeId, datasetId, "");
      long t = System.nanoTime();
      long model = api.trainModel(teacher, datasetId, 20);
      JsonObject m = api.awaitModel(teacher, model, Duration.ofMinutes(5));
      Drills.check(m.getString("state").equals("READY"), "course model: " + m);
      api.promote(teacher, model);
      log(
          "course model trained in %.1f s (test accuracy %s)",
          (System.nanoTime() - t) / 1e9,
          m.getJsonObject("metrics").getJsonObject("test").get("accuracy"));

      // Anchor: the same spec jobs back to back on the idle server.
      List<Long> anchorIds = new ArrayList<>();
      Map<Long, String> anchorTokens = new HashMap<>();
      List<String> anchorStudents = new ArrayList<>();
      for (int i = 1; i <= anchorJobs; i++) {
        anchorStudents.add(lms.launch(challenge, "student-" + (students + i)));
      }
      long anchorFirst = System.nanoTime();
      for (String token : anchorStudents) {
        HttpResponse<String> r =
            api.post(
                "api/course/exercises/" + challengeId + "/submissions",
                token,
                "application/json",
                DrillClient.spec(epochs).getBytes());
        long id =
            DrillClient.object(DrillClient.expect(202, r, "anchor"))
                .getJsonNumber("id")
                .longValue();
        anchorIds.add(id);
        anchorTokens.put(id, token);
      }
      for (long id : anchorIds) {
        JsonObject s = api.awaitSubmission(anchorTokens.get(id), id, Duration.ofMinutes(10));
        Drills.check(s.getString("status").equals("GRADED"), "anchor job: " + s);
      }
      double anchorSeconds = (System.nanoTime() - anchorFirst) / 1e9;
      double anchorRate = anchorJobs / anchorSeconds;
      log(
          "anchor: %d spec jobs back to back in %.1f s = %.2f jobs/s",
          anchorJobs, anchorSeconds, anchorRate);

      // The rush.
      log("rush: %d students launch and submit within %d s", students, window.toSeconds());
      ScheduledExecutorService pool = Executors.newScheduledThreadPool(48);
      Random random = new Random(42);
      List<Long> offsets = new ArrayList<>();
      for (int i = 0; i < students; i++) {
        offsets.add((long) (random.nextDouble() * (window.toMillis() - 5000)));
      }
      long rush0 = System.nanoTime();
      AtomicInteger done = new AtomicInteger();
      for (int i = 1; i <= students; i++) {
        int n = i;
        pool.schedule(
            () -> {
              try {
                student(api, lms, n, draw, drawId, challenge, challengeId, epochs);
              } catch (RuntimeException e) {
                rejected
                    .computeIfAbsent("client error: " + e.getMessage(), k -> new AtomicInteger())
                    .incrementAndGet();
              } finally {
                done.incrementAndGet();
              }
            },
            offsets.get(i - 1),
            TimeUnit.MILLISECONDS);
      }
      pool.shutdown();
      pool.awaitTermination(10, TimeUnit.MINUTES);
      double rushSeconds = (System.nanoTime() - rush0) / 1e9;
      log(
          "all %d students done %.1f s after the rush began (%d answers, %d submissions accepted)",
          done.get(), rushSeconds, answers.size(), submissions.size());

      // Queue drain.
      long firstSubmit = Collections.min(submittedAt.values());
      Map<Long, String> pending = new HashMap<>(submissions);
      Map<String, Integer> finals = new HashMap<>();
      long until = System.nanoTime() + Duration.ofMinutes(20).toNanos();
      long lastFinal = firstSubmit;
      while (!pending.isEmpty() && System.nanoTime() < until) {
        for (var it = pending.entrySet().iterator(); it.hasNext(); ) {
          var e = it.next();
          HttpResponse<String> r = api.get("api/course/submissions/" + e.getKey(), e.getValue());
          if (r.statusCode() != 200) {
            continue;
          }
          String st = DrillClient.object(r).getString("status");
          if (!st.equals("QUEUED") && !st.equals("RUNNING")) {
            finals.merge(st, 1, Integer::sum);
            lastFinal = System.nanoTime();
            it.remove();
          }
        }
        Thread.sleep(300);
      }
      double drainSeconds = (lastFinal - firstSubmit) / 1e9;
      double drainRate = submissions.size() / drainSeconds;

      // Lost: accepted but not there.
      int lost = 0;
      for (var e : answers.entrySet()) {
        if (api.get("api/course/answers/" + e.getKey(), e.getValue()).statusCode() != 200) {
          lost++;
        }
      }
      for (var e : submissions.entrySet()) {
        if (api.get("api/course/submissions/" + e.getKey(), e.getValue()).statusCode() != 200) {
          lost++;
        }
      }
      lost += pending.size();
      // Grades to the LMS.
      long gUntil = System.nanoTime() + Duration.ofMinutes(3).toNanos();
      Map<String, Integer> states;
      do {
        states = api.deliveryStates(teacher, null);
        if (states.getOrDefault("PENDING", 0) == 0) {
          break;
        }
        Thread.sleep(1000);
      } while (System.nanoTime() < gUntil);

      System.out.println();
      System.out.println("==> Deadline rush results");
      System.out.printf(
          "students                         %d (window %d s)%n", students, window.toSeconds());
      System.out.printf(
          "accepted                         %d image answers, %d spec submissions%n",
          answers.size(), submissions.size());
      int rej = rejected.values().stream().mapToInt(AtomicInteger::get).sum();
      System.out.printf("rejected                         %d%n", rej);
      rejected.forEach((k, v) -> System.out.printf("    %4d x %s%n", v.get(), k));
      System.out.printf("lost                             %d%n", lost);
      System.out.printf("submissions final states         %s%n", finals);
      System.out.printf("image answer latency (ms)        %s%n", percentiles(answerLatency));
      System.out.printf("spec acceptance latency (ms)     %s%n", percentiles(submitLatency));
      System.out.printf("LTI launch latency (ms, 4 hops)  %s%n", percentiles(launchLatency));
      System.out.printf(
          "queue drain                      %d jobs in %.1f s = %.2f jobs/s; anchor %.2f jobs/s back"
              + " to back; ratio %.0f %%%n",
          submissions.size(), drainSeconds, drainRate, anchorRate, 100 * drainRate / anchorRate);
      Map<String, Integer> got = lms.accepted();
      System.out.printf(
          "grades to the LMS                %s; LMS accepted %d scores, %d distinct (line item,"
              + " user, timestamp), %d received more than once%n",
          states,
          lms.acceptedTotal(),
          got.size(),
          got.values().stream().filter(n -> n > 1).count());
      System.out.printf("server peak RSS (VmHWM)          %d MiB%n", server.peakRssMib());
      System.out.printf("start-up to first 200            %.1f s%n", startup.toMillis() / 1e3);
    } finally {
      server.stop();
    }
  }

  private void student(
      DrillClient api,
      DrillLms lms,
      int n,
      ResourceLinkPlacement draw,
      long drawId,
      ResourceLinkPlacement challenge,
      long challengeId,
      int epochs) {
    String user = "student-" + n;
    boolean spec = n % 3 == 0;
    long t = System.nanoTime();
    String token;
    try {
      token = lms.launch(spec ? challenge : draw, user);
    } catch (RuntimeException e) {
      failedLaunches.incrementAndGet();
      rejected
          .computeIfAbsent("launch failed: " + e.getMessage(), k -> new AtomicInteger())
          .incrementAndGet();
      return;
    }
    launchLatency.add(System.nanoTime() - t);
    if (spec) {
      long s = System.nanoTime();
      HttpResponse<String> r =
          api.post(
              "api/course/exercises/" + challengeId + "/submissions",
              token,
              "application/json",
              DrillClient.spec(epochs).getBytes());
      submitLatency.add(System.nanoTime() - s);
      if (r.statusCode() == 202) {
        long id = DrillClient.object(r).getJsonNumber("id").longValue();
        submissions.put(id, token);
        submittedAt.put(id, s);
      } else {
        reject("spec", r);
      }
      return;
    }
    for (int prompt = 0; prompt < 2; prompt++) {
      byte[] png = DrillClient.png(pictures, prompt == 0 ? "triangle" : "circle", n);
      long s = System.nanoTime();
      HttpResponse<String> r =
          api.post(
              "api/course/exercises/" + drawId + "/answers?prompt=" + prompt,
              token,
              "image/png",
              png);
      answerLatency.add(System.nanoTime() - s);
      if (r.statusCode() == 201) {
        answers.put(DrillClient.object(r).getJsonNumber("id").longValue(), token);
      } else {
        reject("image answer", r);
      }
    }
  }

  private void reject(String what, HttpResponse<String> r) {
    String detail = r.body().replaceAll(".*\"detail\"\\s*:\\s*\"([^\"]*)\".*", "$1");
    rejected
        .computeIfAbsent(what + " HTTP " + r.statusCode() + ": " + detail, k -> new AtomicInteger())
        .incrementAndGet();
  }

  private static String percentiles(List<Long> nanos) {
    if (nanos.isEmpty()) {
      return "-";
    }
    List<Long> s = new ArrayList<>(nanos);
    Collections.sort(s);
    return String.format(
        "n=%d p50 %.1f  p95 %.1f  p99 %.1f  max %.1f",
        s.size(), at(s, 0.50), at(s, 0.95), at(s, 0.99), s.get(s.size() - 1) / 1e6);
  }

  private static double at(List<Long> sorted, double q) {
    int i = (int) Math.ceil(q * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i))) / 1e6;
  }
}
