package io.visiongrade.lms.application;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.util.JSONObjectUtils;
import io.visiongrade.lms.domain.DomainException;
import io.visiongrade.lms.lti.launch.LtiRole;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Export and deletion of one student's data (PRIVACY.md), on H2 with a real content store. */
class StudentPrivacyTest {

  @TempDir Path dir;

  /** The fixture on H2; the PostgreSQL variant overrides this. */
  PrivacyFixture fixture() {
    return new PrivacyFixture(dir);
  }

  private static byte[] png(String seed) {
    return ("\u0089PNG fake image of " + seed).getBytes(StandardCharsets.ISO_8859_1);
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

  private static byte[] exportOf(PrivacyFixture f, String sub) throws Exception {
    StudentPrivacy.Export export =
        f.privacy.export(TestSessions.session("ctx-1", sub, LtiRole.STUDENT));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    f.privacy.writeZip(export, out);
    return out.toByteArray();
  }

  @Test
  void theExportHoldsTheStudentsOwnRowsAndFilesAndNothingElse() throws Exception {
    PrivacyFixture f = fixture();
    PrivacyFixture.Student alice = f.student("alice-sub-7f3", "Alice Liddell", png("alice"));
    PrivacyFixture.Student bob = f.student("bob-sub-19c", "Bob Builder", png("bob"));

    Map<String, byte[]> zip = unzip(exportOf(f, alice.sub()));

    assertEquals(
        List.of(
            "submissions/" + alice.submissionId() + ".json",
            "answers/" + alice.answerId() + ".png",
            "data.json",
            "README.txt"),
        List.copyOf(zip.keySet()));
    assertArrayEquals(alice.spec(), zip.get("submissions/" + alice.submissionId() + ".json"));
    assertArrayEquals(alice.image(), zip.get("answers/" + alice.answerId() + ".png"));
    String json = new String(zip.get("data.json"), StandardCharsets.UTF_8);
    Map<String, Object> data = JSONObjectUtils.parse(json);
    assertEquals("alice-sub-7f3", data.get("ltiUserId"));
    for (String section :
        List.of(
            "submissions",
            "grades",
            "imageAnswers",
            "imageAnswerGrades",
            "reviews",
            "trainingImages",
            "dueDateExtensions",
            "jobs",
            "sessions")) {
      assertEquals(1, ((List<?>) data.get(section)).size(), section + " in " + json);
    }
    assertEquals(2, ((List<?>) data.get("scoresSentToLms")).size(), json);
    Map<?, ?> submission = (Map<?, ?>) ((List<?>) data.get("submissions")).get(0);
    assertEquals(alice.submissionSha(), submission.get("content_sha256"));
    assertEquals(0.75, ((Number) submission.get("public_metric")).doubleValue(), 1e-9);
    // metrics_json is embedded as JSON, not as a string
    assertTrue(submission.get("metrics_json") instanceof Map, json);
    Map<?, ?> session = (Map<?, ?>) ((List<?>) data.get("sessions")).get(0);
    assertEquals("Alice Liddell", session.get("display_name"));
    // Nothing of Bob, nothing of the hidden blind-phase score, no teacher's id, no token hash.
    for (String absent :
        List.of(
            bob.sub(),
            "Bob Builder",
            bob.submissionSha(),
            bob.imageSha(),
            "private",
            "0.123456",
            "teacher-1",
            "hash-")) {
      assertFalse(json.contains(absent), absent + " in " + json);
    }
    assertTrue(new String(zip.get("README.txt"), StandardCharsets.UTF_8).contains("data.json"));
  }

  @Test
  void aStudentWithNoDataGetsAnExportWithEmptySections() throws Exception {
    PrivacyFixture f = fixture();
    f.student("alice-sub-7f3", "Alice Liddell", png("alice"));

    Map<String, byte[]> zip = unzip(exportOf(f, "nobody"));

    assertEquals(List.of("data.json", "README.txt"), List.copyOf(zip.keySet()));
    String json = new String(zip.get("data.json"), StandardCharsets.UTF_8);
    assertEquals(List.of(), JSONObjectUtils.parse(json).get("submissions"));
    assertFalse(json.contains("alice"), json);
  }

  @Test
  void deletingAStudentLeavesNothingOfThemInAnyColumnNorOnDiskAndKeepsSharedFiles()
      throws Exception {
    PrivacyFixture f = fixture();
    byte[] shared = png("same drawing");
    PrivacyFixture.Student alice = f.student("alice-sub-7f3", "Alice Liddell", shared);
    PrivacyFixture.Student bob = f.student("bob-sub-19c", "Bob Builder", shared);
    assertFalse(f.occurrences("alice-sub-7f3").isEmpty());
    Map<String, byte[]> bobBefore = unzip(exportOf(f, bob.sub()));

    StudentPrivacy.Deleted d = f.privacy.deleteStudent(TestSessions.teacher("ctx-1"), alice.sub());

    assertEquals(List.of(), f.occurrences("alice-sub-7f3"));
    assertEquals(List.of(), f.occurrences("Alice Liddell"));
    assertTrue(f.textColumns() > 50, "the scan looked at " + f.textColumns() + " columns");
    assertFalse(f.store.exists(alice.submissionSha()), "her spec is deleted");
    assertTrue(f.store.exists(alice.imageSha()), "the image Bob also sent stays");
    assertEquals(1, d.filesDeleted());
    assertEquals(1, d.filesKept());
    assertEquals(1, d.scoresAlreadyInLms());
    assertEquals(1, d.scoresNotSent());
    assertTrue(d.lmsNote().contains("stay there"), d.lmsNote());
    assertEquals(11, d.totalRows(), d.rows().toString());
    assertEquals(
        Map.ofEntries(
            Map.entry("course_training_image", 1),
            Map.entry("image_answer_review", 1),
            Map.entry("image_answer", 1),
            Map.entry("image_answer_grade", 1),
            Map.entry("grade", 1),
            Map.entry("exercise_extension", 1),
            Map.entry("deadline_regrade", 0),
            Map.entry("submission", 1),
            Map.entry("jobs", 1),
            Map.entry("score_outbox", 2),
            Map.entry("lti_session", 1)),
        d.rows());
    // Bob keeps everything, files included.
    Map<String, byte[]> bobAfter = unzip(exportOf(f, bob.sub()));
    assertEquals(bobBefore.keySet(), bobAfter.keySet());
    assertArrayEquals(shared, bobAfter.get("answers/" + bob.answerId() + ".png"));

    // Deleting Bob too removes the shared file: no row names it any more.
    StudentPrivacy.Deleted second =
        f.privacy.deleteStudent(PrivacyFixture.ISSUER, PrivacyFixture.CLIENT, "ctx-1", bob.sub());
    assertEquals(2, second.filesDeleted());
    assertFalse(f.store.exists(alice.imageSha()));
    assertEquals(List.of(), f.occurrences("bob-sub-19c"));
    // Again: nothing left, nothing fails.
    assertEquals(0, f.privacy.deleteStudent(TestSessions.teacher("ctx-1"), bob.sub()).totalRows());
  }

  @Test
  void deletingAStudentDeletesTheHeatMapsOfTheirResultsUnlessAnotherSubmissionNamesThem()
      throws Exception {
    PrivacyFixture f = fixture();
    PrivacyFixture.Student alice = f.student("alice-hm", "Alice Heat", png("a"));
    PrivacyFixture.Student bob = f.student("bob-hm", "Bob Heat", png("b"));
    String own = f.put(png("alice's heat map"));
    String shared = f.put(png("same model, same image"));
    heatMaps(f, alice.sub(), "{\"v1\": \"" + own + "\", \"v2\": \"" + shared + "\"}");
    heatMaps(f, bob.sub(), "{\"v2\": \"" + shared + "\"}");

    f.privacy.deleteStudent(TestSessions.teacher("ctx-1"), alice.sub());
    assertFalse(f.store.exists(own), "her heat map is deleted");
    assertTrue(f.store.exists(shared), "the heat map Bob's results also name stays");

    f.privacy.deleteStudent(TestSessions.teacher("ctx-1"), bob.sub());
    assertFalse(f.store.exists(shared));
  }

  private static void heatMaps(PrivacyFixture f, String sub, String object) {
    f.jdbc.update(
        "UPDATE submission SET metrics_json = ? WHERE user_id = ?",
        "{\"validation\": {\"accuracy\": 0.75}, \"validationHeatMaps\": " + object + "}",
        sub);
  }

  @Test
  void deletionIsPerCourse() throws Exception {
    PrivacyFixture f = fixture();
    PrivacyFixture.Student alice = f.student("alice-sub-7f3", "Alice Liddell", png("alice"));
    long other = f.submissionInCourse2(alice.sub());

    f.privacy.deleteStudent(TestSessions.teacher("ctx-1"), alice.sub());

    assertEquals(List.of("SUBMISSION.USER_ID (1)"), f.occurrences(alice.sub()));
    assertEquals(
        other,
        f.jdbc
            .queryOne(
                "SELECT id FROM submission WHERE user_id = ?", rs -> rs.getLong(1), alice.sub())
            .orElseThrow());
  }

  @Test
  void aRunningJobBlocksTheDeletionAndNothingIsDeleted() throws Exception {
    PrivacyFixture f = fixture();
    PrivacyFixture.Student alice = f.student("alice-sub-7f3", "Alice Liddell", png("alice"));
    f.jdbc.update("UPDATE jobs SET state = 'RUNNING' WHERE owner_id = ?", alice.sub());
    List<String> before = f.occurrences(alice.sub());

    DomainException.Conflict e =
        assertThrows(
            DomainException.Conflict.class,
            () -> f.privacy.deleteStudent(TestSessions.teacher("ctx-1"), alice.sub()));

    assertTrue(e.getMessage().contains("nothing was deleted"), e.getMessage());
    assertEquals(before, f.occurrences(alice.sub()));
    assertTrue(f.store.exists(alice.submissionSha()));
  }

  @Test
  void onlyTeachersDeleteAndTheAdminNeedsAKnownCourse() {
    PrivacyFixture f = fixture();
    f.student("alice-sub-7f3", "Alice Liddell", png("alice"));

    assertThrows(
        DomainException.Forbidden.class,
        () -> f.privacy.deleteStudent(TestSessions.student("ctx-1", "bob"), "alice-sub-7f3"));
    assertThrows(
        DomainException.Invalid.class,
        () -> f.privacy.deleteStudent(TestSessions.teacher("ctx-1"), " "));
    assertThrows(
        DomainException.Invalid.class,
        () -> f.privacy.deleteStudent(TestSessions.teacher("ctx-1"), "x".repeat(256)));
    assertThrows(
        DomainException.NotFound.class,
        () ->
            f.privacy.deleteStudent(
                PrivacyFixture.ISSUER, PrivacyFixture.CLIENT, "no-such-course", "alice-sub-7f3"));
    assertFalse(f.occurrences("alice-sub-7f3").isEmpty());
  }
}
