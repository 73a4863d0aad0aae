package io.visiongrade.lms.domain.gradebook;

import io.visiongrade.lms.domain.answer.AnswerGrade;
import io.visiongrade.lms.domain.submission.Grade;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Reads what the gradebook shows of a course in a few queries (not one per student): the grades of
 * classifier challenges and of image-answer exercises, and when each image answer arrived.
 * Submissions come from {@code SubmissionRepository.inCourse}.
 */
public interface GradebookRecords {

  /** The most rows one course query returns. */
  int MAX_ROWS = 100_000;

  /** Every classifier-challenge grade of the course's exercises. */
  List<Grade> challengeGrades(long courseId);

  /** Every image-answer grade of the course's exercises. */
  List<AnswerGrade> answerGrades(long courseId);

  /** Every image answer of the course, oldest first (what the gradebook needs of it). */
  List<AnswerAttempt> answers(long courseId);

  /**
   * One image answer as the gradebook counts it.
   *
   * @param id the answer
   * @param exerciseId its exercise
   * @param userId the student
   * @param submittedAt when it arrived
   */
  record AnswerAttempt(long id, long exerciseId, String userId, Instant submittedAt) {
    public AnswerAttempt {
      Objects.requireNonNull(userId, "userId");
      Objects.requireNonNull(submittedAt, "submittedAt");
    }
  }
}
