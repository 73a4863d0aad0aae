package io.visiongrade.web.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.visiongrade.engine.data.LabeledImages;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The teacher's gradebook and views of every student's work, black box: the roster's students
 * against the exercise with points, attempts and the grade's delivery to the LMS; the CSV export;
 * teachers open any submission of their course, students only their own; and the test-image
 * download carries no label.
 */
@ExtendWith(ArquillianExtension.class)
class GradebookIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.war();
  }

  @ArquillianResource URL base;

  static HttpResponse<String> get(Http http, String path, String token) {
    return ChallengeIT.get(http, path, token);
  }

  /** Absent or null (JSON-B leaves null members out). */
  static boolean isNull(JsonObject o, String key) {
    return !o.containsKey(key) || o.get(key) == JsonValue.NULL;
  }

  static JsonObject row(JsonObject book, String user) {
    for (JsonValue v : book.getJsonArray("students")) {
      if (v.asJsonObject().getString("userId").equals(user)) {
        return v.asJsonObject();
      }
    }
    throw new AssertionError("no row of " + user + " in " + book);
  }

  /** Polls the gradebook until student-1's grade on the exercise was delivered to the LMS. */
  static JsonObject awaitDelivered(Http http, String teacher, long exerciseId)
      throws InterruptedException {
    long until = System.nanoTime() + 60_000_000_000L;
    while (true) {
      HttpResponse<String> r = get(http, "api/course/gradebook?exercise=" + exerciseId, teacher);
      assertEquals(200, r.statusCode(), r.body());
      JsonObject book = Http.json(r).asJsonObject();
      JsonObject cell = row(book, "student-1").getJsonArray("cells").getJsonObject(0);
      if (cell.get("delivery") instanceof JsonObject d
          && d.getString("state").equals("DELIVERED")) {
        return book;
      }
      assertTrue(System.nanoTime() < until, "not delivered: " + r.body());
      Thread.sleep(500);
    }
  }

  @Test
  void theTeacherSeesEveryRosterStudentWithPointsAttemptsAndDelivery() throws Exception {
    Http http = new Http(base.toString());
    CsvChallenges.Challenge c = CsvChallenges.create(http, base.toString(), "");
    Map<String, Integer> ids = CsvChallenges.labelledIds(http, c.student(), c.exerciseId());
    HttpResponse<String> sent =
        CsvChallenges.submit(http, c.student(), c.exerciseId(), CsvChallenges.perfect(ids));
    assertEquals(202, sent.statusCode(), sent.body());
    long id = Http.json(sent).asJsonObject().getJsonNumber("id").longValue();
    assertEquals("GRADED", ChallengeIT.awaitFinal(http, c.student(), id).getString("status"));

    JsonObject book = awaitDelivered(http, c.teacher(), c.exerciseId());
    assertTrue(isNull(book, "rosterProblem"), book.toString());
    JsonArray exercises = book.getJsonArray("exercises");
    assertEquals(1, exercises.size(), book.toString());
    assertEquals(c.title(), exercises.getJsonObject(0).getString("title"));
    // The emulated course has five students; the teacher is not a row.
    List<String> users = new ArrayList<>();
    book.getJsonArray("students").forEach(v -> users.add(v.asJsonObject().getString("userId")));
    for (int i = 1; i <= 5; i++) {
      assertTrue(users.contains("student-" + i), users.toString());
    }
    assertFalse(users.contains("teacher-1"), users.toString());
    JsonObject s1 = row(book, "student-1");
    assertEquals("Student 1", s1.getString("name"));
    assertTrue(s1.getBoolean("inRoster"));
    JsonObject cell = s1.getJsonArray("cells").getJsonObject(0);
    assertEquals("GRADED", cell.getString("state"), cell.toString());
    assertEquals(10.0, cell.getJsonNumber("points").doubleValue(), 1e-9);
    assertEquals(1, cell.getInt("attemptsUsed"));
    assertFalse(cell.getBoolean("late"));
    assertEquals(id, cell.getJsonNumber("countingSubmissionId").longValue());
    JsonObject cell2 = row(book, "student-2").getJsonArray("cells").getJsonObject(0);
    assertEquals("NOT_STARTED", cell2.getString("state"), cell2.toString());
    assertTrue(isNull(cell2, "points"), cell2.toString());

    // The CSV export, for teachers only.
    HttpResponse<String> csv =
        get(http, "api/course/gradebook.csv?exercise=" + c.exerciseId(), c.teacher());
    assertEquals(200, csv.statusCode(), csv.body());
    assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
    assertTrue(csv.body().startsWith("user id,name,in roster,"), csv.body());
    assertTrue(
        csv.body().contains("\r\nstudent-1,Student 1,yes,10,10,1,GRADED,0,DELIVERED,"), csv.body());

    HttpResponse<String> bad = get(http, "api/course/gradebook?exercise=abc", c.teacher());
    assertEquals(400, bad.statusCode(), bad.body());
    assertTrue(bad.body().contains("exercise must be an exercise id"), bad.body());
    assertEquals(
        404, get(http, "api/course/gradebook?exercise=999999999", c.teacher()).statusCode());

    // Students see neither the gradebook nor anyone's name.
    for (String path :
        List.of(
            "api/course/gradebook",
            "api/course/gradebook.csv",
            "api/course/exercises/" + c.exerciseId() + "/submissions")) {
      HttpResponse<String> refused = get(http, path, c.student());
      assertEquals(403, refused.statusCode(), path + ": " + refused.body());
      assertFalse(refused.body().contains("Student 2"), refused.body());
    }
  }

  @Test
  void teachersOpenEverySubmissionOfTheirCourseAndStudentsOnlyTheirOwn() throws Exception {
    Http http = new Http(base.toString());
    CsvChallenges.Challenge c = CsvChallenges.create(http, base.toString(), "");
    Map<String, Integer> ids = CsvChallenges.labelledIds(http, c.student(), c.exerciseId());
    HttpResponse<String> sent =
        CsvChallenges.submit(http, c.student(), c.exerciseId(), CsvChallenges.allWrong(ids));
    assertEquals(202, sent.statusCode(), sent.body());
    long id = Http.json(sent).asJsonObject().getJsonNumber("id").longValue();
    ChallengeIT.awaitFinal(http, c.student(), id);

    HttpResponse<String> all =
        get(http, "api/course/exercises/" + c.exerciseId() + "/submissions", c.teacher());
    assertEquals(200, all.statusCode(), all.body());
    JsonArray list = Http.json(all).asJsonArray();
    assertEquals(1, list.size(), all.body());
    assertEquals("student-1", list.getJsonObject(0).getString("userId"));
    JsonObject sub = list.getJsonObject(0).getJsonObject("submission");
    assertEquals(id, sub.getJsonNumber("id").longValue());
    assertEquals("GRADED", sub.getString("status"));
    assertEquals(0.0, sub.getJsonNumber("points").doubleValue(), 1e-9);

    HttpResponse<String> one = get(http, "api/course/submissions/" + id, c.teacher());
    assertEquals(200, one.statusCode(), one.body());
    assertEquals(404, get(http, "api/course/submissions/" + id, c.other()).statusCode());
    assertEquals(
        404, get(http, "api/course/exercises/999999999/submissions", c.teacher()).statusCode());
  }

  @Test
  void theTestImageDownloadCarriesNoLabel() throws Exception {
    Http http = new Http(base.toString());
    CsvChallenges.Challenge c = CsvChallenges.create(http, base.toString(), "");
    LabeledImages test = CsvChallenges.localTest();
    Map<String, byte[]> zip = CsvChallenges.downloadZip(http, c.student(), c.exerciseId());
    assertEquals(test.size() + 1, zip.size(), zip.keySet().toString());
    List<String> images = new ArrayList<>();
    for (String name : zip.keySet()) {
      if (name.endsWith(".png")) {
        assertTrue(name.matches("test-images/t-[0-9a-f]{20}\\.png"), name);
        images.add(name);
      }
      for (String cls : test.classNames()) {
        assertFalse(name.contains(cls), name);
      }
      for (String original : test.ids()) {
        assertFalse(name.contains(original), name);
      }
    }
    assertEquals(images.stream().sorted().toList(), images, "in the order of the ids");
    for (String name : images) {
      String bytes = new String(zip.get(name), StandardCharsets.ISO_8859_1);
      for (String cls : test.classNames()) {
        assertFalse(bytes.contains(cls), cls + " inside " + name);
      }
    }
    // Same ids for every student of the exercise.
    assertEquals(zip.keySet(), CsvChallenges.downloadZip(http, c.other(), c.exerciseId()).keySet());

    // Not before the exercise opens; not for an exercise that takes no CSV.
    CsvChallenges.Challenge later =
        CsvChallenges.create(http, base.toString(), "\"opensAt\": \"2099-01-01T00:00:00Z\"");
    HttpResponse<String> early =
        get(
            http,
            "api/course/exercises/" + later.exerciseId() + "/test-images.zip",
            later.student());
    assertEquals(409, early.statusCode(), early.body());
    assertTrue(early.body().contains("opens at"), early.body());
  }
}
