package io.visiongrade.lms.domain.answer;

import java.util.List;
import java.util.Optional;

/** Where image answers and the grades computed from them are kept. */
public interface ImageAnswerRepository {

  ImageAnswer add(ImageAnswer answer);

  Optional<ImageAnswer> find(long id);

  /** A student's answers to an exercise, oldest first. */
  List<ImageAnswer> forStudent(long exerciseId, String userId);

  /** A student's answers in a course, newest first, at most {@code limit}. */
  List<ImageAnswer> forStudentInCourse(long courseId, String userId, int limit);

  Optional<AnswerGrade> findGrade(long exerciseId, String userId);

  AnswerGrade putGrade(AnswerGrade grade);
}
