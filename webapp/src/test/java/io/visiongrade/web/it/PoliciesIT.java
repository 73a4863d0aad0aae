package io.visiongrade.web.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The grading policy over HTTP, with predictions CSVs (graded in a moment): the attempt limit, the
 * minimum time between gradings and the daily cap (429 with a message and Retry-After), the late
 * penalty after the due date, best versus last attempt, the blind phase (the private part's score
 * hidden until the due date), and one student never reading another's submission.
 */
@ExtendWith(ArquillianExtension.class)
class PoliciesIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.war();
  }

  @ArquillianResource URL base;

  record Placed(CsvChallenges.Challenge c, Map<String, Integer> ids) {}

  Placed place(Http http, String settings) {
    CsvChallenges.Challenge c = CsvChallenges.create(http, base.toString(), settings);
    return new Placed(c, CsvChallenges.labelledIds(http, c.student(), c.exerciseId()));
  }

  /** Submits and waits for the grade; the graded submission. */
  static JsonObject graded(Http http, String token, long exerciseId, String csv)
      throws InterruptedException {
    HttpResponse<String> r = CsvChallenges.submit(http, token, exerciseId, csv);
    assertEquals(202, r.statusCode(), r.body());
    JsonObject s =
        ChallengeIT.awaitFinal(
            http, token, Http.json(r).asJsonObject().getJsonNumber("id").longValue());
    assertEquals("GRADED", s.getString("status"), s.toString());
    return s;
  }

  static void assertRefused(HttpResponse<String> r, int status, String message) {
    assertEquals(status, r.statusCode(), r.body());
    assertTrue(
        r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"),
        r.headers().toString());
    assertTrue(r.body().contains(message), r.body());
  }

  static int submissionCount(Http http, String token) {
    HttpResponse<String> mine = ChallengeIT.get(http, "api/course/submissions", token);
    assertEquals(200, mine.statusCode(), mine.body());
    return Http.json(mine).asJsonArray().size();
  }

  /** The teacher's gradebook cell of student-1 on the exercise. */
  static JsonObject cell(Http http, CsvChallenges.Challenge c) {
    HttpResponse<String> r =
        ChallengeIT.get(http, "api/course/gradebook?exercise=" + c.exerciseId(), c.teacher());
    assertEquals(200, r.statusCode(), r.body());
    return GradebookIT.row(Http.json(r).asJsonObject(), "student-1")
        .getJsonArray("cells")
        .getJsonObject(0);
  }

  @Test
  void theAttemptLimitRefusesTheNextSubmissionWithAClearMessage() throws Exception {
    Http http = new Http(base.toString());
    Placed p = place(http, "\"maxAttempts\": 1");
    graded(http, p.c().student(), p.c().exerciseId(), CsvChallenges.perfect(p.ids()));
    int before = submissionCount(http, p.c().student());

    HttpResponse<String> again =
        CsvChallenges.submit(
            http, p.c().student(), p.c().exerciseId(), CsvChallenges.perfect(p.ids()));
    assertRefused(again, 429, "You have used all 1 attempt of this exercise");
    assertEquals(before, submissionCount(http, p.c().student()), "nothing was stored");
    // Another student still has their attempt.
    graded(http, p.c().other(), p.c().exerciseId(), CsvChallenges.perfect(p.ids()));
  }

  @Test
  void theMinimumIntervalThrottlesWithRetryAfter() throws Exception {
    Http http = new Http(base.toString());
    Placed p = place(http, "\"minIntervalSeconds\": 3600");
    graded(http, p.c().student(), p.c().exerciseId(), CsvChallenges.perfect(p.ids()));

    HttpResponse<String> soon =
        CsvChallenges.submit(
            http, p.c().student(), p.c().exerciseId(), CsvChallenges.perfect(p.ids()));
    assertRefused(soon, 429, "at least 3600 seconds must pass between two gradings");
    long retry = Long.parseLong(soon.headers().firstValue("Retry-After").orElseThrow());
    assertTrue(retry > 3500 && retry <= 3600, "Retry-After " + retry);
  }

  @Test
  void theDailyCapThrottlesWithRetryAfter() throws Exception {
    Http http = new Http(base.toString());
    Placed p = place(http, "\"dailyCap\": 2");
    graded(http, p.c().student(), p.c().exerciseId(), CsvChallenges.perfect(p.ids()));
    graded(http, p.c().student(), p.c().exerciseId(), CsvChallenges.allWrong(p.ids()));

    HttpResponse<String> third =
        CsvChallenges.submit(
            http, p.c().student(), p.c().exerciseId(), CsvChallenges.perfect(p.ids()));
    assertRefused(third, 429, "You have used your 2 gradings for 24 hours");
    long retry = Long.parseLong(third.headers().firstValue("Retry-After").orElseThrow());
    assertTrue(retry > 86_000 && retry <= 86_400, "Retry-After " + retry);
  }

  @Test
  void aLateSubmissionLosesItsPercentPerStartedDay() throws Exception {
    Http http = new Http(base.toString());
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    Placed p =
        place(
            http,
            """
            "opensAt": "%s", "dueAt": "%s", "late": {"percentPerDay": 10, "capPercent": 50}
            """
                .formatted(now.minus(Duration.ofDays(3)), now.minus(Duration.ofHours(30))));
    JsonObject s =
        graded(http, p.c().student(), p.c().exerciseId(), CsvChallenges.perfect(p.ids()));
    assertTrue(s.getBoolean("late"), s.toString());
    assertEquals(20.0, s.getJsonNumber("penaltyPercent").doubleValue(), 1e-9, s.toString());
    assertEquals(8.0, s.getJsonNumber("points").doubleValue(), 1e-9, s.toString());

    JsonObject cell = cell(http, p.c());
    assertTrue(cell.getBoolean("late"), cell.toString());
    assertEquals(2, cell.getInt("daysLate"), cell.toString());
    assertEquals(8.0, cell.getJsonNumber("points").doubleValue(), 1e-9, cell.toString());

    // Without a late policy the exercise is closed after its due date: 409.
    Placed closed =
        place(
            http,
            "\"opensAt\": \"%s\", \"dueAt\": \"%s\""
                .formatted(now.minus(Duration.ofDays(3)), now.minus(Duration.ofHours(30))));
    assertRefused(
        CsvChallenges.submit(
            http,
            closed.c().student(),
            closed.c().exerciseId(),
            CsvChallenges.perfect(closed.ids())),
        409,
        "takes no late submissions");
  }

  @Test
  void theBestOrTheLastAttemptCounts() throws Exception {
    Http http = new Http(base.toString());
    Placed best = place(http, "\"attemptSelection\": \"BEST\"");
    JsonObject good =
        graded(http, best.c().student(), best.c().exerciseId(), CsvChallenges.perfect(best.ids()));
    graded(http, best.c().student(), best.c().exerciseId(), CsvChallenges.allWrong(best.ids()));
    JsonObject bestCell = cell(http, best.c());
    assertEquals(10.0, bestCell.getJsonNumber("points").doubleValue(), 1e-9, bestCell.toString());
    assertEquals(
        good.getJsonNumber("id").longValue(),
        bestCell.getJsonNumber("countingSubmissionId").longValue());
    assertEquals(2, bestCell.getInt("attemptsUsed"));

    Placed last = place(http, "\"attemptSelection\": \"LAST\"");
    graded(http, last.c().student(), last.c().exerciseId(), CsvChallenges.perfect(last.ids()));
    JsonObject worse =
        graded(http, last.c().student(), last.c().exerciseId(), CsvChallenges.allWrong(last.ids()));
    JsonObject lastCell = cell(http, last.c());
    assertEquals(0.0, lastCell.getJsonNumber("points").doubleValue(), 1e-9, lastCell.toString());
    assertEquals(10.0, lastCell.getJsonNumber("bestPoints").doubleValue(), 1e-9);
    assertEquals(
        worse.getJsonNumber("id").longValue(),
        lastCell.getJsonNumber("countingSubmissionId").longValue());
  }

  @Test
  void theBlindPhaseHidesThePrivateScoreUntilTheDueDate() throws Exception {
    Http http = new Http(base.toString());
    Instant due = Instant.now().plus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);
    Placed p = place(http, "\"publicTestFraction\": 0.5, \"dueAt\": \"%s\"".formatted(due));
    // Right on even images, wrong on odd ones: the two parts score differently.
    String csv = CsvChallenges.csv(p.ids(), (k, truth) -> k % 2 == 0 ? truth : (truth + 1) % 3);
    JsonObject s = graded(http, p.c().student(), p.c().exerciseId(), csv);
    long id = s.getJsonNumber("id").longValue();
    assertTrue(s.containsKey("publicMetric"), s.toString());
    assertTrue(GradebookIT.isNull(s, "privateMetric"), s.toString());
    HttpResponse<String> list = ChallengeIT.get(http, "api/course/submissions", p.c().student());
    assertFalse(list.body().contains("privateMetric\":"), list.body());
    assertFalse(list.body().toLowerCase().contains("private\""), list.body());
    // The teacher sees both parts.
    HttpResponse<String> all =
        ChallengeIT.get(
            http, "api/course/exercises/" + p.c().exerciseId() + "/submissions", p.c().teacher());
    JsonArray teacherView = Http.json(all).asJsonArray();
    assertTrue(teacherView.getJsonObject(0).containsKey("privateMetric"), all.body());

    // The teacher moves the due date into the past: the private part is revealed.
    CsvChallenges.configure(
        http,
        p.c(),
        "\"publicTestFraction\": 0.5, \"dueAt\": \"%s\""
            .formatted(Instant.now().minusSeconds(5).truncatedTo(ChronoUnit.SECONDS)));
    HttpResponse<String> after =
        ChallengeIT.get(http, "api/course/submissions/" + id, p.c().student());
    JsonObject revealed = Http.json(after).asJsonObject();
    assertTrue(revealed.containsKey("privateMetric"), after.body());
    assertEquals(
        teacherView.getJsonObject(0).getJsonNumber("privateMetric").doubleValue(),
        revealed.getJsonNumber("privateMetric").doubleValue(),
        1e-9);
  }

  @Test
  void aStudentCannotReadAnotherStudentsSubmission() throws Exception {
    Http http = new Http(base.toString());
    Placed p = place(http, "");
    JsonObject s =
        graded(http, p.c().student(), p.c().exerciseId(), CsvChallenges.perfect(p.ids()));
    long id = s.getJsonNumber("id").longValue();

    for (String path :
        new String[] {"api/course/submissions/" + id, "api/course/submissions/" + id + "/events"}) {
      assertRefused(ChallengeIT.get(http, path, p.c().other()), 404, "" + id);
    }
    HttpResponse<String> cancel =
        http.send(
            http.request("api/course/submissions/" + id + "/cancel")
                .header("Authorization", "Bearer " + p.c().other())
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());
    assertRefused(cancel, 404, "" + id);
    HttpResponse<String> theirs = ChallengeIT.get(http, "api/course/submissions", p.c().other());
    assertFalse(theirs.body().contains("\"id\":" + id + ","), theirs.body());
    // Still there for its owner.
    assertEquals(
        200, ChallengeIT.get(http, "api/course/submissions/" + id, p.c().student()).statusCode());
  }
}
