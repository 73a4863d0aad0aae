package io.visiongrade.lms.application;

import io.visiongrade.lms.domain.DomainException;
import io.visiongrade.lms.domain.course.CourseRepository;
import io.visiongrade.lms.domain.course.Exercise;
import io.visiongrade.lms.domain.submission.DeadlinePassRepository;
import io.visiongrade.lms.domain.submission.DeadlinePassRepository.DuePass;
import io.visiongrade.lms.infrastructure.lti.LaunchSession;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The blind phase at the deadline (see {@code docs/submissions.md}): once a student's due date
 * (their extension, else the exercise's) has passed, their grade on an exercise with a blind phase
 * counts the private part of the test split. This recomputes it for every such student once per due
 * date, each in one transaction with the record that it was done, and a changed grade goes to the
 * outbox in that transaction. What was not done (the server was down at the deadline) is found
 * again and done on the next pass, so a restart catches up; running a pass twice changes nothing.
 *
 * <p>A {@code DeadlineScheduler} in the server runs passes; {@link #due} and {@link
 * #regradeAtDeadline} are separate so that each student gets their own transaction.
 */
@ApplicationScoped
public class DeadlineRegrades {

  private static final Logger LOG = Logger.getLogger(DeadlineRegrades.class);

  @Inject DeadlinePassRepository passes;
  @Inject ChallengeSubmissions challenges;
  @Inject CourseRepository courses;

  private ChallengeSubmissions.Exercises exercises;
  Clock clock = Clock.systemUTC();

  /** For CDI. */
  protected DeadlineRegrades() {}

  /** Outside a container (tests). */
  public DeadlineRegrades(
      DeadlinePassRepository passes,
      ChallengeSubmissions challenges,
      ChallengeSubmissions.Exercises exercises,
      Clock clock) {
    this.passes = Objects.requireNonNull(passes, "passes");
    this.challenges = Objects.requireNonNull(challenges, "challenges");
    this.exercises = Objects.requireNonNull(exercises, "exercises");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @PostConstruct
  void init() {
    exercises =
        new ChallengeSubmissions.Exercises() {
          @Override
          public Exercise inCourse(LaunchSession session, long exerciseId) {
            throw new UnsupportedOperationException("no sessions here");
          }

          @Override
          public long courseIdOf(LaunchSession session) {
            throw new UnsupportedOperationException("no sessions here");
          }

          @Override
          public Exercise byId(long exerciseId) {
            return courses
                .findExercise(exerciseId)
                .orElseThrow(() -> new DomainException.NotFound("Exercise", exerciseId));
          }
        };
  }

  /** Due dates that have passed and whose grades are still to be recomputed, at most {@code n}. */
  @Transactional
  public List<DuePass> due(int n) {
    return passes.pending(clock.instant(), n);
  }

  /**
   * Recomputes one student's grade after their due date and records it as done, in one transaction.
   *
   * @return whether the grade changed; false, and nothing recorded, when their due date has moved
   *     to later meanwhile
   */
  @Transactional
  public boolean regradeAtDeadline(DuePass pass) {
    Instant now = clock.instant();
    Exercise exercise = exercises.byId(pass.exerciseId());
    Optional<Instant> due = exercise.dueFor(pass.userId());
    if (due.isEmpty() || due.get().isAfter(now)) {
      return false;
    }
    ChallengeSubmissions.Regraded r = challenges.regradeStudent(exercise, pass.userId(), now);
    passes.markDone(pass, now);
    LOG.infof(
        "Due date %s of %s on exercise %d passed: %s",
        pass.dueAt(), pass.userId(), pass.exerciseId(), r.note());
    return r.changed();
  }
}
