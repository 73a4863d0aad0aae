package io.visiongrade.lms.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.visiongrade.lms.domain.DomainException;
import io.visiongrade.lms.domain.privacy.RetentionPolicy;
import io.visiongrade.lms.infrastructure.persistence.JdbcStudentDataRepository;
import io.visiongrade.lms.lti.launch.LtiRole;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The retention setting and the sweep that enforces it, with a clock the test moves. */
class RetentionSweepTest {

  @TempDir Path dir;

  /** The fixture on H2; the PostgreSQL variant overrides this. */
  PrivacyFixture fixture() {
    return new PrivacyFixture(dir);
  }

  private static final LocalDate END = LocalDate.parse("2027-01-31");
  private static final Instant DUE = Instant.parse("2027-03-03T00:00:00Z"); // 31 days later

  private static byte[] png(String seed) {
    return ("\u0089PNG " + seed).getBytes(StandardCharsets.ISO_8859_1);
  }

  @Test
  void theDeletionMomentIsTheStartOfTheDayAfterTheEndPlusTheDays() {
    assertEquals(DUE, new RetentionPolicy(END, 30).deleteFrom());
    assertEquals(Instant.parse("2027-02-01T00:00:00Z"), new RetentionPolicy(END, 0).deleteFrom());
    assertFalse(new RetentionPolicy(END, 30).isDue(DUE.minusMillis(1)));
    assertTrue(new RetentionPolicy(END, 30).isDue(DUE));
  }

  @Test
  void badPoliciesAreRefusedWithTheFieldAndValue() {
    assertTrue(
        assertThrows(DomainException.Invalid.class, () -> new RetentionPolicy(END, -1))
            .getMessage()
            .contains("deleteAfterDays must be 0 to 3650"));
    assertThrows(DomainException.Invalid.class, () -> new RetentionPolicy(END, 3651));
    assertThrows(DomainException.Invalid.class, () -> new RetentionPolicy(null, 3));
    assertThrows(
        DomainException.Invalid.class, () -> new RetentionPolicy(LocalDate.of(1999, 1, 1), 3));
  }

  @Test
  void teachersSetTheRetentionEveryoneReadsItAndAPassedDateIsRefused() {
    PrivacyFixture f = fixture();
    var teacher = TestSessions.teacher("ctx-1");
    var student = TestSessions.session("ctx-1", "alice", LtiRole.STUDENT);

    assertEquals(Optional.empty(), f.privacy.retention(student).policy());
    f.privacy.setRetention(teacher, Optional.of(new RetentionPolicy(END, 30)));
    assertEquals(Optional.of(DUE), f.privacy.retention(student).deleteFrom());
    assertThrows(
        DomainException.Forbidden.class, () -> f.privacy.setRetention(student, Optional.empty()));
    DomainException.Invalid passed =
        assertThrows(
            DomainException.Invalid.class,
            () ->
                f.privacy.setRetention(
                    teacher, Optional.of(new RetentionPolicy(LocalDate.of(2026, 10, 1), 30))));
    assertTrue(passed.getMessage().contains("has passed"), passed.getMessage());
    assertEquals(Optional.of(DUE), f.privacy.retention(student).deleteFrom());
    f.privacy.setRetention(teacher, Optional.empty());
    assertEquals(Optional.empty(), f.privacy.retention(student).policy());
  }

  @Test
  void theSweepDeletesEveryStudentOfADueCourseOnlyOnceDueAndSurvivesARestart() {
    PrivacyFixture f = fixture();
    PrivacyFixture.Student alice = f.student("alice-sub-7f3", "Alice Liddell", png("a"));
    PrivacyFixture.Student bob = f.student("bob-sub-19c", "Bob Builder", png("b"));
    long keptElsewhere = f.submissionInCourse2("carol-sub");
    f.privacy.setRetention(
        TestSessions.teacher("ctx-1"), Optional.of(new RetentionPolicy(END, 30)));
    RetentionSweep sweep = new RetentionSweep(f.privacy, f.clock);

    f.clock.advance(Duration.between(f.clock.instant(), DUE.minusSeconds(1)));
    assertEquals(new RetentionSweep.Report(0, 0, 0, 0, 0, 0), sweep.sweep());
    assertFalse(f.occurrences(alice.sub()).isEmpty());

    // A restart: new objects on the same database find the setting and do the work.
    f.clock.advance(Duration.ofSeconds(1));
    StudentPrivacy afterRestart =
        new StudentPrivacy(
            new StudentPrivacyCourses(f), new JdbcStudentDataRepository(f.ds), f.store, f.clock);
    RetentionSweep.Report r = new RetentionSweep(afterRestart, f.clock).sweep();

    assertEquals(1, r.courses());
    assertEquals(2, r.students());
    assertEquals(22, r.rows());
    assertEquals(4, r.files());
    assertEquals(0, r.deferred());
    assertEquals(List.of(), f.occurrences(alice.sub()));
    assertEquals(List.of(), f.occurrences(bob.sub()));
    for (String sha :
        List.of(alice.submissionSha(), alice.imageSha(), bob.submissionSha(), bob.imageSha())) {
      assertFalse(f.store.exists(sha), sha);
    }
    assertEquals(
        keptElsewhere,
        f.jdbc
            .queryOne("SELECT id FROM submission WHERE user_id = 'carol-sub'", rs -> rs.getLong(1))
            .orElseThrow());
    assertTrue(
        f.jdbc
            .queryOne(
                "SELECT last_swept_at FROM course_retention WHERE course_id = ?",
                rs -> rs.getObject(1) != null,
                f.course1.id())
            .orElseThrow());

    // Later sweeps find nothing more; the course stays due (late data would go too).
    assertEquals(new RetentionSweep.Report(1, 0, 0, 0, 0, 0), sweep.sweep());
  }

  @Test
  void aStudentWithARunningJobIsLeftForTheNextSweep() {
    PrivacyFixture f = fixture();
    PrivacyFixture.Student alice = f.student("alice-sub-7f3", "Alice Liddell", png("a"));
    PrivacyFixture.Student bob = f.student("bob-sub-19c", "Bob Builder", png("b"));
    f.privacy.setRetention(
        TestSessions.teacher("ctx-1"), Optional.of(new RetentionPolicy(END, 30)));
    f.jdbc.update("UPDATE jobs SET state = 'RUNNING' WHERE owner_id = ?", bob.sub());
    f.clock.advance(Duration.between(f.clock.instant(), DUE));
    RetentionSweep sweep = new RetentionSweep(f.privacy, f.clock);

    RetentionSweep.Report first = sweep.sweep();
    assertEquals(1, first.students());
    assertEquals(1, first.deferred());
    assertEquals(List.of(), f.occurrences(alice.sub()));
    assertFalse(f.occurrences(bob.sub()).isEmpty());

    f.jdbc.update("UPDATE jobs SET state = 'SUCCEEDED' WHERE owner_id = ?", bob.sub());
    assertEquals(1, sweep.sweep().students());
    assertEquals(List.of(), f.occurrences(bob.sub()));
  }

  /** The fixture's course look-up, for a second StudentPrivacy. */
  private record StudentPrivacyCourses(PrivacyFixture f) implements StudentPrivacy.Courses {
    @Override
    public io.visiongrade.lms.domain.privacy.CourseKey of(
        io.visiongrade.lms.infrastructure.lti.LaunchSession session) {
      return f.course1;
    }

    @Override
    public Optional<io.visiongrade.lms.domain.privacy.CourseKey> find(
        String issuer, String clientId, String contextId) {
      return Optional.of(f.course1);
    }

    @Override
    public String title(io.visiongrade.lms.domain.privacy.CourseKey course) {
      return "Course 1";
    }
  }
}
