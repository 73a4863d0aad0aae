package io.visiongrade.lms.domain.coursemodel;

import java.util.List;
import java.util.Optional;

/** Where course model versions are kept. */
public interface CourseModelRepository {

  /** Stores a new version (its version number must be free in the course); returns it with id. */
  CourseModel add(CourseModel model);

  /** Replaces a stored version's state, job, metrics, artefact and failure. */
  CourseModel update(CourseModel model);

  Optional<CourseModel> find(long id);

  Optional<CourseModel> findByJob(long jobId);

  /** The course's versions, newest first. */
  List<CourseModel> forCourse(long courseId);

  /** The course's promoted version, if any. */
  Optional<CourseModel> promoted(long courseId);

  /** The next free version number of a course (1 for the first). */
  int nextVersion(long courseId);

  /** Makes {@code id} the course's only promoted version, in one transaction. */
  void promote(long courseId, long id);
}
