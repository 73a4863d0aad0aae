package io.visiongrade.web.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.visiongrade.engine.data.DatasetImporter;
import io.visiongrade.engine.data.DatasetSplitter;
import io.visiongrade.engine.data.DatasetWriter;
import io.visiongrade.engine.data.ImportOptions;
import io.visiongrade.engine.data.LabeledImages;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntBinaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.imageio.ImageIO;

/**
 * Classifier challenges that take predictions CSVs, for the policy and gradebook tests: placed and
 * configured through the LMS emulator and the REST API, and CSVs built the way a student builds
 * them — from the downloaded test images, whose labels the test knows by finding each image in its
 * own copy of the dataset.
 */
final class CsvChallenges {

  private CsvChallenges() {}

  /** A placed, configured challenge and sessions of its teacher and two students. */
  record Challenge(
      String teacher,
      String student,
      String other,
      long exerciseId,
      String title,
      long datasetId) {}

  /**
   * Places a challenge on the tiny shapes dataset (16x16 gray, 3 classes, seed 3) with {@code
   * extraSettings} (JSON members, may be empty) added to its settings.
   */
  static Challenge create(Http http, String base, String extraSettings) {
    http.awaitReady(120);
    LmsLaunches lms = new LmsLaunches(base);
    String title = "CSV challenge " + System.nanoTime();
    String page = lms.placeExercise(title, "CLASSIFIER_CHALLENGE", 10);
    String teacher = lms.launchAs(page, "teacher-1");
    String student = lms.launchAs(page, "student-1");
    String other = lms.launchAs(page, "student-2");
    long exerciseId = lms.exerciseId(http, teacher, title);
    byte[] zip = shapesZip();
    HttpResponse<String> dataset =
        http.send(
            http.request("api/course/datasets?name=shapes&width=16&channels=1&seed=3")
                .header("Authorization", "Bearer " + teacher)
                .header("Content-Type", "application/zip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(zip))
                .build());
    assertEquals(201, dataset.statusCode(), dataset.body());
    long datasetId = Http.json(dataset).asJsonObject().getJsonNumber("id").longValue();
    Challenge c = new Challenge(teacher, student, other, exerciseId, title, datasetId);
    configure(http, c, extraSettings);
    return c;
  }

  /**
   * Replaces the challenge's settings (as the teacher): its dataset, CSV submissions, accuracy from
   * 0 to 1, and {@code extraSettings}.
   */
  static void configure(Http http, Challenge c, String extraSettings) {
    String settings =
        """
        {"datasetId": %d, "allowedKinds": ["PREDICTIONS_CSV"],
         "rubric": {"metric": "ACCURACY", "baseline": 0.0, "target": 1.0}%s}
        """
            .formatted(c.datasetId(), extraSettings.isBlank() ? "" : ", " + extraSettings);
    HttpResponse<String> saved =
        http.send(
            http.request("api/course/exercises/" + c.exerciseId() + "/settings")
                .header("Authorization", "Bearer " + c.teacher())
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(settings))
                .build());
    assertEquals(200, saved.statusCode(), saved.body());
  }

  static byte[] shapesZip() {
    try {
      return ChallengeIT.shapesZip();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The test split as the server cuts it (same import, fractions and seed), with its labels. */
  static LabeledImages localTest() {
    try {
      Path file = Files.createTempFile("shapes", ".zip");
      try {
        Files.write(file, shapesZip());
        LabeledImages all =
            new DatasetImporter(ImportOptions.builder().setImageSize(16, 16).setChannels(1).build())
                .importZip(file);
        return DatasetSplitter.builder().optFractions(0.7, 0.15, 0.15).build().split(all, 3).test();
      } finally {
        Files.deleteIfExists(file);
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The downloaded zip's entries, name to bytes, in zip order. */
  static Map<String, byte[]> downloadZip(Http http, String token, long exerciseId) {
    HttpResponse<byte[]> r =
        http.sendBytes(
            http.request("api/course/exercises/" + exerciseId + "/test-images.zip")
                .header("Authorization", "Bearer " + token)
                .build());
    assertEquals(200, r.statusCode(), new String(r.body()));
    assertTrue(
        r.headers().firstValue("Content-Type").orElse("").startsWith("application/zip"),
        r.headers().toString());
    Map<String, byte[]> entries = new LinkedHashMap<>();
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(r.body()))) {
      for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
        entries.put(e.getName(), zip.readAllBytes());
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return entries;
  }

  /** The gray pixels of a PNG, to find the same image in the local copy. */
  static String pixels(byte[] png) {
    try {
      BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
      byte[] gray = new byte[img.getWidth() * img.getHeight()];
      img.getRaster().getDataElements(0, 0, img.getWidth(), img.getHeight(), gray);
      return Base64.getEncoder().encodeToString(gray);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every downloaded image's public id and its true label, in download order. */
  static Map<String, Integer> labelledIds(Http http, String token, long exerciseId) {
    LabeledImages test = localTest();
    Map<String, Integer> labelOf = new HashMap<>();
    for (int i = 0; i < test.size(); i++) {
      labelOf.put(pixels(DatasetWriter.png(test, i)), test.label(i));
    }
    Map<String, Integer> out = new LinkedHashMap<>();
    for (Map.Entry<String, byte[]> e : downloadZip(http, token, exerciseId).entrySet()) {
      if (e.getKey().endsWith(".png")) {
        String id = e.getKey().substring(e.getKey().lastIndexOf('/') + 1).replace(".png", "");
        Integer label = labelOf.get(pixels(e.getValue()));
        assertTrue(label != null, "an image that is not in the test split: " + e.getKey());
        out.put(id, label);
      }
    }
    assertEquals(test.size(), out.size());
    return out;
  }

  /** A CSV whose label for the k-th image (in download order) is {@code label(k, trueLabel)}. */
  static String csv(Map<String, Integer> ids, IntBinaryOperator label) {
    StringBuilder sb = new StringBuilder("id,label\n");
    int k = 0;
    for (Map.Entry<String, Integer> e : ids.entrySet()) {
      sb.append(e.getKey()).append(',').append(label.applyAsInt(k++, e.getValue())).append('\n');
    }
    return sb.toString();
  }

  /** Every prediction right. */
  static String perfect(Map<String, Integer> ids) {
    return csv(ids, (k, truth) -> truth);
  }

  /** Every prediction wrong (3 classes). */
  static String allWrong(Map<String, Integer> ids) {
    return csv(ids, (k, truth) -> (truth + 1) % 3);
  }

  /** Submits a CSV as a student. */
  static HttpResponse<String> submit(Http http, String token, long exerciseId, String csv) {
    return ChallengeIT.submit(http, token, exerciseId, "text/csv", csv.getBytes());
  }
}
