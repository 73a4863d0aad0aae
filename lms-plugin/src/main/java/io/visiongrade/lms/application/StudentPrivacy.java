package io.visiongrade.lms.application;

import io.visiongrade.lms.domain.DomainException;
import io.visiongrade.lms.domain.course.Course;
import io.visiongrade.lms.domain.course.CourseRepository;
import io.visiongrade.lms.domain.privacy.CourseKey;
import io.visiongrade.lms.domain.privacy.Erasure;
import io.visiongrade.lms.domain.privacy.RetentionPolicy;
import io.visiongrade.lms.domain.privacy.StudentDataRepository;
import io.visiongrade.lms.domain.privacy.StudentRecord;
import io.visiongrade.lms.infrastructure.lti.LaunchSession;
import io.visiongrade.lms.infrastructure.storage.ContentStore;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.jboss.logging.Logger;

/**
 * Students' data as personal data (PRIVACY.md, docs/privacy.md): a course's retention setting, a
 * student's export of everything held about them in a course, and the deletion of one student's
 * data by a teacher of the course or the administrator. Files are deleted from the content store
 * only when no other row still names the same content (files are shared by content hash).
 *
 * <p>Log lines carry counts only: no user ids, names or pseudonyms of the people whose data was
 * deleted.
 */
@ApplicationScoped
public class StudentPrivacy {

  private static final Logger LOG = Logger.getLogger(StudentPrivacy.class);

  /** The longest LTI user id (the columns hold 255 characters). */
  public static final int MAX_USER_ID = 255;

  /** What one deletion's answer says about grades that already reached the LMS. */
  public static final String LMS_NOTE =
      "Grades already sent to the LMS gradebook stay there: VisionGrade cannot delete them; remove"
          + " them in the LMS if they must go too.";

  /** Finds the course of a launch, or of an LMS context. */
  public interface Courses {
    /** The course of the session (created on the first launch into it). */
    CourseKey of(LaunchSession session);

    /** The course of an LMS context, if anyone ever launched into it. */
    Optional<CourseKey> find(String issuer, String clientId, String contextId);

    /** The course's title. */
    String title(CourseKey course);
  }

  /**
   * A course's retention setting as shown.
   *
   * @param policy the policy, or empty for "keep until deleted"
   */
  public record Retention(Optional<RetentionPolicy> policy) {
    /** When the course's student data will be deleted, if a policy is set. */
    public Optional<Instant> deleteFrom() {
      return policy.map(RetentionPolicy::deleteFrom);
    }
  }

  /**
   * What deleting one student's data did.
   *
   * @param rows table to rows deleted
   * @param filesDeleted stored files deleted
   * @param filesKept stored files kept because other rows still use the same content
   * @param scoresAlreadyInLms scores that had been delivered to the LMS gradebook (they stay there)
   * @param scoresNotSent scores that were waiting to be sent and now will not be
   */
  public record Deleted(
      Map<String, Integer> rows,
      int filesDeleted,
      int filesKept,
      int scoresAlreadyInLms,
      int scoresNotSent) {
    public int totalRows() {
      return rows.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** What the LMS still holds, for the person who asked. */
    public String lmsNote() {
      return LMS_NOTE
          + (scoresAlreadyInLms > 0
              ? " " + scoresAlreadyInLms + " score(s) of this student had been sent."
              : " No score of this student had been sent.");
    }
  }

  /** One student's data, read and ready to be written as a zip. */
  public record Export(
      CourseKey course, String courseTitle, String userId, StudentRecord record, Instant at) {}

  @Inject StudentDataRepository repository;
  @Inject ContentStore store;
  @Inject CourseCatalog catalog;
  @Inject CourseRepository courseRepository;

  private Courses courses;
  Clock clock = Clock.systemUTC();

  /** For CDI. */
  protected StudentPrivacy() {}

  /** Outside a container (tests). */
  public StudentPrivacy(
      Courses courses, StudentDataRepository repository, ContentStore store, Clock clock) {
    this.courses = Objects.requireNonNull(courses, "courses");
    this.repository = Objects.requireNonNull(repository, "repository");
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @PostConstruct
  void init() {
    courses =
        new Courses() {
          @Override
          public CourseKey of(LaunchSession session) {
            return key(catalog.courseOf(session));
          }

          @Override
          public Optional<CourseKey> find(String issuer, String clientId, String contextId) {
            return courseRepository
                .findCourse(issuer, clientId, contextId)
                .map(StudentPrivacy::key);
          }

          @Override
          public String title(CourseKey course) {
            return courseRepository
                .findCourse(course.issuer(), course.clientId(), course.contextId())
                .map(Course::getTitle)
                .orElse(course.contextId());
          }
        };
  }

  private static CourseKey key(Course c) {
    return new CourseKey(c.getId(), c.getIssuer(), c.getClientId(), c.getContextId());
  }

  // --- Retention -------------------------------------------------------------------------------

  /** The retention setting of the caller's course (everyone in the course may read it). */
  public Retention retention(LaunchSession session) {
    return new Retention(repository.retention(courses.of(session).id()));
  }

  /**
   * A teacher sets (or, with an empty policy, removes) the course's retention.
   *
   * @throws DomainException.Forbidden not a teacher of the course
   * @throws DomainException.Invalid a policy that is already due: it would delete every student's
   *     data at once
   */
  public Retention setRetention(LaunchSession session, Optional<RetentionPolicy> policy) {
    requireTeacher(session, "set the course's retention");
    Instant now = clock.instant();
    if (policy.isPresent() && policy.get().isDue(now)) {
      throw new DomainException.Invalid(
          "With courseEndsOn "
              + policy.get().courseEndsOn()
              + " and deleteAfterDays "
              + policy.get().deleteAfterDays()
              + " the data would be deleted at "
              + policy.get().deleteFrom()
              + ", which has passed: every student's data would go at once. Choose a later date"
              + " or more days; to delete one student's data now, use"
              + " DELETE /api/course/students/{sub}/data.");
    }
    CourseKey course = courses.of(session);
    repository.putRetention(course.id(), policy, now);
    LOG.infof(
        "Retention of course %d set: %s",
        course.id(), policy.map(p -> "delete from " + p.deleteFrom()).orElse("keep until deleted"));
    return new Retention(policy);
  }

  // --- Export ----------------------------------------------------------------------------------

  /**
   * Everything the tool holds about the caller in their course (any role: a teacher gets what is
   * held under their own user id).
   */
  public Export export(LaunchSession session) {
    String user = requireUser(session);
    CourseKey course = courses.of(session);
    return new Export(
        course, courses.title(course), user, repository.export(course, user), clock.instant());
  }

  /**
   * Writes an export as a zip: {@code README.txt}, {@code data.json} (every row, by section) and
   * the student's own files ({@code submissions/<id>.json|.csv|.pt}, {@code
   * answers/<id>.png|.jpg}). Nothing of other students and nothing of the hidden test split is in
   * it.
   */
  public void writeZip(Export export, OutputStream out) throws IOException {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("exportedAt", export.at());
    Map<String, Object> course = new LinkedHashMap<>();
    course.put("title", export.courseTitle());
    course.put("lmsContextId", export.course().contextId());
    course.put("lmsPlatform", export.course().issuer());
    doc.put("course", course);
    doc.put("ltiUserId", export.userId());
    doc.put(
        "retention",
        repository
            .retention(export.course().id())
            .map(p -> "deleted from " + p.deleteFrom())
            .orElse("kept until a teacher or the administrator deletes it"));
    List<String> missing = new ArrayList<>();
    List<Map<String, Object>> files = new ArrayList<>();
    for (StudentRecord.File f : export.record().files()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("path", f.path());
      m.put("sha256", f.sha256());
      files.add(m);
    }
    doc.put("files", files);
    doc.putAll(export.record().sections());
    ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
    java.util.Set<String> written = new java.util.HashSet<>();
    for (StudentRecord.File f : export.record().files()) {
      if (!written.add(f.path())) {
        continue;
      }
      if (!store.exists(f.sha256())) {
        missing.add(f.path());
        continue;
      }
      zip.putNextEntry(new ZipEntry(f.path()));
      try (InputStream in = store.open(f.sha256())) {
        in.transferTo(zip);
      }
      zip.closeEntry();
    }
    doc.put("filesMissing", missing);
    zip.putNextEntry(new ZipEntry("data.json"));
    zip.write(ExportJson.write(doc).getBytes(StandardCharsets.UTF_8));
    zip.closeEntry();
    zip.putNextEntry(new ZipEntry("README.txt"));
    zip.write(readme(export).getBytes(StandardCharsets.UTF_8));
    zip.closeEntry();
    zip.finish();
    zip.flush();
  }

  private static String readme(Export e) {
    return """
        Your data in VisionGrade, course "%s", exported %s.

        data.json   every record VisionGrade holds about you in this course, by section:
                    submissions (status, results you may see, grading job), grades,
                    imageAnswers (what the course model said), imageAnswerGrades, reviews
                    (a teacher's decision on an answer), trainingImages (answers a teacher kept
                    for the course's next dataset), dueDateExtensions, jobs, scoresSentToLms
                    (each score and whether the LMS gradebook received it) and sessions (your
                    launches: the name the LMS sent, your role).
        submissions/<id>.json|.csv|.pt   the files you submitted (CNN spec, predictions, model)
        answers/<id>.png|.jpg            the images you answered with

        Grades that were sent to your LMS gradebook are also held by the LMS.
        The hidden part of a blind phase is not included before the results are published.
        See PRIVACY.md of your VisionGrade installation, or ask your school's data-protection
        officer.
        """
        .formatted(e.courseTitle(), e.at());
  }

  // --- Deletion --------------------------------------------------------------------------------

  /**
   * A teacher deletes one student's data in their course (on the student's request).
   *
   * @throws DomainException.Forbidden not a teacher of the course
   * @throws DomainException.Invalid not a user id
   * @throws DomainException.Conflict a job of the student is running; nothing was deleted
   */
  public Deleted deleteStudent(LaunchSession session, String userId) {
    requireTeacher(session, "delete a student's data");
    checkUserId(userId);
    return delete(courses.of(session), userId, "a teacher's request");
  }

  /**
   * The administrator deletes one student's data in a course of a platform.
   *
   * @throws DomainException.NotFound no one ever launched into that course
   * @throws DomainException.Invalid not a user id
   * @throws DomainException.Conflict a job of the student is running; nothing was deleted
   */
  public Deleted deleteStudent(String issuer, String clientId, String contextId, String userId) {
    checkUserId(userId);
    if (contextId == null || contextId.isBlank()) {
      throw new DomainException.Invalid("context is missing: give the LMS course's context id");
    }
    CourseKey course =
        courses
            .find(issuer, clientId, contextId)
            .orElseThrow(() -> new DomainException.NotFound("Course with context id", contextId));
    return delete(course, userId, "the administrator's request");
  }

  /** Deletes one student's rows and then their unshared files. */
  Deleted delete(CourseKey course, String userId, String why) {
    Erasure e = repository.erase(course, userId);
    int deleted = 0;
    int kept = 0;
    for (String sha : e.contentHashes()) {
      if (repository.isReferenced(sha)) {
        kept++;
      } else if (store.delete(sha)) {
        deleted++;
      }
    }
    LOG.infof(
        "Deleted one student's data in course %d on %s: %d rows, %d files (%d kept: shared),"
            + " %d undelivered scores dropped",
        course.id(), why, e.totalRows(), deleted, kept, e.scoresCancelled());
    return new Deleted(e.rows(), deleted, kept, e.scoresDelivered(), e.scoresCancelled());
  }

  /** The courses whose retention is due, for the sweep. */
  List<CourseKey> dueForDeletion(Instant now) {
    return repository.dueForDeletion(now);
  }

  StudentDataRepository repository() {
    return repository;
  }

  private static void checkUserId(String userId) {
    if (userId == null || userId.isBlank()) {
      throw new DomainException.Invalid("The student's LTI user id (sub) is missing");
    }
    if (userId.length() > MAX_USER_ID) {
      throw new DomainException.Invalid(
          "An LTI user id has at most " + MAX_USER_ID + " characters, got " + userId.length());
    }
  }

  private static String requireUser(LaunchSession session) {
    return session
        .userId()
        .orElseThrow(
            () -> new DomainException.Forbidden("This launch carries no user; launch again"));
  }

  private static void requireTeacher(LaunchSession session, String what) {
    if (!session.isTeacher()) {
      throw new DomainException.Forbidden("Only the course's teachers can " + what);
    }
  }
}
