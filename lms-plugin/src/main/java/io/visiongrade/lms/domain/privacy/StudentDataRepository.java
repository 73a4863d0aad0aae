package io.visiongrade.lms.domain.privacy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Where the retention settings live, and every student-owned row of a course. */
public interface StudentDataRepository {

  /** A course's retention policy (empty: keep until deleted). */
  Optional<RetentionPolicy> retention(long courseId);

  /** Sets (or, with an empty policy, removes) a course's retention policy. */
  void putRetention(long courseId, Optional<RetentionPolicy> policy, Instant now);

  /** The courses whose retention policy is due at {@code now}. */
  List<CourseKey> dueForDeletion(Instant now);

  /** Records that the retention sweep emptied a course at {@code at}. */
  void markSwept(long courseId, Instant at);

  /** Every user id that has student data in the course (submissions, answers, grades, ...). */
  Set<String> students(CourseKey course);

  /** Everything held about one student in a course. */
  StudentRecord export(CourseKey course, String userId);

  /**
   * Deletes one student's rows in a course, in one transaction.
   *
   * @throws io.visiongrade.lms.domain.DomainException.Conflict a job of the student is running
   *     (nothing is deleted)
   */
  Erasure erase(CourseKey course, String userId);

  /** Whether any row still names this stored file. */
  boolean isReferenced(String sha256);
}
