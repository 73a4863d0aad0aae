package io.visiongrade.web.drill;

import io.visiongrade.engine.data.LabeledImages;
import io.visiongrade.lms.lti.platform.ResourceLinkPlacement;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Crash and outage drills against the packaged server, run by {@code bench/drills/run-drills.sh}
 * (and so by {@code .ci/run}); see {@code webapp/docs/drills.md}.
 *
 * <ol>
 *   <li><b>kill -9</b> while a course-model training runs, student submissions wait behind it and
 *       grades wait in the outbox (the LMS answers 500); restart: everything is still there, the
 *       interrupted job is re-queued and re-runs to the same metrics as a reference run with the
 *       same seed, and every grade reaches the LMS exactly once.
 *   <li><b>LMS down</b>: its token and score endpoints refuse connections, answer 500, answer 429
 *       with Retry-After, or hang past the tool's timeout; scores wait and all arrive once after.
 *   <li><b>Disk full</b> in the storage folder (a small tmpfs the script mounts): uploads get a
 *       clear problem+json, nothing half-written stays, and uploads work again once space is free.
 *   <li><b>Database drop</b> (PostgreSQL, a private instance the script runs): requests fail with
 *       503 while it is down and work again by themselves when it is back.
 * </ol>
 *
 * Arguments ({@code --name=value}): server-home, war, work, port-offset, lms-port, storage-fs
 * ({@code tmpfs} when the script mounted one on {@code <work>/h2/data/storage}, or the reason it
 * could not), pg-url, pg-start, pg-stop (shell commands; no pg-url skips the database drill). Exit
 * status 0 only when every drill that ran passed.
 */
public final class Drills {

  static final String ADMIN = "drill-admin-token";
  private final Map<String, String> args;
  private final Path serverHome;
  private final Path war;
  private final Path work;
  private final int offset;
  private final int lmsPort;
  private final Map<String, String> results = new LinkedHashMap<>();
  private final LabeledImages pictures = DrillClient.shapes(3, 99);

  private Drills(Map<String, String> args) {
    this.args = args;
    this.serverHome = Path.of(arg("server-home"));
    this.war = Path.of(arg("war"));
    this.work = Path.of(arg("work"));
    this.offset = Integer.parseInt(args.getOrDefault("port-offset", "1100"));
    this.lmsPort = Integer.parseInt(args.getOrDefault("lms-port", "9195"));
  }

  private String arg(String name) {
    String v = args.get(name);
    if (v == null) {
      throw new IllegalArgumentException("--" + name + "=... is required");
    }
    return v;
  }

  public static void main(String[] argv) throws Exception {
    Map<String, String> args = new HashMap<>();
    for (String a : argv) {
      int eq = a.indexOf('=');
      if (!a.startsWith("--") || eq < 0) {
        throw new IllegalArgumentException("arguments are --name=value, got " + a);
      }
      args.put(a.substring(2, eq), a.substring(eq + 1));
    }
    System.exit(new Drills(args).run());
  }

  private static void log(String format, Object... a) {
    System.out.printf("[drill %tT] %s%n", System.currentTimeMillis(), String.format(format, a));
  }

  private int run() throws Exception {
    long t0 = System.nanoTime();
    boolean ok = true;
    ServerProcess server = null;
    ServerProcess pgServer = null;
    List<String> props = new ArrayList<>(commonProps());
    props.add("-Dvisiongrade.data.dir=" + work.resolve("h2/data"));
    try {
      server = new ServerProcess(serverHome, war, work.resolve("h2"), offset, props);
      try (DrillLms lms = new DrillLms(lmsPort, server.base(), 6)) {
        Course c = null;
        try {
          c = crash(server, lms);
          results.put("kill -9 and restart", "PASS");
        } catch (Exception | AssertionError e) {
          ok = false;
          fail("kill -9 and restart", e);
        }
        if (c != null) {
          try {
            lmsOutage(server, lms, c);
            results.put("LMS down (refused, 500, 429, slow)", "PASS");
          } catch (Exception | AssertionError e) {
            ok = false;
            fail("LMS down (refused, 500, 429, slow)", e);
          }
          String fs = args.getOrDefault("storage-fs", "none");
          if (fs.equals("tmpfs")) {
            try {
              diskFull(server, c);
              results.put("disk full in storage", "PASS");
            } catch (Exception | AssertionError e) {
              ok = false;
              fail("disk full in storage", e);
            }
          } else {
            results.put("disk full in storage", "SKIPPED: " + fs);
          }
        }
        server.stop();
        server = null;

        if (args.containsKey("pg-url")) {
          List<String> pg = new ArrayList<>(commonProps());
          pg.add("-Dvisiongrade.data.dir=" + work.resolve("pg/data"));
          pg.add("-Dvisiongrade.db.driver=postgresql");
          pg.add("-Dvisiongrade.db.url=" + args.get("pg-url"));
          pg.add("-Dvisiongrade.db.user=visiongrade");
          pg.add("-Dvisiongrade.db.password=visiongrade");
          try {
            pgServer = new ServerProcess(serverHome, war, work.resolve("pg"), offset, pg);
            databaseDrop(pgServer, lms);
            results.put("database connection drops (PostgreSQL)", "PASS");
          } catch (Exception | AssertionError e) {
            ok = false;
            fail("database connection drops (PostgreSQL)", e);
          }
        } else {
          results.put("database connection drops", "SKIPPED: no --pg-url");
        }
      }
    } finally {
      if (server != null) {
        server.stop();
      }
      if (pgServer != null) {
        pgServer.stop();
      }
    }
    System.out.println();
    System.out.println("==> Drill results");
    results.forEach((k, v) -> System.out.printf("  %-42s %s%n", k, v));
    System.out.printf("  total %d s%n", Duration.ofNanos(System.nanoTime() - t0).toSeconds());
    return ok ? 0 : 1;
  }

  private void fail(String drill, Throwable e) {
    results.put(drill, "FAIL: " + e.getMessage());
    System.out.println("FAILED: " + drill);
    e.printStackTrace(System.out);
  }

  /** How long a start may take: 6 min by default (a busy shared machine); --start-timeout=S. */
  private Duration startLimit() {
    return Duration.ofSeconds(Long.parseLong(args.getOrDefault("start-timeout", "360")));
  }

  private static List<String> commonProps() {
    return List.of(
        "-Dvisiongrade.admin.token=" + ADMIN,
        "-Dvisiongrade.demo=false",
        // Short outbox back-off so that the drills take seconds, not an hour (the default cap).
        "-Dvisiongrade.outbox.poll-ms=500",
        "-Dvisiongrade.outbox.backoff-base-ms=500",
        "-Dvisiongrade.outbox.backoff-cap-ms=3000",
        "-Dvisiongrade.jobs.poll-ms=500",
        "-Dvisiongrade.jobs.backoff-base-ms=500",
        "-Dvisiongrade.jobs.node-id=drill-node");
  }

  /** What the crash drill leaves for the later drills. */
  record Course(String teacher, long datasetId, List<String> students) {}

  // --- 1. kill -9
  // ---------------------------------------------------------------------------------

  private Course crash(ServerProcess server, DrillLms lms) throws Exception {
    log("starting the server (embedded H2) ...");
    Duration up = server.start(startLimit());
    log("ready in %.1f s", up.toMillis() / 1000.0);
    DrillClient api = new DrillClient(server.base());
    api.registerPlatform(ADMIN, lms.registrationJson());

    ResourceLinkPlacement draw = lms.placeExercise("Draw (drill)", "IMAGE_ANSWER", 10);
    ResourceLinkPlacement challenge =
        lms.placeExercise("Challenge (drill)", "CLASSIFIER_CHALLENGE", 10);
    String teacher = lms.launch(draw, "teacher-1");
    long drawId = api.exerciseId(teacher, "Draw (drill)");
    long challengeId = api.exerciseId(teacher, "Challenge (drill)");
    long datasetId = api.uploadShapes(teacher, 40);
    api.imageAnswerSettings(teacher, drawId, datasetId);
    api.challengeSettings(teacher, challengeId, datasetId, "");

    long model = api.trainModel(teacher, datasetId, 6);
    JsonObject m = api.awaitModel(teacher, model, Duration.ofMinutes(5));
    check(m.getString("state").equals("READY"), "course model: " + m);
    api.promote(teacher, model);
    log("course model v%d trained and promoted", m.getInt("version"));

    // The reference: a spec trained to the end; the interrupted job is the same spec (same seed).
    int epochs = Integer.parseInt(args.getOrDefault("epochs", "30"));
    byte[] longSpec = DrillClient.spec(epochs).getBytes();
    String refToken = lms.launch(challenge, "student-6");
    long t = System.nanoTime();
    long refId = submit(api, refToken, challengeId, longSpec);
    JsonObject ref = api.awaitSubmission(refToken, refId, Duration.ofMinutes(10));
    check(ref.getString("status").equals("GRADED"), "reference submission: " + ref);
    Duration refTime = Duration.ofNanos(System.nanoTime() - t);
    log("reference spec (%d epochs) graded in %.1f s", epochs, refTime.toMillis() / 1e3);
    awaitExactlyOnce(api, lms, teacher, List.of(challenge), Duration.ofSeconds(60));

    // Grades wait in the outbox: the LMS's score service answers 500.
    lms.fault(DrillLms.Fault.ERROR_500);
    List<String> students = new ArrayList<>();
    Map<String, String> drawTokens = new LinkedHashMap<>();
    List<Long> answers = new ArrayList<>();
    for (int i = 1; i <= 6; i++) {
      String user = "student-" + i;
      students.add(user);
      String token = lms.launch(draw, user);
      drawTokens.put(user, token);
      HttpResponse<String> a =
          api.post(
              "api/course/exercises/" + drawId + "/answers?prompt=0",
              token,
              "image/png",
              DrillClient.png(pictures, "triangle", i));
      answers.add(
          DrillClient.object(DrillClient.expect(201, a, "answer")).getJsonNumber("id").longValue());
    }
    // The interrupted job, then three more submissions that wait behind it.
    String victimToken = lms.launch(challenge, "student-1");
    long victim = submit(api, victimToken, challengeId, longSpec);
    long victimJob = awaitRunning(api, victimToken, victim);
    Map<Long, String> submissions = new LinkedHashMap<>();
    for (int i = 2; i <= 4; i++) {
      String token = lms.launch(challenge, "student-" + i);
      submissions.put(submit(api, token, challengeId, DrillClient.spec(2).getBytes()), token);
    }
    Thread.sleep(Math.min(1500, refTime.toMillis() / 5));
    JsonObject v = api.submission(victimToken, victim);
    check(
        v.getString("status").equals("RUNNING"),
        "the spec must still be training at the kill (make --epochs larger): " + v);
    for (var e : submissions.entrySet()) {
      String st = api.submission(e.getValue(), e.getKey()).getString("status");
      check(st.equals("QUEUED"), "submission " + e.getKey() + " should wait in the queue: " + st);
    }
    Map<String, Integer> before = api.deliveryStates(teacher, draw.lineItem().orElseThrow());
    check(
        before.getOrDefault("PENDING", 0) == 6 && lms.acceptedTotal() == 1,
        "6 image-answer grades should wait in the outbox: " + before);
    log(
        "kill -9 of the server JVM (pid %d): submission %d (job %d) training, %d queued behind it,"
            + " outbox %s",
        server.pid(), victim, victimJob, submissions.size(), before);
    server.kill9();
    lms.fault(DrillLms.Fault.NONE);

    Duration again = server.start(startLimit());
    log("restarted, ready in %.1f s", again.toMillis() / 1e3);
    String restartLog = Files.readString(server.log());
    check(
        restartLog
            .lines()
            .anyMatch(
                l ->
                    l.contains("Job " + victimJob + " was left running by ")
                        && l.contains("; queued again")),
        "the restarted server should report job "
            + victimJob
            + " re-queued; it logged: "
            + restartLog.lines().filter(l -> l.contains("left running")).toList());
    log("server log: job %d was left running and queued again", victimJob);

    // Everything is still there.
    for (int i = 0; i < answers.size(); i++) {
      String token = drawTokens.get(students.get(i));
      DrillClient.expect(200, api.get("api/course/answers/" + answers.get(i), token), "answer");
    }
    JsonObject re = api.awaitSubmission(victimToken, victim, Duration.ofMinutes(10));
    check(re.getString("status").equals("GRADED"), "re-run submission: " + re);
    for (String key : List.of("publicMetric", "points")) {
      check(
          String.valueOf(ref.get(key)).equals(String.valueOf(re.get(key))),
          key + " differs: " + ref.get(key) + " vs " + re.get(key));
    }
    JsonObject refMetrics = ref.getJsonObject("metrics");
    JsonObject reMetrics = re.getJsonObject("metrics");
    check(
        stable(refMetrics.get("validation")).equals(stable(reMetrics.get("validation"))),
        "validation metrics differ: "
            + refMetrics.get("validation")
            + " vs "
            + reMetrics.get("validation"));
    log(
        "re-run of submission %d: GRADED, same metrics as the reference (public metric %s, %s"
            + " points)",
        victim, re.get("publicMetric"), re.get("points"));
    submissions.put(victim, victimToken);
    for (var e : submissions.entrySet()) {
      JsonObject s = api.awaitSubmission(e.getValue(), e.getKey(), Duration.ofMinutes(5));
      check(s.getString("status").equals("GRADED"), "submission after restart: " + s);
    }
    log("all %d queued submissions graded after the restart", submissions.size());
    awaitExactlyOnce(api, lms, teacher, List.of(draw, challenge), Duration.ofSeconds(60));
    return new Course(teacher, datasetId, students);
  }

  private static long submit(DrillClient api, String token, long exerciseId, byte[] spec) {
    HttpResponse<String> s =
        api.post(
            "api/course/exercises/" + exerciseId + "/submissions", token, "application/json", spec);
    return DrillClient.object(DrillClient.expect(202, s, "submission"))
        .getJsonNumber("id")
        .longValue();
  }

  /** Waits until a submission's job runs; the job id. */
  private static long awaitRunning(DrillClient api, String token, long id)
      throws InterruptedException {
    long until = System.nanoTime() + 120_000_000_000L;
    while (true) {
      JsonObject s = api.submission(token, id);
      if (s.getString("status").equals("RUNNING")) {
        return s.getJsonNumber("jobId").longValue();
      }
      check(s.getString("status").equals("QUEUED"), "submission " + id + " did not run: " + s);
      check(System.nanoTime() < until, "submission " + id + " not running after 120 s");
      Thread.sleep(100);
    }
  }

  /** A metrics object without timings (anything with "second", "time" or "/s" in its name). */
  private static String stable(Object metrics) {
    return String.valueOf(metrics).replaceAll("\"[^\"]*(?i:second|time|PerS)[^\"]*\":[^,}]*,?", "");
  }

  /**
   * Waits until no score of these line items is PENDING, then checks: none refused, the LMS
   * accepted each (line item, user, timestamp) once, as many as the tool marked delivered, and the
   * gradebook's last score per user is the tool's newest.
   */
  private void awaitExactlyOnce(
      DrillClient api,
      DrillLms lms,
      String teacher,
      List<ResourceLinkPlacement> placements,
      Duration limit)
      throws InterruptedException {
    long until = System.nanoTime() + limit.toNanos();
    while (true) {
      int pending = 0;
      for (ResourceLinkPlacement p : placements) {
        pending +=
            api.deliveryStates(teacher, p.lineItem().orElseThrow()).getOrDefault("PENDING", 0);
      }
      if (pending == 0) {
        break;
      }
      check(System.nanoTime() < until, pending + " scores still pending after " + limit);
      Thread.sleep(250);
    }
    int delivered = 0;
    for (var v : api.deliveries(teacher)) {
      JsonObject d = v.asJsonObject();
      check(!d.getString("state").equals("FAILED_PERMANENT"), "a score was refused: " + d);
      if (d.getString("state").equals("DELIVERED")) {
        delivered++;
      }
    }
    Map<String, Integer> accepted = lms.accepted();
    accepted.forEach((k, n) -> check(n == 1, "the LMS got score " + k + " " + n + " times"));
    check(
        accepted.size() == delivered,
        "the tool marked " + delivered + " delivered, the LMS accepted " + accepted.size());
    for (ResourceLinkPlacement p : placements) {
      Map<String, Double> book = lms.gradebook(p);
      Map<String, Double> newest = new HashMap<>();
      for (var v : api.deliveries(teacher)) { // newest first
        JsonObject d = v.asJsonObject();
        if (d.getString("lineItem").equals(p.lineItem().orElseThrow().toString())
            && !newest.containsKey(d.getString("userId"))) {
          newest.put(
              d.getString("userId"),
              d.get("scoreGiven") instanceof jakarta.json.JsonNumber n
                  ? n.doubleValue()
                  : Double.NaN);
        }
      }
      check(book.equals(newest), "gradebook " + book + " vs the tool's newest " + newest);
    }
    log(
        "every score delivered exactly once: %d accepted, %d posts in all (%d answered with a fault)",
        accepted.size(), lms.scorePosts(), lms.faulted());
  }

  // --- 2. LMS down ------------------------------------------------------------------------------

  private void lmsOutage(ServerProcess server, DrillLms lms, Course c) throws Exception {
    DrillClient api = new DrillClient(server.base());
    List<ResourceLinkPlacement> all = new ArrayList<>();
    for (DrillLms.Fault f :
        List.of(
            DrillLms.Fault.REFUSED,
            DrillLms.Fault.ERROR_500,
            DrillLms.Fault.TOO_MANY_429,
            DrillLms.Fault.SLOW)) {
      String title = "Outage " + f;
      ResourceLinkPlacement p = lms.placeExercise(title, "IMAGE_ANSWER", 10);
      all.add(p);
      long id = api.exerciseId(c.teacher(), title);
      api.imageAnswerSettings(c.teacher(), id, c.datasetId());
      List<String> tokens = new ArrayList<>();
      for (String s : c.students().subList(0, 4)) {
        tokens.add(lms.launch(p, s));
      }
      int acceptedBefore = lms.acceptedTotal();
      int faultedBefore = lms.faulted();
      lms.fault(f);
      long down = System.nanoTime();
      for (int i = 0; i < tokens.size(); i++) {
        DrillClient.expect(
            201,
            api.post(
                "api/course/exercises/" + id + "/answers?prompt=" + (i % 2),
                tokens.get(i),
                "image/png",
                DrillClient.png(pictures, i % 2 == 0 ? "triangle" : "circle", i)),
            "answer while the LMS is down");
      }
      // The LMS stays down until at least one attempt met the fault.
      long stay = f == DrillLms.Fault.SLOW ? DrillLms.SLOW_HANG.toMillis() + 3000 : 5000;
      Thread.sleep(stay);
      URI li = p.lineItem().orElseThrow();
      Map<String, Integer> states = api.deliveryStates(c.teacher(), li);
      check(states.getOrDefault("PENDING", 0) == 4, f + ": scores should wait: " + states);
      check(lms.acceptedTotal() == acceptedBefore, f + ": nothing can arrive while down");
      String lastError = "";
      for (var v : api.deliveries(c.teacher())) {
        JsonObject d = v.asJsonObject();
        if (d.getString("lineItem").equals(li.toString())
            && d.get("lastError") instanceof jakarta.json.JsonString) {
          lastError = d.getString("lastError");
        }
      }
      check(!lastError.isEmpty(), f + ": the teacher should see why scores wait");
      check(
          f == DrillLms.Fault.REFUSED || lms.faulted() > faultedBefore,
          f + ": the fault was never hit");
      lms.fault(DrillLms.Fault.NONE);
      long back = System.nanoTime();
      awaitExactlyOnce(api, lms, c.teacher(), all, Duration.ofSeconds(90));
      log(
          "LMS %s for %.1f s: scores waited (\"%s\"), all arrived %.1f s after it came back",
          f,
          (back - down) / 1e9,
          lastError.length() > 90 ? lastError.substring(0, 90) + "..." : lastError,
          (System.nanoTime() - back) / 1e9);
    }
  }

  // --- 3. Disk full -----------------------------------------------------------------------------

  private void diskFull(ServerProcess server, Course c) throws Exception {
    DrillClient api = new DrillClient(server.base());
    Path storage = work.resolve("h2/data/storage");
    Path filler = storage.resolve("drill-filler");
    List<Path> before = files(storage);
    long written = 0;
    byte[] block = new byte[1 << 20];
    try (var out = Files.newOutputStream(filler)) {
      while (true) {
        out.write(block);
        written += block.length;
      }
    } catch (IOException full) {
      log("storage filled with %d MiB: %s", written >> 20, full.getMessage());
    }
    try {
      byte[] zip = DrillClient.shapesZip(60, 11);
      HttpResponse<String> r =
          api.post(
              "api/course/datasets?name=full&width=16&channels=1&seed=3",
              c.teacher(),
              "application/zip",
              zip);
      log(
          "upload of %d KiB on a full disk: HTTP %d %s",
          zip.length >> 10, r.statusCode(), r.body());
      check(
          r.statusCode() == 507
              && r.headers().firstValue("Content-Type").orElse("").contains("problem+json"),
          "a full disk should give a 507 problem+json, got " + r.statusCode());
      check(r.body().contains("disk is full"), "the message should say the disk is full");
      List<Path> after = files(storage);
      after.remove(filler);
      check(after.equals(before), "files left behind: " + diff(after, before));
      check(
          new DrillClient(server.base()).get("health/live", null).statusCode() == 200,
          "the server should still answer");
      Files.delete(filler);
      HttpResponse<String> ok =
          api.post(
              "api/course/datasets?name=full&width=16&channels=1&seed=3",
              c.teacher(),
              "application/zip",
              zip);
      DrillClient.expect(201, ok, "upload once space is free again");
      log("space freed: the same upload is stored (HTTP 201)");
    } finally {
      Files.deleteIfExists(filler);
    }
  }

  private static List<Path> files(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return new ArrayList<>(s.filter(Files::isRegularFile).sorted().toList());
    }
  }

  private static List<Path> diff(List<Path> a, List<Path> b) {
    List<Path> d = new ArrayList<>(a);
    d.removeAll(b);
    return d;
  }

  // --- 4. Database drop -------------------------------------------------------------------------

  private void databaseDrop(ServerProcess server, DrillLms lms) throws Exception {
    log("starting a server on PostgreSQL (%s) ...", args.get("pg-url"));
    Duration up = server.start(startLimit());
    log("ready in %.1f s", up.toMillis() / 1e3);
    DrillClient api = new DrillClient(server.base());
    api.registerPlatform(ADMIN, lms.registrationJson());
    ResourceLinkPlacement p = lms.placeExercise("DB drill", "IMAGE_ANSWER", 10);
    String teacher = lms.launch(p, "teacher-1");
    long id = api.exerciseId(teacher, "DB drill");
    DrillClient.expect(200, api.get("api/course/exercises/" + id, teacher), "before the drop");

    shell(arg("pg-stop"));
    long down = System.nanoTime();
    log("PostgreSQL stopped");
    Map<String, Integer> seen = new HashMap<>();
    for (String path :
        List.of("api/course/exercises", "api/course/exercises/" + id, "api/course/models")) {
      long t = System.nanoTime();
      HttpResponse<String> r = api.get(path, teacher);
      seen.merge(path + " -> " + r.statusCode(), 1, Integer::sum);
      check(
          r.statusCode() == 503
              && r.headers().firstValue("Content-Type").orElse("").contains("problem+json"),
          "GET " + path + " with the database down: " + r.statusCode() + " " + r.body());
      check(
          r.body().contains("not reachable right now"),
          "the message should say the database is unreachable: " + r.body());
      check(
          System.nanoTime() - t < 15_000_000_000L, "GET " + path + " took more than 15 s to fail");
      log(
          "  GET %s -> %d in %d ms: %s",
          path, r.statusCode(), (System.nanoTime() - t) / 1_000_000, r.body());
    }
    HttpResponse<String> ready = api.get("health/ready", null);
    check(ready.statusCode() == 503, "readiness with the database down: " + ready.statusCode());
    HttpResponse<String> write =
        api.put(
            "api/course/exercises/" + id + "/settings",
            teacher,
            "{\"datasetId\": 1, \"prompts\": []}");
    check(
        write.statusCode() == 503,
        "a write with the database down: " + write.statusCode() + " " + write.body());
    Thread.sleep(3000);
    shell(arg("pg-start"));
    log("PostgreSQL started again after %.1f s", (System.nanoTime() - down) / 1e9);
    long back = System.nanoTime();
    long until = back + 60_000_000_000L;
    while (true) {
      HttpResponse<String> r = api.get("api/course/exercises/" + id, teacher);
      if (r.statusCode() == 200) {
        break;
      }
      check(
          System.nanoTime() < until, "no recovery 60 s after the database came back: " + r.body());
      Thread.sleep(250);
    }
    DrillClient.expect(200, api.get("health/ready", null), "readiness after recovery");
    log(
        "requests work again %.1f s after the database came back",
        (System.nanoTime() - back) / 1e9);
  }

  private static void shell(String command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("bash", "-c", command).inheritIO().start();
    check(p.waitFor() == 0, "command failed: " + command);
  }

  static void check(boolean ok, String what) {
    if (!ok) {
      throw new AssertionError(what);
    }
  }
}
