package io.visiongrade.web.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.visiongrade.engine.data.SyntheticShapes;
import jakarta.json.JsonObject;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The image-answer path end to end, black box: the teacher places an image-answer exercise, uploads
 * a tiny shapes dataset, sets prompts and thresholds, trains a course model (polled until READY)
 * and promotes it; a student answers "draw a triangle" with a triangle PNG and gets the decision
 * and the top classes, and the emulator's gradebook gets the points; a non-image is a 400; another
 * student cannot read the answer.
 */
@ExtendWith(ArquillianExtension.class)
class ImageAnswersIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.war();
  }

  @ArquillianResource URL base;

  /** A triangle drawn like the dataset's, as PNG bytes. */
  static byte[] trianglePng() throws Exception {
    Path dir = Files.createTempDirectory("shapes");
    try {
      SyntheticShapes.builder()
          .optCountPerClass(1)
          .optSize(16)
          .optChannels(1)
          .optSeed(9)
          .build()
          .writeDirectory(dir);
      try (Stream<Path> files = Files.walk(dir.resolve("triangle"))) {
        return Files.readAllBytes(files.filter(Files::isRegularFile).findFirst().orElseThrow());
      }
    } finally {
      try (Stream<Path> walk = Files.walk(dir)) {
        for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  static HttpResponse<String> post(Http http, String path, String token, String type, byte[] b) {
    return http.send(
        http.request(path)
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", type)
            .POST(HttpRequest.BodyPublishers.ofByteArray(b))
            .build());
  }

  /** Polls a course model until it is no longer TRAINING. */
  static JsonObject awaitModel(Http http, String teacher, long id) throws InterruptedException {
    long until = System.nanoTime() + 240_000_000_000L;
    while (true) {
      HttpResponse<String> r = ChallengeIT.get(http, "api/course/models/" + id, teacher);
      assertEquals(200, r.statusCode(), r.body());
      JsonObject m = Http.json(r).asJsonObject();
      if (!m.getString("state").equals("TRAINING")) {
        return m;
      }
      assertTrue(System.nanoTime() < until, "still training: " + r.body());
      Thread.sleep(500);
    }
  }

  @Test
  void aTriangleIsClassifiedDecidedAndGraded() throws Exception {
    Http http = new Http(base.toString());
    http.awaitReady(120);
    LmsLaunches lms = new LmsLaunches(base.toString());
    String title = "Draw " + System.nanoTime();
    String page = lms.placeExercise(title, "IMAGE_ANSWER", 10);
    String teacher = lms.launchAs(page, "teacher-1");
    String student = lms.launchAs(page, "student-1");
    String other = lms.launchAs(page, "student-2");
    long exerciseId = lms.exerciseId(http, teacher, title);

    HttpResponse<String> dataset =
        post(
            http,
            "api/course/datasets?name=shapes&width=16&channels=1&seed=3",
            teacher,
            "application/zip",
            ChallengeIT.shapesZip());
    assertEquals(201, dataset.statusCode(), dataset.body());
    long datasetId = Http.json(dataset).asJsonObject().getJsonNumber("id").longValue();
    String settings =
        """
        {"datasetId": %d, "prompts": [ {"text": "Draw a triangle", "expectedClass": "triangle"},
          {"text": "Draw a circle", "expectedClass": "circle"} ],
         "acceptThreshold": 0.6, "rejectThreshold": 0.2}
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

    byte[] png = trianglePng();
    String answerPath = "api/course/exercises/" + exerciseId + "/answers?prompt=0";
    // The emulator's one course is shared by all IT classes (and survives reruns on one database):
    // "no model yet" can only be checked while none was ever promoted.
    HttpResponse<String> existing = ChallengeIT.get(http, "api/course/models", teacher);
    assertEquals(200, existing.statusCode(), existing.body());
    boolean nonePromoted =
        Http.json(existing).asJsonArray().stream()
            .noneMatch(m -> m.asJsonObject().getBoolean("promoted"));
    if (nonePromoted) {
      HttpResponse<String> tooEarly = post(http, answerPath, student, "image/png", png);
      assertEquals(409, tooEarly.statusCode(), tooEarly.body());
      assertTrue(tooEarly.body().contains("not trained a model yet"), tooEarly.body());
    }

    String train =
        """
        {"datasetId": %d, "spec": %s}
        """
            .formatted(datasetId, ChallengeIT.SPEC);
    HttpResponse<String> queued =
        post(http, "api/course/models", teacher, "application/json", train.getBytes());
    assertEquals(202, queued.statusCode(), queued.body());
    long modelId = Http.json(queued).asJsonObject().getJsonNumber("id").longValue();
    assertEquals(
        403,
        post(http, "api/course/models", student, "application/json", train.getBytes())
            .statusCode());
    JsonObject model = awaitModel(http, teacher, modelId);
    assertEquals("READY", model.getString("state"), model.toString());
    assertTrue(model.getJsonObject("metrics").containsKey("test"), model.toString());
    HttpResponse<String> promoted =
        post(
            http,
            "api/course/models/" + modelId + "/promote",
            teacher,
            "application/json",
            new byte[0]);
    assertEquals(200, promoted.statusCode(), promoted.body());
    assertTrue(Http.json(promoted).asJsonObject().getBoolean("promoted"), promoted.body());

    HttpResponse<String> answered = post(http, answerPath, student, "image/png", png);
    assertEquals(201, answered.statusCode(), answered.body());
    JsonObject a = Http.json(answered).asJsonObject();
    assertTrue(
        List.of("ACCEPTED", "REJECTED", "REVIEW").contains(a.getString("decision")),
        answered.body());
    assertEquals("triangle", a.getString("expectedClass"));
    assertEquals(3, a.getJsonArray("topClasses").size(), answered.body());
    assertEquals(model.getInt("version"), a.getInt("modelVersion"));
    double points = a.getJsonNumber("points").doubleValue();
    assertEquals(a.getString("decision").equals("ACCEPTED") ? 5.0 : 0.0, points, 1e-9);
    assertEquals(points, ChallengeIT.awaitGradebookScore(http, title, "student-1"), 1e-6);

    HttpResponse<String> notImage =
        post(http, answerPath, student, "image/png", "not an image".getBytes());
    assertEquals(400, notImage.statusCode(), notImage.body());
    assertTrue(notImage.body().contains("not a PNG"), notImage.body());
    HttpResponse<String> text = post(http, answerPath, student, "text/plain", png);
    assertEquals(400, text.statusCode(), text.body());

    long answerId = a.getJsonNumber("id").longValue();
    assertEquals(
        200, ChallengeIT.get(http, "api/course/answers/" + answerId, student).statusCode());
    assertEquals(404, ChallengeIT.get(http, "api/course/answers/" + answerId, other).statusCode());
    assertEquals(
        200,
        ChallengeIT.get(http, "api/course/answers/" + answerId + "/heatmap.png", student)
            .statusCode());
    assertEquals(
        404,
        ChallengeIT.get(http, "api/course/answers/" + answerId + "/heatmap.png", other)
            .statusCode());
    // Teachers see any answer's image and heat map in their course; students not through these.
    HttpResponse<String> teacherMap =
        ChallengeIT.get(http, "api/course/reviews/" + answerId + "/heatmap.png", teacher);
    assertEquals(200, teacherMap.statusCode(), teacherMap.body());
    assertEquals("image/png", teacherMap.headers().firstValue("Content-Type").orElse(""));
    assertEquals(
        200,
        ChallengeIT.get(http, "api/course/reviews/" + answerId + "/image", teacher).statusCode());
    assertEquals(
        403,
        ChallengeIT.get(http, "api/course/reviews/" + answerId + "/heatmap.png", student)
            .statusCode());
    // The gradebook counts the answer.
    HttpResponse<String> book =
        ChallengeIT.get(http, "api/course/gradebook?exercise=" + exerciseId, teacher);
    assertEquals(200, book.statusCode(), book.body());
    JsonObject cell =
        GradebookIT.row(Http.json(book).asJsonObject(), "student-1")
            .getJsonArray("cells")
            .getJsonObject(0);
    assertTrue(cell.getInt("attemptsUsed") >= 1, cell.toString());
    assertTrue(!cell.getString("state").equals("NOT_STARTED"), cell.toString());
    HttpResponse<String> reviews = ChallengeIT.get(http, "api/course/reviews", teacher);
    assertEquals(200, reviews.statusCode(), reviews.body());
    assertEquals(403, ChallengeIT.get(http, "api/course/reviews", student).statusCode());
    HttpResponse<String> others = ChallengeIT.get(http, "api/course/answers", other);
    assertEquals(0, Http.json(others).asJsonArray().size(), others.body());
  }
}
