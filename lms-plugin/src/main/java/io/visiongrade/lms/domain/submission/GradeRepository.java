package io.visiongrade.lms.domain.submission;

import java.util.Optional;

/** Stores grades, one per (exercise, student). */
public interface GradeRepository {

  Optional<Grade> find(long exerciseId, String userId);

  /** Inserts or replaces the grade of its (exercise, student). */
  Grade put(Grade grade);
}
