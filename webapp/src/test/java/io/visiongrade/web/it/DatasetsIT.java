package io.visiongrade.web.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.visiongrade.engine.data.DatasetWriter;
import io.visiongrade.engine.data.SyntheticShapes;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Datasets and exercise settings over the REST API, with teacher and student sessions from the
 * built-in LMS emulator: uploads (zip body, multipart IDX pair), limits (413 before the body is
 * read), roles (students see no dataset and only the public parts of an exercise), unknown ids
 * (404), settings validation (400 naming the field).
 */
@ExtendWith(ArquillianExtension.class)
class DatasetsIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.war();
  }

  @ArquillianResource URL base;

  static byte[] shapesZip() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    DatasetWriter.writeZip(
        SyntheticShapes.builder().optCountPerClass(12).optSize(16).optSeed(4).build().generate(),
        out,
        "shapes");
    return out.toByteArray();
  }

  /** Teacher and student tokens of a freshly placed exercise, and its id. */
  record Course(String teacher, String student, long exerciseId, String title) {}

  Course course(String kind) {
    Http http = new Http(base.toString());
    http.awaitReady(120);
    LmsLaunches lms = new LmsLaunches(base.toString());
    String title = "Datasets " + kind + " " + System.nanoTime();
    String page = lms.placeExercise(title, kind, 10);
    String teacher = lms.launchAs(page, "teacher-1");
    String student = lms.launchAs(page, "student-1");
    return new Course(teacher, student, lms.exerciseId(http, teacher, title), title);
  }

  HttpResponse<String> uploadZip(Http http, String token, String name, byte[] zip) {
    return http.send(
        http.request("api/course/datasets?name=" + name + "&width=16&channels=3&seed=3")
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/zip")
            .POST(HttpRequest.BodyPublishers.ofByteArray(zip))
            .build());
  }

  @Test
  void aTeacherUploadsListsAndLooksAtADataset() throws IOException {
    Course c = course("CLASSIFIER_CHALLENGE");
    Http http = new Http(base.toString());
    HttpResponse<String> created = uploadZip(http, c.teacher(), "shapes", shapesZip());
    assertEquals(201, created.statusCode(), created.body());
    JsonObject d = Http.json(created).asJsonObject();
    long id = d.getJsonNumber("id").longValue();
    assertTrue(
        created.headers().firstValue("Location").orElse("").endsWith("/api/course/datasets/" + id));
    assertEquals("shapes", d.getString("name"));
    assertEquals(36, d.getInt("imageCount"));
    assertEquals(3, d.getJsonArray("classes").size());
    assertEquals("circle", d.getJsonArray("classes").getJsonObject(0).getString("name"));
    assertEquals(12, d.getJsonArray("classes").getJsonObject(0).getInt("count"));
    assertEquals(64, d.getString("contentHash").length());
    assertEquals("CLASS_FOLDERS_ZIP", d.getString("format"));

    // The emulator has one course shared by every IT class: count from this upload's version.
    HttpResponse<String> again = uploadZip(http, c.teacher(), "shapes", shapesZip());
    assertEquals(d.getInt("version") + 1, Http.json(again).asJsonObject().getInt("version"));

    HttpResponse<String> list = get(http, "api/course/datasets", c.teacher());
    assertEquals(200, list.statusCode(), list.body());
    assertTrue(list.body().contains("\"id\":" + id), list.body());
    HttpResponse<String> one = get(http, "api/course/datasets/" + id, c.teacher());
    assertEquals(200, one.statusCode(), one.body());
    assertEquals(
        d.getString("contentHash"), Http.json(one).asJsonObject().getString("contentHash"));

    HttpResponse<byte[]> png =
        http.sendBytes(
            http.request("api/course/datasets/" + id + "/thumbnails/1/0.png")
                .header("Authorization", "Bearer " + c.teacher())
                .build());
    assertEquals(200, png.statusCode());
    assertEquals("image/png", png.headers().firstValue("Content-Type").orElse(""));
    assertEquals((byte) 0x89, png.body()[0]);
    assertEquals(
        404,
        get(http, "api/course/datasets/" + id + "/thumbnails/7/0.png", c.teacher()).statusCode());
  }

  @Test
  void anIdxPairUploadedAsAFormBecomesADataset() {
    Course c = course("CLASSIFIER_CHALLENGE");
    Http http = new Http(base.toString());
    String boundary = "vg-" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    field(body, boundary, "name", "digits");
    file(body, boundary, "images", "train-images-idx3-ubyte", idxImages(12, 28, 28));
    file(body, boundary, "labels", "train-labels-idx1-ubyte", idxLabels(12, 3));
    body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
    HttpResponse<String> created =
        http.send(
            http.request("api/course/datasets")
                .header("Authorization", "Bearer " + c.teacher())
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build());
    assertEquals(201, created.statusCode(), created.body());
    JsonObject d = Http.json(created).asJsonObject();
    assertEquals("IDX_ZIP", d.getString("format"));
    assertEquals(28, d.getInt("width"));
    assertEquals(1, d.getInt("channels"));
    assertEquals(12, d.getInt("imageCount"));
  }

  @Test
  void aBadDatasetIsA400NamingTheFile() {
    Course c = course("CLASSIFIER_CHALLENGE");
    Http http = new Http(base.toString());
    HttpResponse<String> r =
        uploadZip(
            http,
            c.teacher(),
            "broken",
            "PK\u0003\u0004 not really".getBytes(StandardCharsets.ISO_8859_1));
    assertEquals(400, r.statusCode(), r.body());
    assertTrue(r.body().contains("not a valid zip archive"), r.body());
    assertTrue(r.headers().firstValue("Content-Type").orElse("").contains("problem+json"));
  }

  @Test
  void aDeclaredLengthOverTheLimitIsA413BeforeTheBodyIsRead() throws IOException {
    Course c = course("CLASSIFIER_CHALLENGE");
    URI uri = URI.create(base.toString()).resolve("api/course/datasets?name=big");
    // 250 MB declared (over the 200 MiB default, under the server's 256 MiB post limit), 10 sent.
    try (Socket s = new Socket(uri.getHost(), uri.getPort())) {
      s.setSoTimeout(30_000);
      OutputStream out = s.getOutputStream();
      out.write(
          ("POST "
                  + uri.getRawPath()
                  + "?"
                  + uri.getRawQuery()
                  + " HTTP/1.1\r\nHost: "
                  + uri.getHost()
                  + ":"
                  + uri.getPort()
                  + "\r\nAuthorization: Bearer "
                  + c.teacher()
                  + "\r\nContent-Type: application/zip\r\nContent-Length: 250000000\r\n"
                  + "Connection: close\r\n\r\nPK\u0003\u0004012345")
              .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = s.getInputStream();
      String head = new String(in.readNBytes(2000), StandardCharsets.ISO_8859_1);
      assertTrue(head.startsWith("HTTP/1.1 413"), head);
      assertTrue(head.contains("max-upload-bytes"), head);
    }
  }

  @Test
  void studentsSeeNoDatasetAndOnlyThePublicPartsOfAnExercise() throws IOException {
    Course c = course("IMAGE_ANSWER");
    Http http = new Http(base.toString());
    long id =
        Http.json(uploadZip(http, c.teacher(), "shapes", shapesZip()))
            .asJsonObject()
            .getJsonNumber("id")
            .longValue();

    assertEquals(403, uploadZip(http, c.student(), "mine", shapesZip()).statusCode());
    assertEquals(403, get(http, "api/course/datasets", c.student()).statusCode());
    assertEquals(403, get(http, "api/course/datasets/" + id, c.student()).statusCode());
    assertEquals(
        403,
        get(http, "api/course/datasets/" + id + "/thumbnails/0/0.png", c.student()).statusCode());

    String settings =
        """
        {"datasetId": %d, "opensAt": "2026-01-01T00:00:00Z", "dueAt": "2099-01-01T00:00:00Z",
         "late": {"percentPerDay": 10, "capPercent": 50}, "maxAttempts": 3,
         "minIntervalSeconds": 30, "dailyCap": 5, "attemptSelection": "BEST",
         "allowedKinds": ["DRAWING"], "acceptThreshold": 0.9, "rejectThreshold": 0.2,
         "prompts": [{"text": "Draw a circle", "expectedClass": "circle"}],
         "extensions": {"student-2": "2099-02-01T00:00:00Z"},
         "rubric": {"metric": "ACCURACY"}}
        """
            .formatted(id);
    HttpResponse<String> saved = put(http, c.exerciseId(), c.teacher(), settings);
    assertEquals(200, saved.statusCode(), saved.body());
    JsonObject t = Http.json(saved).asJsonObject();
    assertEquals(
        id, t.getJsonObject("settings").getJsonObject("dataset").getJsonNumber("id").longValue());
    assertEquals(
        "circle",
        t.getJsonObject("settings")
            .getJsonArray("prompts")
            .getJsonObject(0)
            .getString("expectedClass"));

    HttpResponse<String> seen = get(http, "api/course/exercises/" + c.exerciseId(), c.student());
    assertEquals(200, seen.statusCode(), seen.body());
    JsonObject s = Http.json(seen).asJsonObject();
    assertEquals(3, s.getInt("maxAttempts"));
    assertEquals("2099-01-01T00:00:00Z", s.getString("dueAt"));
    assertEquals("Draw a circle", s.getJsonArray("prompts").getString(0));
    assertEquals("DRAWING", s.getJsonArray("allowedKinds").getString(0));
    assertFalse(s.containsKey("settings") && !s.isNull("settings"), "no teacher settings: " + s);
    assertFalse(seen.body().contains("expectedClass"), seen.body());
    assertFalse(seen.body().contains("student-2"), "no other student's extension: " + seen.body());
    assertEquals(403, put(http, c.exerciseId(), c.student(), settings).statusCode());
  }

  @Test
  void invalidSettingsAreA400NamingTheField() {
    Course c = course("CLASSIFIER_CHALLENGE");
    Http http = new Http(base.toString());
    HttpResponse<String> range = put(http, c.exerciseId(), c.teacher(), "{\"maxAttempts\": -1}");
    assertEquals(400, range.statusCode(), range.body());
    assertTrue(range.body().contains("maxAttempts"), range.body());
    HttpResponse<String> order =
        put(
            http,
            c.exerciseId(),
            c.teacher(),
            "{\"opensAt\": \"2026-12-08T00:00:00Z\", \"dueAt\": \"2026-12-01T00:00:00Z\"}");
    assertEquals(400, order.statusCode(), order.body());
    assertTrue(order.body().contains("dueAt"), order.body());
    HttpResponse<String> date = put(http, c.exerciseId(), c.teacher(), "{\"dueAt\": \"friday\"}");
    assertEquals(400, date.statusCode(), date.body());
    assertTrue(date.body().contains("ISO-8601"), date.body());
  }

  @Test
  void unknownIdsAreA404() {
    Course c = course("CLASSIFIER_CHALLENGE");
    Http http = new Http(base.toString());
    assertEquals(404, get(http, "api/course/datasets/999999", c.teacher()).statusCode());
    assertEquals(404, get(http, "api/course/exercises/999999", c.teacher()).statusCode());
    assertEquals(404, get(http, "api/course/exercises/999999", c.student()).statusCode());
    assertEquals(404, put(http, 999_999, c.teacher(), "{}").statusCode());
    assertEquals(
        404, put(http, c.exerciseId(), c.teacher(), "{\"datasetId\": 999999}").statusCode());
    assertEquals(401, get(http, "api/course/datasets", "forged").statusCode());
  }

  private static HttpResponse<String> get(Http http, String path, String token) {
    return http.send(http.request(path).header("Authorization", "Bearer " + token).build());
  }

  private static HttpResponse<String> put(Http http, long exerciseId, String token, String json) {
    return http.send(
        http.request("api/course/exercises/" + exerciseId + "/settings")
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(json))
            .build());
  }

  private static void field(ByteArrayOutputStream out, String boundary, String name, String value) {
    out.writeBytes(
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\""
                + name
                + "\"\r\n\r\n"
                + value
                + "\r\n")
            .getBytes(StandardCharsets.UTF_8));
  }

  private static void file(
      ByteArrayOutputStream out, String boundary, String name, String fileName, byte[] data) {
    out.writeBytes(
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\""
                + name
                + "\"; filename=\""
                + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    out.writeBytes(data);
    out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
  }

  static byte[] idxImages(int n, int rows, int cols) {
    ByteBuffer b = ByteBuffer.allocate(16 + n * rows * cols);
    b.putInt(0x803).putInt(n).putInt(rows).putInt(cols);
    java.util.Random r = new java.util.Random(5);
    for (int i = 0; i < n * rows * cols; i++) {
      b.put((byte) r.nextInt(256));
    }
    return b.array();
  }

  static byte[] idxLabels(int n, int classes) {
    ByteBuffer b = ByteBuffer.allocate(8 + n);
    b.putInt(0x801).putInt(n);
    for (int i = 0; i < n; i++) {
      b.put((byte) (i % classes));
    }
    return b.array();
  }
}
