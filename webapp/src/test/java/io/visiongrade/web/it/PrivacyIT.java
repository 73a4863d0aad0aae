package io.visiongrade.web.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.visiongrade.engine.data.SyntheticShapes;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Students' data as personal data, black box (PRIVACY.md): a student with a distinctive name and
 * e-mail joins the emulator's course, submits a CNN spec and a predictions CSV and answers with an
 * image; the course's retention can be read by everyone and set by teachers only; the student's
 * export zip holds their files byte for byte and their rows, and nothing of other students; the
 * teacher deletes the student's data (the answer says grades in the LMS stay there), after which
 * the files are gone from the content store and the session ends; the administrator deletes a
 * second student through the admin endpoint; and the server's log files hold neither the names, the
 * e-mails nor the raw LTI user ids.
 */
@ExtendWith(ArquillianExtension.class)
class PrivacyIT {

  /** Where the managed test server writes its log and data (webapp/pom.xml, arquillian.xml). */
  private static final Path LOG_DIR =
      Path.of(System.getProperty("visiongrade.it.log.dir", "target/it-base/log"));

  private static final Path STORAGE =
      Path.of(System.getProperty("visiongrade.it.storage.dir", "target/it-data/storage"));

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.war();
  }

  @ArquillianResource URL base;

  /** A triangle like the dataset's, with noise of its own seed (so its bytes are its own). */
  static byte[] trianglePng(long seed) throws Exception {
    Path dir = Files.createTempDirectory("shapes");
    try {
      SyntheticShapes.builder()
          .optCountPerClass(1)
          .optSize(16)
          .optChannels(1)
          .optSeed(seed)
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

  private static String form(Map<String, String> fields) {
    StringBuilder b = new StringBuilder();
    fields.forEach(
        (k, v) ->
            b.append(b.length() == 0 ? "" : "&")
                .append(k)
                .append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return b.toString();
  }

  /** Adds a learner to the emulator's course. */
  private static void addStudent(Http http, String id, String name, String email) {
    HttpResponse<String> r =
        http.send(
            http.request("dev-lms/students")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        form(Map.of("id", id, "name", name, "email", email))))
                .build());
    assertEquals(303, r.statusCode(), r.body());
  }

  private static HttpResponse<String> send(
      Http http, String method, String path, String token, String json) {
    HttpRequest.Builder b = http.request(path);
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    if (json != null) {
      b.header("Content-Type", "application/json");
    }
    return http.send(
        b.method(
                method,
                json == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json))
            .build());
  }

  private static Map<String, byte[]> unzip(byte[] zip) throws Exception {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      ZipEntry e;
      while ((e = in.getNextEntry()) != null) {
        entries.put(e.getName(), in.readAllBytes());
      }
    }
    return entries;
  }

  private static Map<String, byte[]> export(Http http, String token) throws Exception {
    HttpResponse<byte[]> r =
        http.sendBytes(
            http.request("api/course/me/export.zip")
                .header("Authorization", "Bearer " + token)
                .build());
    assertEquals(200, r.statusCode());
    assertEquals("application/zip", r.headers().firstValue("Content-Type").orElse(""));
    return unzip(r.body());
  }

  private static Path stored(byte[] content) throws Exception {
    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    return STORAGE.resolve(sha.substring(0, 2)).resolve(sha.substring(2, 4)).resolve(sha);
  }

  private static long id(HttpResponse<String> r) {
    return Http.json(r).asJsonObject().getJsonNumber("id").longValue();
  }

  @Test
  void exportDeletionAndLogsKeepStudentsDataTheirOwn() throws Exception {
    Http http = new Http(base.toString());
    http.awaitReady(120);
    long n = System.nanoTime();
    Random random = new Random(n);
    String sub = "privacy-" + n;
    String name = "Zebulon Quixtoffel " + n;
    String email = "zebulon.q." + n + "@privacy-it.invalid";
    String sub2 = "privacy-b-" + n;
    String name2 = "Philippa Wendelgast " + n;
    String email2 = "philippa.w." + n + "@privacy-it.invalid";
    addStudent(http, sub, name, email);
    addStudent(http, sub2, name2, email2);

    LmsLaunches lms = new LmsLaunches(base.toString());
    String challengeTitle = "Privacy challenge " + n;
    lms.placeExercise(challengeTitle, "CLASSIFIER_CHALLENGE", 10);
    String answersTitle = "Privacy drawing " + n;
    String page = lms.placeExercise(answersTitle, "IMAGE_ANSWER", 10);
    String teacher = lms.launchAs(page, "teacher-1");
    String student = lms.launchAs(page, sub);
    String student2 = lms.launchAs(page, sub2);
    String other = lms.launchAs(page, "student-3");
    long challenge = lms.exerciseId(http, teacher, challengeTitle);
    long drawing = lms.exerciseId(http, teacher, answersTitle);

    // The teacher's set-up: the tiny dataset for both exercises, a promoted course model.
    HttpResponse<String> dataset =
        ImageAnswersIT.post(
            http,
            "api/course/datasets?name=shapes&width=16&channels=1&seed=3",
            teacher,
            "application/zip",
            ChallengeIT.shapesZip());
    assertEquals(201, dataset.statusCode(), dataset.body());
    long datasetId = id(dataset);
    assertEquals(
        200,
        send(
                http,
                "PUT",
                "api/course/exercises/" + challenge + "/settings",
                teacher,
                """
                {"datasetId": %d, "computeCaps": {"wallSeconds": 120, "maxParameters": 100000,
                 "maxEpochs": 2}, "rubric": {"metric": "ACCURACY", "baseline": 0.0, "target": 1.0}}
                """
                    .formatted(datasetId))
            .statusCode());
    assertEquals(
        200,
        send(
                http,
                "PUT",
                "api/course/exercises/" + drawing + "/settings",
                teacher,
                """
                {"datasetId": %d, "prompts": [ {"text": "Draw a triangle",
                 "expectedClass": "triangle"} ], "acceptThreshold": 0.6, "rejectThreshold": 0.2}
                """
                    .formatted(datasetId))
            .statusCode());
    HttpResponse<String> models = ChallengeIT.get(http, "api/course/models", teacher);
    boolean promoted =
        Http.json(models).asJsonArray().stream()
            .anyMatch(m -> m.asJsonObject().getBoolean("promoted"));
    if (!promoted) {
      HttpResponse<String> queued =
          send(
              http,
              "POST",
              "api/course/models",
              teacher,
              "{\"datasetId\": %d, \"spec\": %s}".formatted(datasetId, ChallengeIT.SPEC));
      assertEquals(202, queued.statusCode(), queued.body());
      JsonObject model = ImageAnswersIT.awaitModel(http, teacher, id(queued));
      assertEquals("READY", model.getString("state"), model.toString());
      assertEquals(
          200,
          send(http, "POST", "api/course/models/" + id(queued) + "/promote", teacher, null)
              .statusCode());
    }

    // The student's work: a spec and a CSV of their own bytes, an image of their own.
    byte[] spec =
        ChallengeIT.SPEC
            .replace("\"seed\": 1", "\"seed\": " + (1 + random.nextInt(1_000_000)))
            .getBytes(StandardCharsets.UTF_8);
    // Predictions for the downloaded test images (public ids), with labels and order of our own.
    List<String> lines = new ArrayList<>();
    for (String id : CsvChallenges.labelledIds(http, student, challenge).keySet()) {
      lines.add(id + "," + random.nextInt(3));
    }
    Collections.shuffle(lines, random);
    byte[] csv = ("id,label\n" + String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
    byte[] png = trianglePng(n);
    HttpResponse<String> specSent =
        ChallengeIT.submit(http, student, challenge, "application/json", spec);
    assertEquals(202, specSent.statusCode(), specSent.body());
    HttpResponse<String> csvSent = ChallengeIT.submit(http, student, challenge, "text/csv", csv);
    assertEquals(202, csvSent.statusCode(), csvSent.body());
    String answerPath = "api/course/exercises/" + drawing + "/answers?prompt=0";
    HttpResponse<String> answered =
        ImageAnswersIT.post(http, answerPath, student, "image/png", png);
    assertEquals(201, answered.statusCode(), answered.body());
    long specId = id(specSent);
    long csvId = id(csvSent);
    long answerId = id(answered);
    ChallengeIT.awaitFinal(http, student, specId);
    ChallengeIT.awaitFinal(http, student, csvId);
    ChallengeIT.awaitGradebookScore(http, answersTitle, sub);
    byte[] png2 = trianglePng(n + 1);
    assertEquals(
        201, ImageAnswersIT.post(http, answerPath, student2, "image/png", png2).statusCode());

    // Retention: everyone reads it, only teachers set it, a passed date is refused.
    HttpResponse<String> retention = ChallengeIT.get(http, "api/course/privacy", student);
    assertEquals(200, retention.statusCode(), retention.body());
    assertEquals(
        403,
        send(
                http,
                "PUT",
                "api/course/privacy",
                student,
                "{\"courseEndsOn\": \"2099-07-31\", \"deleteAfterDays\": 30}")
            .statusCode());
    HttpResponse<String> passed =
        send(
            http,
            "PUT",
            "api/course/privacy",
            teacher,
            "{\"courseEndsOn\": \"2020-07-31\", \"deleteAfterDays\": 30}");
    assertEquals(400, passed.statusCode(), passed.body());
    assertTrue(passed.body().contains("has passed"), passed.body());
    HttpResponse<String> badDate =
        send(
            http,
            "PUT",
            "api/course/privacy",
            teacher,
            "{\"courseEndsOn\": \"31.07.2099\", \"deleteAfterDays\": 30}");
    assertEquals(400, badDate.statusCode(), badDate.body());
    assertTrue(badDate.body().contains("courseEndsOn"), badDate.body());
    HttpResponse<String> set =
        send(
            http,
            "PUT",
            "api/course/privacy",
            teacher,
            "{\"courseEndsOn\": \"2099-07-31\", \"deleteAfterDays\": 30}");
    assertEquals(200, set.statusCode(), set.body());
    assertEquals(
        "2099-08-31T00:00:00Z",
        Http.json(ChallengeIT.get(http, "api/course/privacy", student))
            .asJsonObject()
            .getString("deleteFrom"));
    // The emulator's course is shared by every IT class: put the setting back.
    String before = Http.json(retention).asJsonObject().toString();
    JsonObject was = Http.json(retention).asJsonObject();
    String restore =
        was.getString("policy").equals("KEEP_UNTIL_DELETED")
            ? "{\"courseEndsOn\": null, \"deleteAfterDays\": null}"
            : "{\"courseEndsOn\": \"%s\", \"deleteAfterDays\": %d}"
                .formatted(was.getString("courseEndsOn"), was.getInt("deleteAfterDays"));
    assertEquals(200, send(http, "PUT", "api/course/privacy", teacher, restore).statusCode());
    assertEquals(
        before, Http.json(ChallengeIT.get(http, "api/course/privacy", student)).toString());

    // The export: the student's own files byte for byte, their rows, nothing of anyone else.
    Map<String, byte[]> zip = export(http, student);
    assertArrayEquals(spec, zip.get("submissions/" + specId + ".json"), zip.keySet().toString());
    assertArrayEquals(csv, zip.get("submissions/" + csvId + ".csv"), zip.keySet().toString());
    assertArrayEquals(png, zip.get("answers/" + answerId + ".png"), zip.keySet().toString());
    assertNotNull(zip.get("README.txt"));
    String json = new String(zip.get("data.json"), StandardCharsets.UTF_8);
    JsonObject data;
    try (JsonReader reader = Json.createReader(new StringReader(json))) {
      data = reader.readObject();
    }
    assertEquals(sub, data.getString("ltiUserId"));
    assertEquals(2, data.getJsonArray("submissions").size(), json);
    assertEquals(1, data.getJsonArray("imageAnswers").size(), json);
    assertFalse(data.getJsonArray("imageAnswerGrades").isEmpty(), json);
    assertFalse(data.getJsonArray("scoresSentToLms").isEmpty(), json);
    assertTrue(
        data.getJsonArray("sessions").stream()
            .map(JsonValue::asJsonObject)
            .anyMatch(s -> s.getString("display_name").equals(name)),
        json);
    for (String absent :
        List.of(sub2, name2, "student-3", "teacher-1", "Grace Hopper", "private_")) {
      assertFalse(json.contains(absent), absent + " in " + json);
    }
    assertEquals(5, zip.size(), zip.keySet().toString());
    String othersExport = new String(export(http, other).get("data.json"), StandardCharsets.UTF_8);
    assertFalse(othersExport.contains(sub), othersExport);

    // Deletion by the teacher (students may not).
    assertEquals(
        403,
        send(http, "DELETE", "api/course/students/" + sub2 + "/data", student, null).statusCode());
    for (byte[] file : List.of(spec, csv, png)) {
      assertTrue(Files.isRegularFile(stored(file)), "stored before: " + stored(file));
    }
    HttpResponse<String> deleted =
        send(http, "DELETE", "api/course/students/" + sub + "/data", teacher, null);
    assertEquals(200, deleted.statusCode(), deleted.body());
    JsonObject d = Http.json(deleted).asJsonObject();
    // The spec, the CSV and the image, plus the heat maps grading made for the spec's misclassified
    // validation images; a heat map byte-identical to one in another student's results (near-
    // chance models on the same images) is kept for them.
    assertTrue(d.getInt("filesDeleted") >= 3, deleted.body());
    assertTrue(d.getInt("scoresAlreadyInLms") >= 1, deleted.body());
    assertTrue(d.getString("lms").contains("stay there"), deleted.body());
    assertEquals(2, d.getJsonObject("rowsDeleted").getInt("submission"), deleted.body());
    assertEquals(1, d.getJsonObject("rowsDeleted").getInt("image_answer"), deleted.body());
    for (byte[] file : List.of(spec, csv, png)) {
      assertFalse(Files.exists(stored(file)), "still stored: " + stored(file));
    }
    assertEquals(401, ChallengeIT.get(http, "api/course/submissions", student).statusCode());
    HttpResponse<String> deliveries = ChallengeIT.get(http, "api/course/score-deliveries", teacher);
    assertEquals(200, deliveries.statusCode(), deliveries.body());
    assertFalse(deliveries.body().contains(sub), deliveries.body());
    // Again: nothing left to delete.
    HttpResponse<String> again =
        send(http, "DELETE", "api/course/students/" + sub + "/data", teacher, null);
    assertEquals(0, Http.json(again).asJsonObject().getInt("totalRows"), again.body());

    // Deletion by the administrator: the platform registration, the context, the sub.
    JsonArray platforms = Http.json(http.getAsAdmin("api/admin/platforms")).asJsonArray();
    long platform =
        platforms.stream()
            .map(JsonValue::asJsonObject)
            .filter(p -> p.getString("clientId").equals("visiongrade-dev"))
            .findFirst()
            .orElseThrow()
            .getJsonNumber("id")
            .longValue();
    String adminPath =
        "api/admin/student-data?platform=" + platform + "&context=course-1&sub=" + sub2;
    assertEquals(401, send(http, "DELETE", adminPath, null, null).statusCode());
    assertEquals(401, send(http, "DELETE", adminPath, teacher, null).statusCode());
    HttpResponse<String> unknown =
        send(
            http,
            "DELETE",
            "api/admin/student-data?platform=" + platform + "&context=no-such&sub=" + sub2,
            Deployments.ADMIN_TOKEN,
            null);
    assertEquals(404, unknown.statusCode(), unknown.body());
    assertTrue(
        unknown.headers().firstValue("Content-Type").orElse("").contains("problem+json"),
        unknown.body());
    assertTrue(Files.isRegularFile(stored(png2)));
    HttpResponse<String> byAdmin = send(http, "DELETE", adminPath, Deployments.ADMIN_TOKEN, null);
    assertEquals(200, byAdmin.statusCode(), byAdmin.body());
    assertEquals(1, Http.json(byAdmin).asJsonObject().getInt("filesDeleted"), byAdmin.body());
    assertFalse(Files.exists(stored(png2)));
    assertEquals(401, ChallengeIT.get(http, "api/course/answers", student2).statusCode());

    // The logs: no name, no e-mail, no raw user id of either student.
    List<Path> logs;
    try (Stream<Path> files = Files.list(LOG_DIR)) {
      logs = files.filter(Files::isRegularFile).toList();
    }
    assertTrue(
        logs.stream().anyMatch(p -> p.getFileName().toString().equals("server.log")),
        "no server.log in " + LOG_DIR.toAbsolutePath() + ": " + logs);
    String deletionLogged = null;
    for (Path log : logs) {
      String text = Files.readString(log, StandardCharsets.UTF_8);
      for (String secret : List.of(name, email, sub, name2, email2, sub2)) {
        assertFalse(text.contains(secret), "'" + secret + "' is in " + log);
      }
      if (text.contains("Deleted one student's data")) {
        deletionLogged = log.toString();
      }
    }
    assertNotNull(deletionLogged, "the deletions are logged (with counts) in " + logs);
  }
}
