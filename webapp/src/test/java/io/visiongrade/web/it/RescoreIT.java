package io.visiongrade.web.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Re-scoring end to end, black box: a predictions CSV is graded and its score reaches the
 * emulator's gradebook; the teacher saves a new rubric target and maximum score, which re-scores
 * the exercise by itself (a job): the grade changes and the new score reaches the gradebook; asking
 * for a re-scoring again changes nothing and sends nothing; students may not ask for one.
 */
@ExtendWith(ArquillianExtension.class)
class RescoreIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.war();
  }

  @ArquillianResource URL base;

  /**
   * The CSV right on two of every three test images (in download order), under the public ids of
   * the exercise's test-image download.
   */
  static String csv(Http http, String token, long exerciseId) {
    return CsvChallenges.csv(
        CsvChallenges.labelledIds(http, token, exerciseId),
        (k, truth) -> k % 3 == 0 ? (truth + 1) % 3 : truth);
  }

  static HttpResponse<String> send(
      Http http, String method, String path, String token, String json) {
    HttpRequest.Builder r =
        http.request(path)
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json");
    return http.send(
        r.method(
                method,
                json == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json))
            .build());
  }

  /** Polls the exercise's re-scorings until the newest has ended; that one. */
  static JsonObject awaitRescoring(Http http, String teacher, long exerciseId, long afterJob)
      throws InterruptedException {
    long until = System.nanoTime() + 120_000_000_000L;
    while (true) {
      HttpResponse<String> r =
          ChallengeIT.get(http, "api/course/exercises/" + exerciseId + "/rescore", teacher);
      assertEquals(200, r.statusCode(), r.body());
      JsonArray jobs = Http.json(r).asJsonArray();
      if (!jobs.isEmpty()) {
        JsonObject newest = jobs.getJsonObject(0);
        String state = newest.getString("state");
        if (newest.getJsonNumber("jobId").longValue() > afterJob
            && !state.equals("QUEUED")
            && !state.equals("RUNNING")) {
          return newest;
        }
      }
      assertTrue(System.nanoTime() < until, "no re-scoring ended: " + r.body());
      Thread.sleep(300);
    }
  }

  /** The scores enqueued for a user with one grade reference, newest first. */
  static List<JsonObject> deliveries(Http http, String teacher, String user, String gradeRef) {
    HttpResponse<String> r = ChallengeIT.get(http, "api/course/score-deliveries", teacher);
    assertEquals(200, r.statusCode(), r.body());
    return Http.json(r).asJsonArray().stream()
        .map(JsonValue::asJsonObject)
        .filter(d -> d.getString("userId").equals(user) && d.getString("gradeRef").equals(gradeRef))
        .toList();
  }

  /**
   * The user's scores in the emulator gradebook's column of {@code title}, oldest first (the
   * emulator keeps every score it accepted), as (given, maximum) pairs.
   */
  static List<double[]> gradebookScores(Http http, String title, String user) {
    String page = http.get("dev-lms/gradebook").body();
    int at = page.indexOf("<h2>" + title + "</h2>");
    if (at < 0) {
      return List.of();
    }
    int end = page.indexOf("</table>", at);
    Matcher m =
        Pattern.compile(
                "<td>" + Pattern.quote(user) + "</td><td>([0-9.eE+-]+)</td><td>([0-9.eE+-]+)</td>")
            .matcher(page.substring(at, end < 0 ? page.length() : end));
    List<double[]> out = new ArrayList<>();
    while (m.find()) {
      out.add(new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2))});
    }
    return out;
  }

  /** Polls the gradebook until the user's latest score in the column is {@code expected}. */
  static List<double[]> awaitGradebook(Http http, String title, String user, double expected)
      throws InterruptedException {
    long until = System.nanoTime() + 60_000_000_000L;
    while (true) {
      List<double[]> scores = gradebookScores(http, title, user);
      if (!scores.isEmpty() && Math.abs(scores.get(scores.size() - 1)[0] - expected) < 1e-6) {
        return scores;
      }
      assertTrue(
          System.nanoTime() < until,
          "gradebook has "
              + scores.stream().map(x -> x[0] + "/" + x[1]).toList()
              + ", not "
              + expected);
      Thread.sleep(300);
    }
  }

  @Test
  void aNewRubricTargetAndMaximumRescoreTheGradeAndSendItOnce() throws Exception {
    Http http = new Http(base.toString());
    ChallengeIT setup = new ChallengeIT();
    setup.base = base;
    byte[] zip = ChallengeIT.shapesZip();
    ChallengeIT.Course c = setup.challenge(http, zip);

    HttpResponse<String> accepted =
        ChallengeIT.submit(
            http,
            c.student(),
            c.exerciseId(),
            "text/csv",
            csv(http, c.student(), c.exerciseId()).getBytes());
    assertEquals(202, accepted.statusCode(), accepted.body());
    long id = Http.json(accepted).asJsonObject().getJsonNumber("id").longValue();
    JsonObject graded = ChallengeIT.awaitFinal(http, c.student(), id);
    assertEquals("GRADED", graded.getString("status"), graded.toString());
    double metric = graded.getJsonNumber("publicMetric").doubleValue();
    assertTrue(metric > 0.4 && metric < 0.9, graded.toString());
    double before = graded.getJsonNumber("points").doubleValue();
    assertEquals(10 * metric, before, 1e-6, graded.toString());
    assertEquals(1, awaitGradebook(http, c.title(), "student-1", before).size());
    // Every score of this grade names the one submission (the only attempt).
    String gradeRef = "submission:" + id;
    List<JsonObject> sent = awaitDeliveries(http, c.teacher(), "student-1", gradeRef, 1);

    // The teacher saves a new target and maximum: the exercise is re-scored by itself.
    long lastJob = newestRescoring(http, c);
    JsonObject settings =
        Http.json(ChallengeIT.get(http, "api/course/exercises/" + c.exerciseId(), c.teacher()))
            .asJsonObject();
    long datasetId =
        settings.getJsonObject("settings").getJsonObject("dataset").getJsonNumber("id").longValue();
    assertEquals(false, settings.getJsonObject("settings").getBoolean("chargeUserErrors"));
    HttpResponse<String> saved =
        send(
            http,
            "PUT",
            "api/course/exercises/" + c.exerciseId() + "/settings",
            c.teacher(),
            """
            {"datasetId": %d, "computeCaps": {"wallSeconds": 120, "maxParameters": 100000,
             "maxEpochs": 2}, "rubric": {"metric": "ACCURACY", "baseline": 0.0, "target": 0.95},
             "maxScore": 20}
            """
                .formatted(datasetId));
    assertEquals(200, saved.statusCode(), saved.body());
    JsonObject job = awaitRescoring(http, c.teacher(), c.exerciseId(), lastJob);
    assertEquals("SUCCEEDED", job.getString("state"), job.toString());
    assertTrue(job.getString("result").contains("1 grades changed"), job.toString());

    double expected = 20 * Math.min(1, metric / 0.95);
    JsonObject rescored =
        Http.json(ChallengeIT.get(http, "api/course/submissions/" + id, c.student()))
            .asJsonObject();
    assertEquals(
        expected, rescored.getJsonNumber("points").doubleValue(), 1e-6, rescored.toString());
    assertEquals(metric, rescored.getJsonNumber("publicMetric").doubleValue(), 1e-12);
    List<double[]> book = awaitGradebook(http, c.title(), "student-1", expected);
    assertEquals(2, book.size());
    assertEquals(20.0, book.get(1)[1], 1e-9);
    sent = awaitDeliveries(http, c.teacher(), "student-1", gradeRef, 2);
    assertEquals(expected, sent.get(0).getJsonNumber("scoreGiven").doubleValue(), 1e-6);
    assertEquals(20.0, sent.get(0).getJsonNumber("scoreMaximum").doubleValue(), 1e-9);

    // Asking again: a job that changes nothing and sends nothing.
    HttpResponse<String> again =
        send(
            http, "POST", "api/course/exercises/" + c.exerciseId() + "/rescore", c.teacher(), null);
    assertEquals(202, again.statusCode(), again.body());
    long againId = Http.json(again).asJsonObject().getJsonNumber("jobId").longValue();
    JsonObject second = awaitRescoring(http, c.teacher(), c.exerciseId(), againId - 1);
    assertEquals(againId, second.getJsonNumber("jobId").longValue());
    assertEquals("SUCCEEDED", second.getString("state"), second.toString());
    assertTrue(second.getString("result").contains("0 grades changed"), second.toString());
    assertTrue(second.getString("result").contains("0 submissions given new points"));
    assertEquals(2, deliveries(http, c.teacher(), "student-1", gradeRef).size());
    assertEquals(2, gradebookScores(http, c.title(), "student-1").size());

    // Students may not re-score; an unknown exercise is 404.
    HttpResponse<String> student =
        send(
            http, "POST", "api/course/exercises/" + c.exerciseId() + "/rescore", c.student(), null);
    assertEquals(403, student.statusCode(), student.body());
    assertTrue(student.headers().firstValue("Content-Type").orElse("").contains("problem+json"));
    assertEquals(
        404,
        send(http, "POST", "api/course/exercises/999999999/rescore", c.teacher(), null)
            .statusCode());
  }

  private static long newestRescoring(Http http, ChallengeIT.Course c) {
    HttpResponse<String> r =
        ChallengeIT.get(http, "api/course/exercises/" + c.exerciseId() + "/rescore", c.teacher());
    assertEquals(200, r.statusCode(), r.body());
    JsonArray jobs = Http.json(r).asJsonArray();
    return jobs.isEmpty() ? 0 : jobs.getJsonObject(0).getJsonNumber("jobId").longValue();
  }

  /** Polls the deliveries until there are {@code n} of the grade reference; them, newest first. */
  private static List<JsonObject> awaitDeliveries(
      Http http, String teacher, String user, String gradeRef, int n) throws InterruptedException {
    long until = System.nanoTime() + 30_000_000_000L;
    while (true) {
      List<JsonObject> found = deliveries(http, teacher, user, gradeRef);
      if (found.size() >= n) {
        assertEquals(n, found.size(), found.toString());
        return found;
      }
      assertTrue(System.nanoTime() < until, "only " + found);
      Thread.sleep(300);
    }
  }
}
