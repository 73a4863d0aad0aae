package io.visiongrade.lms.domain.submission;

import java.util.List;
import java.util.Optional;

/** Stores submissions. */
public interface SubmissionRepository {

  /** Stores a new submission; returns it with its id. */
  Submission add(Submission submission);

  /** Replaces a stored submission's status, job, failure, charge, results and passback note. */
  Submission update(Submission submission);

  Optional<Submission> find(long id);

  /** The submission a grading job grades. */
  Optional<Submission> findByJob(long jobId);

  /** A student's submissions to an exercise, oldest first. */
  List<Submission> forStudent(long exerciseId, String userId);

  /** The students who submitted to an exercise, by user id. */
  List<String> studentsOf(long exerciseId);

  /** A student's submissions in a course, newest first (at most {@code limit}). */
  List<Submission> forStudentInCourse(long courseId, String userId, int limit);

  /** Every student's submissions to an exercise, newest first (at most {@code limit}). */
  List<Submission> forExercise(long exerciseId, int limit);

  /** Every submission in a course, oldest first (at most {@code limit}): the gradebook. */
  List<Submission> inCourse(long courseId, int limit);
}
