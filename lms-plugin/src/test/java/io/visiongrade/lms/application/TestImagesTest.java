package io.visiongrade.lms.application;

import static io.visiongrade.lms.application.ChallengeFixture.body;
import static io.visiongrade.lms.application.ChallengeFixture.student;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.visiongrade.engine.data.DatasetWriter;
import io.visiongrade.engine.data.LabeledImages;
import io.visiongrade.lms.domain.DomainException;
import io.visiongrade.lms.domain.course.SubmissionKind;
import io.visiongrade.lms.domain.grading.TestImageIds;
import io.visiongrade.lms.domain.job.JobUserError;
import io.visiongrade.lms.domain.submission.Submission;
import io.visiongrade.lms.infrastructure.persistence.Jdbc;
import io.visiongrade.lms.infrastructure.persistence.JdbcTestImageKeyRepository;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The test-image download of a CSV challenge: no label, folder or original name in it, an order
 * that follows the opaque ids, and a CSV built from it alone (plus the student's own
 * classification) scores as it should.
 */
class TestImagesTest {

  @TempDir Path dir;
  ChallengeFixture f;

  @BeforeEach
  void setUp() throws Exception {
    f = new ChallengeFixture(dir);
  }

  /** The zip's entries, name to bytes, in zip order. */
  Map<String, byte[]> download() throws Exception {
    TestImages.Download d = f.testImages.prepare(student("s1"), f.exercise.getId());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    TestImages.writeZip(d, out);
    Map<String, byte[]> entries = new LinkedHashMap<>();
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(out.toByteArray()))) {
      for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
        entries.put(e.getName(), zip.readAllBytes());
      }
    }
    return entries;
  }

  /** The gray pixels of a PNG, as a key to find the same image in the labelled split. */
  static String pixels(byte[] png) throws Exception {
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
    byte[] gray = new byte[img.getWidth() * img.getHeight()];
    img.getRaster().getDataElements(0, 0, img.getWidth(), img.getHeight(), gray);
    return Base64.getEncoder().encodeToString(gray);
  }

  @Test
  void theZipCarriesNoLabelNoFolderAndNoOriginalName() throws Exception {
    // A fixed key, so that the order checked at the end is the same on every run.
    new Jdbc(f.ds)
        .update(
            "INSERT INTO exercise_test_key (exercise_id, secret, created_at) VALUES (?, ?, ?)",
            f.exercise.getId(),
            "5eed".repeat(16),
            f.clock.instant());
    LabeledImages test = f.library.load(f.exercise).splits().test();
    Map<String, byte[]> entries = download();
    assertEquals(test.size() + 1, entries.size(), entries.keySet().toString());
    List<String> names = new ArrayList<>(entries.keySet());
    assertEquals("test-images/README.txt", names.get(0));
    List<String> images = names.subList(1, names.size());
    for (String name : images) {
      assertTrue(name.matches("test-images/t-[0-9a-f]{20}\\.png"), name);
    }
    assertEquals(images.stream().sorted().toList(), images, "in the order of the ids");
    String all = String.join("\n", names);
    for (String id : test.ids()) {
      assertFalse(all.contains(id), id);
    }
    for (String cls : test.classNames()) {
      assertFalse(all.contains(cls), cls + " in a name");
      for (String name : images) {
        String bytes = new String(entries.get(name), StandardCharsets.ISO_8859_1);
        assertFalse(bytes.contains(cls), cls + " inside " + name);
      }
    }
    // The README names the classes (the exercise shows them to students anyway) and no image.
    String readme = new String(entries.get(names.get(0)), StandardCharsets.UTF_8);
    assertTrue(readme.contains("id,label"), readme);
    for (String id : test.ids()) {
      assertFalse(readme.contains(id), readme);
    }
    // The download order does not follow the classes: not all of one class before another.
    List<Integer> labels = new ArrayList<>();
    Map<String, Integer> labelOf = new HashMap<>();
    for (int i = 0; i < test.size(); i++) {
      labelOf.put(pixels(DatasetWriter.png(test, i)), test.label(i));
    }
    for (String name : images) {
      labels.add(labelOf.get(pixels(entries.get(name))));
    }
    assertNotEquals(labels.stream().sorted().toList(), labels, "sorted by class: " + labels);
  }

  @Test
  void aCsvBuiltFromTheZipScoresAsItShould() throws Exception {
    LabeledImages test = f.library.load(f.exercise).splits().test();
    Map<String, Integer> labelOf = new HashMap<>();
    for (int i = 0; i < test.size(); i++) {
      labelOf.put(pixels(DatasetWriter.png(test, i)), test.label(i));
    }
    StringBuilder perfect = new StringBuilder("id,label\n");
    StringBuilder half = new StringBuilder("id,label\n");
    int n = 0;
    for (Map.Entry<String, byte[]> e : download().entrySet()) {
      if (!e.getKey().endsWith(".png")) {
        continue;
      }
      String id = e.getKey().substring("test-images/".length(), e.getKey().length() - 4);
      int label = labelOf.get(pixels(e.getValue()));
      perfect.append(id).append(',').append(test.classNames().get(label)).append('\n');
      half.append(id).append(',').append(n++ % 2 == 0 ? label : (label + 1) % 3).append('\n');
    }
    GradeSubmissionHandler handler =
        new GradeSubmissionHandler(f.submissions, f.library, f.testImages, f.store);
    Submission s =
        f.submissions.submit(
            student("s1"),
            f.exercise.getId(),
            SubmissionKind.PREDICTIONS_CSV,
            body(perfect.toString()));
    handler.run(new ChallengeFixture.Context(f.jobs.get(s.jobId())));
    var r = f.submissionRepo.find(s.requireId()).orElseThrow().results().orElseThrow();
    assertEquals(1.0, r.publicMetric(), 1e-9);
    assertEquals(10.0, r.publicPoints(), 1e-9);

    f.clock.advance(Duration.ofMinutes(1));
    Submission h =
        f.submissions.submit(
            student("s2"),
            f.exercise.getId(),
            SubmissionKind.PREDICTIONS_CSV,
            body(half.toString()));
    handler.run(new ChallengeFixture.Context(f.jobs.get(h.jobId())));
    var hr = f.submissionRepo.find(h.requireId()).orElseThrow().results().orElseThrow();
    assertEquals((test.size() + 1) / 2 / (double) test.size(), hr.publicMetric(), 1e-9);
  }

  @Test
  void theDatasetsOwnIdsAreNotAccepted() throws Exception {
    LabeledImages test = f.library.load(f.exercise).splits().test();
    StringBuilder csv = new StringBuilder("id,label\n");
    for (int i = 0; i < test.size(); i++) {
      csv.append(test.id(i)).append(',').append(test.label(i)).append('\n');
    }
    Submission s =
        f.submissions.submit(
            student("s1"),
            f.exercise.getId(),
            SubmissionKind.PREDICTIONS_CSV,
            body(csv.toString()));
    GradeSubmissionHandler handler =
        new GradeSubmissionHandler(f.submissions, f.library, f.testImages, f.store);
    JobUserError e =
        assertThrows(
            JobUserError.class,
            () -> handler.run(new ChallengeFixture.Context(f.jobs.get(s.jobId()))));
    assertTrue(e.getMessage().contains("unknown id"), e.getMessage());
    // The missing ids it names are public ones, never the dataset's own.
    for (String id : test.ids()) {
      assertFalse(e.getMessage().contains("missing prediction for id '" + id), e.getMessage());
    }
  }

  @Test
  void idsAreStablePerExerciseAndUnguessableWithoutItsKey() {
    List<String> ids = List.of("circle/001.png", "square/001.png");
    JdbcTestImageKeyRepository keys = new JdbcTestImageKeyRepository(f.ds);
    byte[] key = keys.keyFor(f.exercise.getId(), f.clock.instant());
    assertEquals(32, key.length);
    assertEquals(
        TestImageIds.of(key, "h", 1, ids),
        TestImageIds.of(keys.keyFor(f.exercise.getId(), f.clock.instant()), "h", 1, ids));
    byte[] other = key.clone();
    other[0] ^= 1;
    assertNotEquals(TestImageIds.of(key, "h", 1, ids), TestImageIds.of(other, "h", 1, ids));
    assertNotEquals(TestImageIds.of(key, "h", 1, ids), TestImageIds.of(key, "h", 2, ids));
  }

  @Test
  void onlyOpenCsvChallengesOfTheCourse() {
    f.exercise.schedule(f.clock.instant().plus(Duration.ofHours(2)), null);
    DomainException.Conflict closed =
        assertThrows(
            DomainException.Conflict.class,
            () -> f.testImages.prepare(student("s1"), f.exercise.getId()));
    assertTrue(closed.getMessage().contains("opens at"), closed.getMessage());
    // The teacher may look before it opens.
    assertEquals(
        f.library.load(f.exercise).splits().test().size(),
        f.testImages.prepare(ChallengeFixture.teacher(), f.exercise.getId()).images().size());

    f.exercise.schedule(null, null);
    f.exercise.allowSubmissions(EnumSet.of(SubmissionKind.SPEC));
    assertThrows(
        DomainException.Invalid.class,
        () -> f.testImages.prepare(student("s1"), f.exercise.getId()));
    assertThrows(
        DomainException.NotFound.class,
        () -> f.testImages.prepare(TestSessions.student("other-course", "s1"), f.exercise.getId()));
  }
}
