package io.visiongrade.web.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.visiongrade.engine.data.DatasetWriter;
import io.visiongrade.engine.data.SyntheticShapes;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The classifier-challenge path end to end, black box: the teacher places an exercise, uploads a
 * tiny dataset and configures it; a student submits a tiny spec, which is queued, trained, graded
 * by the rubric and sent to the emulator's gradebook; a bad spec is a 400 naming the layer; another
 * student's submission is a 404; a predictions CSV is graded.
 */
@ExtendWith(ArquillianExtension.class)
class ChallengeIT {

  static final String SPEC =
      """
      {"input": {"width": 16, "height": 16, "channels": 1},
       "layers": [ {"type": "conv2d", "filters": 4, "kernel": 3, "activation": "relu"},
                   {"type": "maxpool2d", "pool": 2}, {"type": "flatten"},
                   {"type": "dense", "units": "classes"} ],
       "optimizer": {"type": "adam", "learningRate": 0.01},
       "training": {"epochs": 2, "batchSize": 8, "seed": 1} }
      """;

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.war();
  }

  @ArquillianResource URL base;

  record Course(String teacher, String student, String other, long exerciseId, String title) {}

  static byte[] shapesZip() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    DatasetWriter.writeZip(
        SyntheticShapes.builder()
            .optCountPerClass(12)
            .optSize(16)
            .optChannels(1)
            .optSeed(4)
            .build()
            .generate(),
        out,
        "shapes");
    return out.toByteArray();
  }

  /** A placed, configured challenge on the tiny dataset. */
  Course challenge(Http http, byte[] zip) {
    http.awaitReady(120);
    LmsLaunches lms = new LmsLaunches(base.toString());
    String title = "Challenge " + System.nanoTime();
    String page = lms.placeExercise(title, "CLASSIFIER_CHALLENGE", 10);
    String teacher = lms.launchAs(page, "teacher-1");
    String student = lms.launchAs(page, "student-1");
    String other = lms.launchAs(page, "student-2");
    long exerciseId = lms.exerciseId(http, teacher, title);
    HttpResponse<String> dataset =
        http.send(
            http.request("api/course/datasets?name=shapes&width=16&channels=1&seed=3")
                .header("Authorization", "Bearer " + teacher)
                .header("Content-Type", "application/zip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(zip))
                .build());
    assertEquals(201, dataset.statusCode(), dataset.body());
    long datasetId = Http.json(dataset).asJsonObject().getJsonNumber("id").longValue();
    String settings =
        """
        {"datasetId": %d, "computeCaps": {"wallSeconds": 120, "maxParameters": 100000,
         "maxEpochs": 2}, "rubric": {"metric": "ACCURACY", "baseline": 0.0, "target": 1.0}}
        """
            .formatted(datasetId);
    HttpResponse<String> saved =
        http.send(
            http.request("api/course/exercises/" + exerciseId + "/settings")
                .header("Authorization", "Bearer " + teacher)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(settings))
                .build());
    assertEquals(200, saved.statusCode(), saved.body());
    return new Course(teacher, student, other, exerciseId, title);
  }

  static HttpResponse<String> submit(
      Http http, String token, long exerciseId, String type, byte[] body) {
    return http.send(
        http.request("api/course/exercises/" + exerciseId + "/submissions")
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", type)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build());
  }

  static HttpResponse<String> get(Http http, String path, String token) {
    return http.send(http.request(path).header("Authorization", "Bearer " + token).build());
  }

  /** Polls a submission until it is no longer queued or running. */
  static JsonObject awaitFinal(Http http, String token, long id) throws InterruptedException {
    long until = System.nanoTime() + 180_000_000_000L;
    while (true) {
      HttpResponse<String> r = get(http, "api/course/submissions/" + id, token);
      assertEquals(200, r.statusCode(), r.body());
      JsonObject s = Http.json(r).asJsonObject();
      String status = s.getString("status");
      if (!status.equals("QUEUED") && !status.equals("RUNNING")) {
        return s;
      }
      assertTrue(System.nanoTime() < until, "still " + status + ": " + r.body());
      Thread.sleep(500);
    }
  }

  /** Polls the emulator's gradebook until the column of {@code title} has a score of the user. */
  static double awaitGradebookScore(Http http, String title, String user)
      throws InterruptedException {
    long until = System.nanoTime() + 60_000_000_000L;
    Pattern row = Pattern.compile("<td>" + Pattern.quote(user) + "</td><td>([0-9.eE+-]+)</td>");
    while (true) {
      String page = http.get("dev-lms/gradebook").body();
      int at = page.indexOf("<h2>" + title + "</h2>");
      if (at >= 0) {
        int end = page.indexOf("</table>", at);
        Matcher m = row.matcher(page.substring(at, end < 0 ? page.length() : end));
        if (m.find()) {
          return Double.parseDouble(m.group(1));
        }
      }
      assertTrue(System.nanoTime() < until, "no score of " + user + " for " + title + ": " + page);
      Thread.sleep(500);
    }
  }

  @Test
  void aSpecIsQueuedTrainedGradedAndSentToTheGradebook() throws Exception {
    Http http = new Http(base.toString());
    Course c = challenge(http, shapesZip());

    HttpResponse<String> accepted =
        submit(http, c.student(), c.exerciseId(), "application/json", SPEC.getBytes());
    assertEquals(202, accepted.statusCode(), accepted.body());
    JsonObject queued = Http.json(accepted).asJsonObject();
    long id = queued.getJsonNumber("id").longValue();
    assertTrue(
        queued.getString("status").equals("QUEUED") || queued.getString("status").equals("RUNNING"),
        accepted.body());
    assertTrue(accepted.headers().firstValue("Location").orElse("").endsWith("/submissions/" + id));

    JsonObject graded = awaitFinal(http, c.student(), id);
    assertEquals("GRADED", graded.getString("status"), graded.toString());
    double points = graded.getJsonNumber("points").doubleValue();
    assertEquals(
        10 * graded.getJsonNumber("publicMetric").doubleValue(), points, 1e-6, graded.toString());
    assertTrue(graded.getJsonObject("metrics").containsKey("validation"), graded.toString());
    assertEquals(points, awaitGradebookScore(http, c.title(), "student-1"), 1e-6);

    assertEquals(404, get(http, "api/course/submissions/" + id, c.other()).statusCode());
    HttpResponse<String> mine = get(http, "api/course/submissions", c.other());
    assertEquals(200, mine.statusCode(), mine.body());
    assertTrue(
        Http.json(mine).asJsonArray().stream()
            .noneMatch(v -> v.asJsonObject().getJsonNumber("id").longValue() == id),
        mine.body());

    HttpResponse<String> events =
        get(http, "api/course/submissions/" + id + "/events", c.student());
    assertEquals(200, events.statusCode(), events.body());
    assertTrue(events.body().contains("event: submission"), events.body());
  }

  @Test
  void aBadSpecIsA400NamingTheLayer() throws Exception {
    Http http = new Http(base.toString());
    Course c = challenge(http, shapesZip());
    String bad = SPEC.replace("\"filters\": 4", "\"filters\": 2.5");
    // Other tests share the emulated course and its students: count, do not assume none.
    int before = Http.json(get(http, "api/course/submissions", c.student())).asJsonArray().size();
    HttpResponse<String> r =
        submit(http, c.student(), c.exerciseId(), "application/json", bad.getBytes());
    assertEquals(400, r.statusCode(), r.body());
    assertTrue(r.body().contains("layer 0 (conv2d)"), r.body());
    HttpResponse<String> list = get(http, "api/course/submissions", c.student());
    assertEquals(before, Http.json(list).asJsonArray().size(), list.body());
  }

  @Test
  void aPredictionsCsvIsGraded() throws Exception {
    Http http = new Http(base.toString());
    byte[] zip = shapesZip();
    Course c = challenge(http, zip);
    // Built as a student builds it: from the downloaded test images (named by public ids).
    String csv =
        CsvChallenges.perfect(CsvChallenges.labelledIds(http, c.student(), c.exerciseId()));
    HttpResponse<String> accepted =
        submit(http, c.student(), c.exerciseId(), "text/csv", csv.getBytes());
    assertEquals(202, accepted.statusCode(), accepted.body());
    long id = Http.json(accepted).asJsonObject().getJsonNumber("id").longValue();
    JsonObject graded = awaitFinal(http, c.student(), id);
    assertEquals("GRADED", graded.getString("status"), graded.toString());
    assertEquals(10.0, graded.getJsonNumber("points").doubleValue(), 1e-9, graded.toString());
    assertEquals(10.0, awaitGradebookScore(http, c.title(), "student-1"), 1e-9);
  }
}
