package io.visiongrade.web.drill;

import io.visiongrade.engine.data.DatasetWriter;
import io.visiongrade.engine.data.LabeledImages;
import io.visiongrade.engine.data.SyntheticShapes;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** The REST calls of the drills and the benchmark, and their test data (synthetic shapes). */
final class DrillClient {

  /** A small CNN on 16x16 grey shapes; epochs set per use. */
  static final String SPEC =
      """
      {"input": {"width": 16, "height": 16, "channels": 1},
       "layers": [ {"type": "conv2d", "filters": 8, "kernel": 3, "activation": "relu"},
                   {"type": "maxpool2d", "pool": 2}, {"type": "flatten"},
                   {"type": "dense", "units": 32, "activation": "relu"},
                   {"type": "dense", "units": "classes"} ],
       "optimizer": {"type": "adam", "learningRate": 0.01},
       "training": {"epochs": %d, "batchSize": 8, "seed": 7} }
      """;

  private final HttpClient client;
  private final URI base;

  DrillClient(URI base) {
    this.base = base;
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
  }

  static String spec(int epochs) {
    return SPEC.formatted(epochs);
  }

  HttpResponse<String> send(String method, String path, String token, String type, byte[] body) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    if (type != null) {
      b.header("Content-Type", type);
    }
    b.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(body));
    try {
      return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + path + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  HttpResponse<String> get(String path, String token) {
    return send("GET", path, token, null, null);
  }

  HttpResponse<String> post(String path, String token, String type, byte[] body) {
    return send("POST", path, token, type, body);
  }

  HttpResponse<String> put(String path, String token, String json) {
    return send("PUT", path, token, "application/json", json.getBytes());
  }

  static JsonStructure json(HttpResponse<String> r) {
    try (var reader = Json.createReader(new StringReader(r.body()))) {
      return reader.read();
    }
  }

  static JsonObject object(HttpResponse<String> r) {
    return json(r).asJsonObject();
  }

  static HttpResponse<String> expect(int status, HttpResponse<String> r, String what) {
    if (r.statusCode() != status) {
      throw new IllegalStateException(
          what + ": expected HTTP " + status + ", got " + r.statusCode() + " " + r.body());
    }
    return r;
  }

  /** Registers the LMS with the tool (admin API). */
  void registerPlatform(String adminToken, String registrationJson) {
    expect(
        201,
        post("api/admin/platforms", adminToken, "application/json", registrationJson.getBytes()),
        "platform registration");
  }

  long exerciseId(String teacher, String title) {
    JsonArray list =
        json(expect(200, get("api/course/exercises", teacher), "exercise list")).asJsonArray();
    for (var v : list) {
      if (v.asJsonObject().getString("title").equals(title)) {
        return v.asJsonObject().getJsonNumber("id").longValue();
      }
    }
    throw new IllegalStateException("no exercise " + title);
  }

  /** Uploads a shapes dataset (4 classes, 16x16 grey); its id. */
  long uploadShapes(String teacher, int perClass) {
    HttpResponse<String> r =
        post(
            "api/course/datasets?name=shapes&width=16&channels=1&seed=3",
            teacher,
            "application/zip",
            shapesZip(perClass, 4));
    return object(expect(201, r, "dataset upload")).getJsonNumber("id").longValue();
  }

  void imageAnswerSettings(String teacher, long exerciseId, long datasetId) {
    String settings =
        """
        {"datasetId": %d, "prompts": [ {"text": "Draw a triangle", "expectedClass": "triangle"},
          {"text": "Draw a circle", "expectedClass": "circle"} ],
         "acceptThreshold": 0.6, "rejectThreshold": 0.2}
        """
            .formatted(datasetId);
    expect(
        200,
        put("api/course/exercises/" + exerciseId + "/settings", teacher, settings),
        "image-answer settings");
  }

  void challengeSettings(String teacher, long exerciseId, long datasetId, String extra) {
    String settings =
        """
        {"datasetId": %d, "computeCaps": {"wallSeconds": 300, "maxParameters": 200000,
         "maxEpochs": 40}, "rubric": {"metric": "ACCURACY", "baseline": 0.0, "target": 1.0}%s}
        """
            .formatted(datasetId, extra);
    expect(
        200,
        put("api/course/exercises/" + exerciseId + "/settings", teacher, settings),
        "challenge settings");
  }

  /** Queues a course model; its id. */
  long trainModel(String teacher, long datasetId, int epochs) {
    String body = "{\"datasetId\": %d, \"spec\": %s}".formatted(datasetId, spec(epochs));
    return object(
            expect(
                202,
                post("api/course/models", teacher, "application/json", body.getBytes()),
                "train course model"))
        .getJsonNumber("id")
        .longValue();
  }

  JsonObject model(String teacher, long id) {
    return object(expect(200, get("api/course/models/" + id, teacher), "course model"));
  }

  JsonObject awaitModel(String teacher, long id, Duration limit) throws InterruptedException {
    long until = System.nanoTime() + limit.toNanos();
    while (true) {
      JsonObject m = model(teacher, id);
      if (!m.getString("state").equals("TRAINING")) {
        return m;
      }
      if (System.nanoTime() > until) {
        throw new IllegalStateException("model " + id + " still training after " + limit);
      }
      Thread.sleep(250);
    }
  }

  void promote(String teacher, long id) {
    expect(
        200,
        post("api/course/models/" + id + "/promote", teacher, "application/json", new byte[0]),
        "promote");
  }

  JsonObject submission(String student, long id) {
    return object(expect(200, get("api/course/submissions/" + id, student), "submission " + id));
  }

  JsonObject awaitSubmission(String student, long id, Duration limit) throws InterruptedException {
    long until = System.nanoTime() + limit.toNanos();
    while (true) {
      JsonObject s = submission(student, id);
      String status = s.getString("status");
      if (!status.equals("QUEUED") && !status.equals("RUNNING")) {
        return s;
      }
      if (System.nanoTime() > until) {
        throw new IllegalStateException("submission " + id + " still " + status);
      }
      Thread.sleep(250);
    }
  }

  /** The course's score deliveries (teacher). */
  JsonArray deliveries(String teacher) {
    return json(expect(200, get("api/course/score-deliveries", teacher), "score deliveries"))
        .asJsonArray();
  }

  /** Delivery states of one line item: state -> count. */
  Map<String, Integer> deliveryStates(String teacher, URI lineItem) {
    Map<String, Integer> m = new HashMap<>();
    for (var v : deliveries(teacher)) {
      JsonObject d = v.asJsonObject();
      if (lineItem == null || d.getString("lineItem").equals(lineItem.toString())) {
        m.merge(d.getString("state"), 1, Integer::sum);
      }
    }
    return m;
  }

  // --- Data -------------------------------------------------------------------------------------

  static byte[] shapesZip(int perClass, long seed) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      DatasetWriter.writeZip(shapes(perClass, seed), out, "shapes");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static LabeledImages shapes(int perClass, long seed) {
    return SyntheticShapes.builder()
        .optCountPerClass(perClass)
        .optSize(16)
        .optChannels(1)
        .optSeed(seed)
        .build()
        .generate();
  }

  /** A PNG of class {@code cls}, variant {@code n}. */
  static byte[] png(LabeledImages images, String cls, int n) {
    int k = images.classNames().indexOf(cls);
    int seen = 0;
    for (int i = 0; i < images.size(); i++) {
      if (images.label(i) == k && seen++ == n % images.size()) {
        return DatasetWriter.png(images, i);
      }
    }
    return DatasetWriter.png(images, n % images.size());
  }
}
