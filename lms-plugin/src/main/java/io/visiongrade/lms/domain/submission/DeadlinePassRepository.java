package io.visiongrade.lms.domain.submission;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Which students' due dates have passed on exercises with a blind phase, and whose grade has not
 * been recomputed since (the switch to the private part's points).
 */
public interface DeadlinePassRepository {

  /**
   * A student's due date that passed.
   *
   * @param exerciseId the exercise
   * @param userId the student
   * @param dueAt their due date (their extension, else the exercise's)
   */
  record DuePass(long exerciseId, String userId, Instant dueAt) {
    public DuePass {
      Objects.requireNonNull(userId, "userId");
      Objects.requireNonNull(dueAt, "dueAt");
    }
  }

  /**
   * Students with a graded submission to an exercise with a blind phase whose due date is at or
   * before {@code now} and not yet {@link #markDone done}, earliest due date first, at most {@code
   * limit}.
   */
  List<DuePass> pending(Instant now, int limit);

  /** Records that the student's grade was recomputed after this due date. */
  void markDone(DuePass pass, Instant now);
}
