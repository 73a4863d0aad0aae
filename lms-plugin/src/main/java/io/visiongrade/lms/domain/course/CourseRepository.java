package io.visiongrade.lms.domain.course;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Stores courses and their exercises. */
public interface CourseRepository {

  /** The course of an LMS context, if known. */
  Optional<Course> findCourse(String issuer, String clientId, String contextId);

  /** Stores a new course. */
  Course addCourse(Course course);

  /** Stores a new exercise. */
  Exercise addExercise(Exercise exercise);

  /** An exercise of this course, if it exists and belongs to it. */
  Optional<Exercise> findExercise(Course course, long exerciseId);

  /** The exercises of a course, oldest first. */
  /** An exercise by id, whatever its course (for jobs that already hold a checked id). */
  Optional<Exercise> findExercise(long exerciseId);

  List<Exercise> exercises(Course course);

  /** The split seeds of every exercise that uses this dataset. */
  Set<Long> splitSeedsUsing(long datasetId);
}
