package io.visiongrade.lms.application;

import io.visiongrade.lms.domain.DomainException;
import io.visiongrade.lms.domain.privacy.CourseKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import org.jboss.logging.Logger;

/**
 * Enforces the courses' retention settings: every course whose deletion date has come loses every
 * student's data (rows and unshared files), student by student. Idempotent and without state of its
 * own, so a restart, a second server or a sweep interrupted half-way is harmless: the next sweep
 * finds what is left. A student with a running job is left for the next sweep. Logs counts only.
 */
@ApplicationScoped
public class RetentionSweep {

  private static final Logger LOG = Logger.getLogger(RetentionSweep.class);

  /**
   * What one sweep did.
   *
   * @param courses courses whose deletion date had come
   * @param students students whose data was deleted
   * @param rows rows deleted
   * @param files files deleted
   * @param filesKept files kept because other rows still use the same content
   * @param deferred students left for the next sweep (a job of theirs was running)
   */
  public record Report(
      int courses, int students, int rows, int files, int filesKept, int deferred) {}

  @Inject StudentPrivacy privacy;
  Clock clock = Clock.systemUTC();

  /** For CDI. */
  protected RetentionSweep() {}

  /** Outside a container (tests). */
  public RetentionSweep(StudentPrivacy privacy, Clock clock) {
    this.privacy = Objects.requireNonNull(privacy, "privacy");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** One sweep, as of the clock's now. */
  public Report sweep() {
    Instant now = clock.instant();
    int courses = 0;
    int students = 0;
    int rows = 0;
    int files = 0;
    int kept = 0;
    int deferred = 0;
    for (CourseKey course : privacy.dueForDeletion(now)) {
      courses++;
      int left = 0;
      for (String user : privacy.repository().students(course)) {
        try {
          StudentPrivacy.Deleted d = privacy.delete(course, user, "its retention date");
          students++;
          rows += d.totalRows();
          files += d.filesDeleted();
          kept += d.filesKept();
        } catch (DomainException.Conflict e) {
          left++;
        }
      }
      deferred += left;
      if (left == 0) {
        privacy.repository().markSwept(course.id(), now);
      }
    }
    Report r = new Report(courses, students, rows, files, kept, deferred);
    if (courses > 0) {
      LOG.infof(
          "Retention sweep: %d course(s) due, %d students' data deleted (%d rows, %d files, %d"
              + " shared files kept), %d left for the next sweep (running jobs)",
          r.courses(), r.students(), r.rows(), r.files(), r.filesKept(), r.deferred());
    }
    return r;
  }
}
