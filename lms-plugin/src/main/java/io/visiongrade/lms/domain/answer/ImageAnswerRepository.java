package io.visiongrade.lms.domain.answer;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where image answers and the grades computed from them are kept. */
public interface ImageAnswerRepository {

  ImageAnswer add(ImageAnswer answer);

  Optional<ImageAnswer> find(long id);

  /** A student's answers to an exercise, oldest first. */
  List<ImageAnswer> forStudent(long exerciseId, String userId);

  /** The students who answered an exercise, by user id. */
  List<String> studentsOf(long exerciseId);

  /** A student's answers in a course, newest first, at most {@code limit}. */
  List<ImageAnswer> forStudentInCourse(long courseId, String userId, int limit);

  Optional<AnswerGrade> findGrade(long exerciseId, String userId);

  /**
   * Serialises grade recomputations of an exercise until the caller's transaction ends; call it
   * before reading what a grade is computed from.
   */
  void lockForRegrade(long exerciseId);

  AnswerGrade putGrade(AnswerGrade grade);

  /** The course's answers waiting for a teacher (decision REVIEW), oldest first. */
  List<ImageAnswer> pendingInCourse(long courseId, int limit);

  /** Stores a teacher's review and the answer's new decision, in one transaction. */
  ImageAnswer review(ImageAnswer answer, Review review);

  /** Records a reviewed image and its label for the course's next dataset version (idempotent). */
  void addTrainingImage(ImageAnswer answer, String className, String teacher, Instant now);

  /** The images added for the course's next dataset version, oldest first. */
  List<TrainingImage> trainingImages(long courseId);
}
