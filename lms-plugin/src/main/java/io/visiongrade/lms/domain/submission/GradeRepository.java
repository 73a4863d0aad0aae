package io.visiongrade.lms.domain.submission;

import java.util.Optional;

/** Stores grades, one per (exercise, student). */
public interface GradeRepository {

  Optional<Grade> find(long exerciseId, String userId);

  /**
   * Serialises grade recomputations of an exercise until the caller's transaction ends; call it
   * before reading what a grade is computed from.
   */
  void lockForRegrade(long exerciseId);

  /** Inserts or replaces the grade of its (exercise, student). */
  Grade put(Grade grade);
}
