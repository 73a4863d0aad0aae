package io.visiongrade.web.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Hostile uploads through the real HTTP endpoints (course B of the emulator): each is refused with
 * a 4xx problem whose message says what is wrong, within a time bound, and the server stays healthy
 * (after every test: {@code /health/ready} is 200 and a normal request works). Every payload is
 * generated here, small on disk: zip bombs (nested, and one entry that inflates past the limit),
 * zip slip (.., absolute, symlink), images that lie (a 100000x100000 PNG header, a truncated JPEG,
 * a text or SVG file named .png, HTML as an image), 10,000 one-pixel images (accepted: the limit is
 * 50,000), specs with 10^9 parameters, 10,000 layers or deep nesting, deeply nested JSON to the
 * JSON endpoints, 2 GB bodies (declared and chunked), a pickle posing as TorchScript, a million-row
 * predictions CSV, hostile file and dataset names, and HTML in class names and titles (escaped on
 * pages). Formula injection in CSV exports is covered by model-engine's CsvEscapingTest: no CSV
 * export exists on the server yet.
 */
@ExtendWith(ArquillianExtension.class)
class HostileInputIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.war();
  }

  @ArquillianResource URL base;

  /** Course B sessions and exercises, made once. */
  record Course(
      String teacher,
      String student,
      long challenge,
      long imageExercise,
      long dataset,
      long model) {}

  private static Course course;

  Http http() {
    return new Http(base.toString());
  }

  synchronized Course course() throws Exception {
    if (course == null) {
      Http http = http();
      http.awaitReady(120);
      LmsLaunches lms = new LmsLaunches(base.toString());
      long stamp = System.nanoTime();
      String title = "Hostile " + stamp;
      String page = lms.placeExercise(LmsLaunches.COURSE_B, title, "CLASSIFIER_CHALLENGE", 10);
      String teacher = lms.launchAs(page, "b-teacher-1");
      String student = lms.launchAs(page, "b-student-2");
      long challenge = lms.exerciseId(http, teacher, title);
      byte[] zip = ChallengeIT.shapesZip();
      long dataset = AuthorizationMatrixIT.upload(http, teacher, zip);
      AuthorizationMatrixIT.configure(
          http, teacher, challenge, AuthorizationMatrixIT.challengeSettings(dataset));
      String drawTitle = "Hostile draw " + stamp;
      lms.placeExercise(LmsLaunches.COURSE_B, drawTitle, "IMAGE_ANSWER", 10);
      long draw = lms.exerciseId(http, teacher, drawTitle);
      AuthorizationMatrixIT.configure(
          http,
          teacher,
          draw,
          """
          {"datasetId": %d, "prompts": [ {"text": "Draw a triangle", "expectedClass": "triangle"} ]}
          """
              .formatted(dataset));
      HttpResponse<String> queued =
          ImageAnswersIT.post(
              http,
              "api/course/models",
              teacher,
              "application/json",
              ("{\"datasetId\": " + dataset + ", \"spec\": " + ChallengeIT.SPEC + "}").getBytes());
      assertEquals(202, queued.statusCode(), queued.body());
      course =
          new Course(
              teacher,
              student,
              challenge,
              draw,
              dataset,
              Http.json(queued).asJsonObject().getJsonNumber("id").longValue());
    }
    return course;
  }

  @AfterEach
  void theServerIsStillHealthy() {
    Http http = http();
    assertEquals(200, http.get("health/ready").statusCode(), "ready after the hostile input");
    if (course != null) {
      HttpResponse<String> normal = get(http, "api/course/exercises", course.teacher());
      assertEquals(200, normal.statusCode(), normal.body());
    }
  }

  // ------------------------------------------------------------------------------- archives

  @Test
  void zipBombsAreRefusedWithinBounds() throws Exception {
    Course c = course();
    // 42.zip-style: 10 x 10 nested archives of 10 MiB of zeros each (1 GiB if all were opened).
    byte[] inner = zip(Map.of("circle/0.png", zeros(10 << 20)));
    Map<String, byte[]> middle = new LinkedHashMap<>();
    for (int i = 0; i < 10; i++) {
      middle.put("circle/" + i + ".zip", inner);
    }
    byte[] mid = zip(middle);
    Map<String, byte[]> outer = new LinkedHashMap<>();
    for (int i = 0; i < 10; i++) {
      outer.put((i % 2 == 0 ? "circle/" : "square/") + i + ".zip", mid);
    }
    byte[] nested = zip(outer);
    assertTrue(nested.length < 3 << 20, "small on disk: " + nested.length);
    refused(uploadDataset(c, "nested", nested), 400, 30, "not an image");

    // One entry of 1.5 GiB of zeros (about 1.5 MB deflated): more than visiongrade.dataset's
    // inflate limit (1 GiB), and far more than any image may be.
    Path bomb = Files.createTempFile("bomb", ".zip");
    try {
      try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(bomb))) {
        z.setLevel(Deflater.BEST_COMPRESSION);
        for (Map.Entry<String, byte[]> e : baseImages().entrySet()) {
          z.putNextEntry(new ZipEntry(e.getKey()));
          z.write(e.getValue());
          z.closeEntry();
        }
        z.putNextEntry(new ZipEntry("circle/bomb.png"));
        byte[] block = new byte[1 << 20];
        for (int i = 0; i < 1536; i++) {
          z.write(block);
        }
        z.closeEntry();
      }
      assertTrue(Files.size(bomb) < 4 << 20, "small on disk: " + Files.size(bomb));
      refused(uploadDataset(c, "bomb", Files.readAllBytes(bomb)), 400, 30, "circle/bomb.png");
    } finally {
      Files.deleteIfExists(bomb);
    }
  }

  @Test
  void zipSlipEntriesAreRefused() throws Exception {
    Course c = course();
    Map<String, byte[]> dotdot = baseImages();
    dotdot.put("circle/../../etc/x.png", png(8, 8, 1));
    refused(uploadDataset(c, "slip", zip(dotdot)), 400, 10, "zip slip");

    Map<String, byte[]> absolute = baseImages();
    absolute.put("/etc/abs.png", png(8, 8, 2));
    refused(uploadDataset(c, "slip", zip(absolute)), 400, 10, "/etc/abs.png");

    Map<String, byte[]> link = baseImages();
    link.put("circle/link.png", "/etc/passwd".getBytes(StandardCharsets.UTF_8));
    refused(
        uploadDataset(c, "slip", symlink(zip(link), "circle/link.png")), 400, 10, "symbolic link");
  }

  @Test
  void imagesThatLieAreRefusedNamingTheFile() throws Exception {
    Course c = course();
    Map<String, Supplier<byte[]>> liars = new LinkedHashMap<>();
    liars.put("circle/huge.png", () -> hugePngHeader(100_000, 100_000));
    liars.put("circle/cut.jpg", HostileInputIT::truncatedJpeg);
    liars.put("circle/script.png", () -> "#!/bin/sh\nrm -rf /\n".getBytes(StandardCharsets.UTF_8));
    liars.put("circle/vector.png", HostileInputIT::svg);
    liars.put("circle/page.jpg", () -> html().getBytes(StandardCharsets.UTF_8));
    for (Map.Entry<String, Supplier<byte[]>> liar : liars.entrySet()) {
      Map<String, byte[]> files = baseImages();
      files.put(liar.getKey(), liar.getValue().get());
      refused(uploadDataset(c, "liar", zip(files)), 400, 20, liar.getKey());
    }
  }

  @Test
  void tenThousandOnePixelImagesAreAcceptedWithinTheLimits() throws Exception {
    Course c = course();
    // Within visiongrade.dataset.max-images (50,000) and max-entries (60,000): accepted, bounded.
    byte[] onePixel = png(1, 1, 3);
    Map<String, byte[]> files = new LinkedHashMap<>();
    for (int i = 0; i < 10_000; i++) {
      files.put((i % 2 == 0 ? "dark/" : "light/") + i + ".png", onePixel);
    }
    byte[] zip = zip(files);
    long t0 = System.nanoTime();
    HttpResponse<String> r = uploadDataset(c, "pixels", zip);
    double seconds = (System.nanoTime() - t0) / 1e9;
    assertEquals(201, r.statusCode(), r.body());
    assertEquals(10_000, Http.json(r).asJsonObject().getInt("imageCount"), r.body());
    assertTrue(seconds < 60, "10,000 images took " + seconds + " s");
    System.out.printf("HostileInputIT: 10,000 one-pixel images imported in %.1f s%n", seconds);
  }

  @Test
  void hostileFileAndDatasetNamesAreNeitherUsedNorEchoedRaw() throws Exception {
    Course c = course();
    Http http = http();
    String longName = "x".repeat(1000) + ".zip";
    for (String fileName : new String[] {"../../etc/passwd", "evil\u0000.zip", longName}) {
      HttpResponse<String> r =
          ImageAnswersIT.post(
              http,
              "api/course/datasets?name=names&fileName="
                  + URLEncoder.encode(fileName, StandardCharsets.UTF_8),
              c.teacher(),
              "application/zip",
              "not a zip".getBytes(StandardCharsets.UTF_8));
      refused(r, 400, 10, "not a zip archive");
      String detail = Http.json(r).asJsonObject().getString("detail");
      assertFalse(detail.contains("../"), detail);
      assertFalse(detail.contains("\u0000"), detail);
      assertFalse(detail.contains("x".repeat(101)), detail);
    }
    // A dataset name is a label, never a path: "../../etc/passwd" is just text in JSON.
    HttpResponse<String> dots = uploadNamed(c, "../../etc/passwd");
    assertEquals(201, dots.statusCode(), dots.body());
    assertEquals("../../etc/passwd", Http.json(dots).asJsonObject().getString("name"));
    refused(uploadNamed(c, "a\u0000b"), 400, 10, "control characters");
    refused(uploadNamed(c, "n".repeat(1000)), 400, 10, "at most");
    // Entry names: 1,000 characters and a NUL inside the archive.
    Map<String, byte[]> files = baseImages();
    files.put("circle/" + "y".repeat(1000) + ".png", png(8, 8, 4));
    HttpResponse<String> longEntry = uploadDataset(c, "long-entry", zip(files));
    assertEquals(201, longEntry.statusCode(), longEntry.body());
    Map<String, byte[]> nul = baseImages();
    nul.put("circle/a\u0000b.png", png(8, 8, 5));
    HttpResponse<String> r = uploadDataset(c, "nul-entry", zip(nul));
    assertTrue(r.statusCode() == 201 || r.statusCode() == 400, r.statusCode() + " " + r.body());
    if (r.statusCode() == 400) {
      refused(r, 400, 10, "");
    }
  }

  @Test
  void classNamesAndTitlesWithHtmlAreEscapedOnPages() throws Exception {
    Course c = course();
    Http http = http();
    String label = "<img src=x onerror=alert(1)>";
    Map<String, byte[]> files = new LinkedHashMap<>();
    for (int i = 0; i < 3; i++) {
      files.put(label + "/" + i + ".png", png(8, 8, 10 + i));
      files.put("plain/" + i + ".png", png(8, 8, 20 + i));
    }
    HttpResponse<String> created = uploadDataset(c, "html-labels", zip(files));
    assertEquals(201, created.statusCode(), created.body());
    JsonObject d = Http.json(created).asJsonObject();
    assertEquals(label, d.getJsonArray("classes").getJsonObject(0).getString("name"));
    assertTrue(
        created.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));

    LmsLaunches lms = new LmsLaunches(base.toString());
    String title = "<script>alert('t')</script> " + System.nanoTime();
    String coursePage = lms.placeExercise(LmsLaunches.COURSE_B, title, "IMAGE_ANSWER", 10);
    assertFalse(coursePage.contains("<script>alert('t')"), "dev LMS page escapes titles");
    assertTrue(coursePage.contains("&lt;script&gt;"), coursePage);
    String teacher = lms.launchAs(coursePage, "b-teacher-1");
    long id = lms.exerciseId(http, teacher, title);
    AuthorizationMatrixIT.configure(
        http,
        teacher,
        id,
        "{\"datasetId\": %d, \"prompts\": [{\"text\": \"<b>draw</b> %s\", \"expectedClass\": \"%s\"}]}"
            .formatted(d.getJsonNumber("id").longValue(), label, label));
    for (String token : new String[] {teacher, lms.launchAs(coursePage, "b-student-3")}) {
      HttpResponse<String> home =
          http.send(http.request("app/home").header("Authorization", "Bearer " + token).build());
      assertEquals(200, home.statusCode(), home.body());
      assertFalse(home.body().contains("<script>alert('t')"), home.body());
      assertFalse(home.body().contains(label), home.body());
      assertTrue(home.body().contains("&lt;script&gt;"), home.body());
    }
  }

  // ------------------------------------------------------------------------ image answers

  @Test
  void imageAnswersThatLieAreRefused() throws Exception {
    Course c = course();
    Http http = http();
    JsonObject model = ImageAnswersIT.awaitModel(http, c.teacher(), c.model());
    assertEquals("READY", model.getString("state"), model.toString());
    HttpResponse<String> promoted =
        ImageAnswersIT.post(
            http,
            "api/course/models/" + c.model() + "/promote",
            c.teacher(),
            "application/json",
            new byte[0]);
    assertEquals(200, promoted.statusCode(), promoted.body());
    String path = "api/course/exercises/" + c.imageExercise() + "/answers?prompt=0";
    refused(
        ImageAnswersIT.post(http, path, c.student(), "image/png", hugePngHeader(100_000, 100_000)),
        400,
        10,
        "100000x100000");
    refused(
        ImageAnswersIT.post(http, path, c.student(), "image/jpeg", truncatedJpeg()), 400, 10, "");
    refused(
        ImageAnswersIT.post(http, path, c.student(), "image/png", jpeg()), 400, 10, "not a PNG");
    refused(ImageAnswersIT.post(http, path, c.student(), "image/png", svg()), 400, 10, "not a PNG");
    refused(
        ImageAnswersIT.post(http, path, c.student(), "image/svg+xml", svg()), 400, 10, "image/png");
    refused(
        ImageAnswersIT.post(
            http, path, c.student(), "text/html", html().getBytes(StandardCharsets.UTF_8)),
        400,
        10,
        "image/png");
    HttpResponse<String> mine = get(http, "api/course/answers", c.student());
    assertEquals(0, Http.json(mine).asJsonArray().size(), "nothing was kept: " + mine.body());
  }

  // ---------------------------------------------------------------------------- submissions

  static final String TRAINING =
      " \"optimizer\": {\"type\": \"adam\", \"learningRate\": 0.01},"
          + " \"training\": {\"epochs\": 1, \"batchSize\": 8, \"seed\": 1} }";

  @Test
  void hostileSpecsAreRefusedBeforeAnyTraining() throws Exception {
    Course c = course();
    Http http = http();
    String billion =
        """
        {"input": {"width": 16, "height": 16, "channels": 1},
         "layers": [ {"type": "flatten"}, {"type": "dense", "units": 4000000},
                     {"type": "dense", "units": "classes"} ],
         "optimizer": {"type": "adam", "learningRate": 0.01},
         "training": {"epochs": 1, "batchSize": 8, "seed": 1} }
        """;
    refused(submit(http, c, "application/json", billion.getBytes()), 400, 10, "parameters");

    StringBuilder many = new StringBuilder("{\"input\": {\"width\": 16, \"height\": 16,");
    many.append(" \"channels\": 1}, \"layers\": [");
    for (int i = 0; i < 10_000; i++) {
      many.append("{\"type\": \"dropout\", \"rate\": 0.1},");
    }
    many.append("{\"type\": \"flatten\"}, {\"type\": \"dense\", \"units\": \"classes\"}],");
    many.append(TRAINING);
    HttpResponse<String> tenThousand = submit(http, c, "application/json", bytes(many));
    refused(tenThousand, 413, 10, "limit");

    StringBuilder sixtyFive = new StringBuilder("{\"input\": {\"width\": 16, \"height\": 16,");
    sixtyFive.append(" \"channels\": 1}, \"layers\": [");
    for (int i = 0; i < 65; i++) {
      sixtyFive.append("{\"type\": \"dropout\", \"rate\": 0.1},");
    }
    sixtyFive.append("{\"type\": \"flatten\"}, {\"type\": \"dense\", \"units\": \"classes\"}],");
    sixtyFive.append(TRAINING);
    refused(submit(http, c, "application/json", bytes(sixtyFive)), 400, 10, "layers");

    refused(submit(http, c, "application/json", nested(20_000)), 400, 10, "nesting");
    HttpResponse<String> list = get(http, "api/course/submissions", c.student());
    assertEquals(0, Http.json(list).asJsonArray().size(), "nothing was queued: " + list.body());
  }

  @Test
  void deeplyNestedJsonIsRefusedByEveryJsonEndpoint() throws Exception {
    Course c = course();
    Http http = http();
    byte[] deep = nested(100_000);
    HttpResponse<String> settings =
        http.send(
            http.request("api/course/exercises/" + c.challenge() + "/settings")
                .header("Authorization", "Bearer " + c.teacher())
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(deep))
                .build());
    refused(settings, 400, 10, "deeper than 32 levels");
    refused(
        ImageAnswersIT.post(http, "api/course/models", c.teacher(), "application/json", deep),
        400,
        10,
        "deeper than 32 levels");
    refused(
        ImageAnswersIT.post(http, "api/course/reviews/1", c.teacher(), "application/json", deep),
        400,
        10,
        "deeper than 32 levels");
    refused(
        http.send(
            http.request("api/admin/platforms")
                .header("Authorization", "Bearer " + Deployments.ADMIN_TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(deep))
                .build()),
        400,
        10,
        "deeper than 32 levels");
  }

  @Test
  void aPickleIsNotATorchScriptModel() throws Exception {
    Course c = course();
    Path marker = Path.of(System.getProperty("java.io.tmpdir"), "vg-pwned-" + System.nanoTime());
    // The classic: GLOBAL os.system, then REDUCE with a shell command.
    byte[] pickle =
        ("cos\nsystem\n(S'touch " + marker + "'\ntR.").getBytes(StandardCharsets.US_ASCII);
    refused(
        submit(http(), c, "application/octet-stream", pickle), 400, 10, "Not a TorchScript model");
    byte[] protocol4 = new byte[] {(byte) 0x80, 4, (byte) 0x95, 0, 0, 0, 0, 0, 0, 0, 0, '.'};
    refused(
        submit(http(), c, "application/octet-stream", protocol4),
        400,
        10,
        "Not a TorchScript model");
    assertFalse(Files.exists(marker), "the pickle never ran");
  }

  @Test
  void aMillionRowPredictionsCsvIsRefusedWhileStreaming() throws Exception {
    Course c = course();
    Http http = http();
    long t0 = System.nanoTime();
    HttpResponse<String> r =
        http.send(
            http.request("api/course/exercises/" + c.challenge() + "/submissions")
                .header("Authorization", "Bearer " + c.student())
                .header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> csvRows(1_000_000)))
                .build());
    refused(r, 413, 20, "limit");
    System.out.printf(
        "HostileInputIT: million-row CSV refused in %.2f s%n", (System.nanoTime() - t0) / 1e9);
  }

  // --------------------------------------------------------------------------- big bodies

  @Test
  void twoGigabyteBodiesAreRefusedQuickly() throws Exception {
    Course c = course();
    URI uri = URI.create(base.toString()).resolve("api/course/datasets?name=huge");
    long t0 = System.nanoTime();
    // Above visiongrade.http.max-post-size (256 MiB) Undertow itself refuses a declared length
    // before the application sees the request: an empty 400 and a closed connection (a declared
    // length between the upload limit and that is a 413 naming the limit: DatasetsIT). Either way
    // nothing is read.
    String declared = rawPost(uri, c.teacher(), "Content-Length: 2000000000\r\n", 1, false);
    assertTrue(
        declared.startsWith("HTTP/1.1 413") || declared.startsWith("HTTP/1.1 400"), declared);
    assertTrue(declared.contains("Connection: close"), declared);
    double first = (System.nanoTime() - t0) / 1e9;
    assertTrue(first < 10, "declared 2 GB refused after " + first + " s");

    long t1 = System.nanoTime();
    String chunked = rawPost(uri, c.teacher(), "Transfer-Encoding: chunked\r\n", 1908, true);
    double second = (System.nanoTime() - t1) / 1e9;
    assertTrue(chunked.startsWith("HTTP/1.1 413"), chunked);
    assertTrue(chunked.contains("larger than the limit"), chunked);
    assertTrue(second < 60, "chunked 2 GB refused after " + second + " s");
    System.out.printf(
        "HostileInputIT: 2 GB declared refused in %.2f s, chunked in %.2f s%n", first, second);
  }

  /**
   * Posts up to {@code maxMiB} MiB of zeros (in 1 MiB chunks when chunked) on a raw socket, stops
   * writing when the server answers or closes, and returns the head of the response.
   */
  static String rawPost(URI uri, String token, String lengthHeader, int maxMiB, boolean chunked)
      throws IOException {
    try (Socket s = new Socket(uri.getHost(), uri.getPort())) {
      s.setSoTimeout(60_000);
      OutputStream out = s.getOutputStream();
      InputStream in = s.getInputStream();
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
                  + token
                  + "\r\nContent-Type: application/zip\r\n"
                  + lengthHeader
                  + "Connection: close\r\n\r\n")
              .getBytes(StandardCharsets.ISO_8859_1));
      byte[] block = new byte[1 << 20];
      byte[] chunkHead = (Integer.toHexString(block.length) + "\r\n").getBytes();
      try {
        for (int i = 0; i < maxMiB && in.available() == 0; i++) {
          if (chunked) {
            out.write(chunkHead);
          }
          out.write(block);
          if (chunked) {
            out.write("\r\n".getBytes());
          }
        }
        out.flush();
      } catch (IOException e) {
        // The server answered and closed while we were still sending: read what it said.
      }
      return new String(in.readNBytes(2000), StandardCharsets.ISO_8859_1);
    }
  }

  // -------------------------------------------------------------------------------- helpers

  /** A 4xx problem+json with a message containing {@code text}, answered within the bound. */
  static void refused(HttpResponse<String> r, int status, int seconds, String text) {
    assertEquals(status, r.statusCode(), r.body());
    assertTrue(
        r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"),
        r.headers().toString());
    String detail = Http.json(r).asJsonObject().getString("detail", "");
    assertFalse(detail.isBlank(), r.body());
    assertTrue(detail.contains(text), "'" + text + "' in " + detail);
  }

  HttpResponse<String> uploadDataset(Course c, String name, byte[] zip) {
    return ImageAnswersIT.post(
        http(),
        "api/course/datasets?name=" + name + "&width=16&channels=1",
        c.teacher(),
        "application/zip",
        zip);
  }

  HttpResponse<String> uploadNamed(Course c, String name) throws Exception {
    return ImageAnswersIT.post(
        http(),
        "api/course/datasets?width=16&channels=1&name="
            + URLEncoder.encode(name, StandardCharsets.UTF_8),
        c.teacher(),
        "application/zip",
        ChallengeIT.shapesZip());
  }

  static HttpResponse<String> submit(Http http, Course c, String type, byte[] body) {
    return ChallengeIT.submit(http, c.student(), c.challenge(), type, body);
  }

  static HttpResponse<String> get(Http http, String path, String token) {
    return http.send(http.request(path).header("Authorization", "Bearer " + token).build());
  }

  static byte[] bytes(CharSequence s) {
    return s.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** {"a": [[[ ... ]]]} nested {@code depth} deep. */
  static byte[] nested(int depth) {
    return bytes("{\"a\": " + "[".repeat(depth) + "]".repeat(depth) + "}");
  }

  static InputStream csvRows(int rows) {
    return new InputStream() {
      int row = -1;
      byte[] line = "id,label\n".getBytes(StandardCharsets.US_ASCII);
      int at;

      @Override
      public int read() {
        if (at == line.length) {
          if (++row >= rows) {
            return -1;
          }
          line =
              ("circle/" + row + ".png,=HYPERLINK(\"http://evil\",\"x\")\n")
                  .getBytes(StandardCharsets.US_ASCII);
          at = 0;
        }
        return line[at++] & 0xff;
      }
    };
  }

  static byte[] zeros(int n) {
    return new byte[n];
  }

  /** Two classes of three small valid images each. */
  static Map<String, byte[]> baseImages() {
    Map<String, byte[]> files = new LinkedHashMap<>();
    for (int i = 0; i < 3; i++) {
      files.put("circle/" + i + ".png", png(8, 8, i));
      files.put("square/" + i + ".png", png(8, 8, 100 + i));
    }
    return files;
  }

  static byte[] zip(Map<String, byte[]> files) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(out)) {
      z.setLevel(Deflater.BEST_COMPRESSION);
      for (Map.Entry<String, byte[]> e : files.entrySet()) {
        z.putNextEntry(new ZipEntry(e.getKey()));
        z.write(e.getValue());
        z.closeEntry();
      }
    }
    return out.toByteArray();
  }

  /** Marks a zip entry as a Unix symbolic link in the central directory (as `zip -y` does). */
  static byte[] symlink(byte[] zip, String name) {
    byte[] n = name.getBytes(StandardCharsets.UTF_8);
    ByteBuffer b = ByteBuffer.wrap(zip).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    boolean found = false;
    for (int i = 0; i + 46 <= zip.length; i++) {
      if (b.getInt(i) == 0x02014b50) {
        int nameLength = b.getShort(i + 28) & 0xffff;
        if (nameLength == n.length
            && Arrays.equals(zip, i + 46, i + 46 + nameLength, n, 0, n.length)) {
          zip[i + 5] = 3; // made by: Unix
          b.putInt(i + 38, 0120777 << 16);
          found = true;
        }
      }
    }
    assertTrue(found, name);
    return zip;
  }

  static byte[] png(int w, int h, int seed) {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
    Random r = new Random(seed);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int v = r.nextInt(256);
        img.setRGB(x, y, (v << 16) | (v << 8) | v);
      }
    }
    return encode(img, "png");
  }

  static byte[] jpeg() {
    BufferedImage img = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
    for (int i = 0; i < 16; i++) {
      img.setRGB(i, i, 0xffffff);
    }
    return encode(img, "jpg");
  }

  static byte[] truncatedJpeg() {
    byte[] full = jpeg();
    return Arrays.copyOf(full, full.length / 2);
  }

  static byte[] encode(BufferedImage img, String format) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      assertTrue(ImageIO.write(img, format, out), format);
      return out.toByteArray();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** A real 8x8 PNG whose IHDR (with a correct CRC) declares {@code w} x {@code h}. */
  static byte[] hugePngHeader(int w, int h) {
    byte[] p = png(8, 8, 7);
    ByteBuffer b = ByteBuffer.wrap(p);
    b.putInt(16, w);
    b.putInt(20, h);
    CRC32 crc = new CRC32();
    crc.update(p, 12, 17);
    b.putInt(29, (int) crc.getValue());
    return p;
  }

  static byte[] svg() {
    return ("<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"8\""
            + " height=\"8\"><script>alert(1)</script><rect width=\"8\" height=\"8\"/></svg>")
        .getBytes(StandardCharsets.UTF_8);
  }

  static String html() {
    return "<!DOCTYPE html><html><body><img src=x onerror=alert(1)></body></html>";
  }
}
