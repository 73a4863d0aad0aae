package io.visiongrade.lms.application;

import io.visiongrade.lms.domain.DomainException;
import io.visiongrade.lms.domain.course.ComputeCaps;
import io.visiongrade.lms.domain.course.Exercise;
import io.visiongrade.lms.domain.course.SubmissionKind;
import io.visiongrade.lms.domain.dataset.Dataset;
import io.visiongrade.lms.domain.grading.AttemptSelection;
import io.visiongrade.lms.domain.grading.Rubric;
import io.visiongrade.lms.domain.job.JobOwner;
import io.visiongrade.lms.infrastructure.lti.LaunchSession;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Teachers set up an exercise; anyone in the course reads it (students only its public parts). */
@ApplicationScoped
public class ExerciseSetup {

  /**
   * An exercise with the dataset it uses.
   *
   * @param exercise the exercise
   * @param dataset its dataset, when one is chosen
   */
  public record Details(Exercise exercise, Optional<Dataset> dataset) {}

  @Inject CourseCatalog catalog;
  @Inject DatasetLibrary datasets;
  @Inject Rescoring rescoring;

  /**
   * A teacher saves every setting of an exercise of their course at once.
   *
   * @throws DomainException.Forbidden not a teacher
   * @throws DomainException.NotFound no such exercise or dataset in the caller's course
   * @throws DomainException.Invalid a setting breaks a rule (the message names it and its value)
   */
  @Transactional
  public Details configure(LaunchSession session, long exerciseId, ExerciseSettings settings) {
    requireTeacher(session);
    Exercise exercise = catalog.exercise(session, exerciseId);
    Dataset dataset =
        settings.datasetId() == null ? null : datasets.find(session, settings.datasetId());
    Exercise.GradingTerms before = exercise.gradingTerms();
    apply(exercise, settings, dataset);
    rescoreIfChanged(session, exercise, before);
    return new Details(exercise, Optional.ofNullable(dataset));
  }

  /**
   * A teacher gives one student a later due date.
   *
   * @throws DomainException.Forbidden not a teacher
   * @throws DomainException.NotFound no such exercise in the caller's course
   */
  @Transactional
  public Exercise grantExtension(
      LaunchSession session, long exerciseId, String userId, Instant until) {
    requireTeacher(session);
    Exercise exercise = catalog.exercise(session, exerciseId);
    Exercise.GradingTerms before = exercise.gradingTerms();
    exercise.grantExtension(userId, until);
    rescoreIfChanged(session, exercise, before);
    return exercise;
  }

  /** A teacher takes an extension back. */
  @Transactional
  public Exercise revokeExtension(LaunchSession session, long exerciseId, String userId) {
    requireTeacher(session);
    Exercise exercise = catalog.exercise(session, exerciseId);
    Exercise.GradingTerms before = exercise.gradingTerms();
    exercise.revokeExtension(userId);
    rescoreIfChanged(session, exercise, before);
    return exercise;
  }

  /**
   * Queues a re-scoring of the exercise, in this transaction, when what its grades are computed
   * from changed.
   */
  private void rescoreIfChanged(
      LaunchSession session, Exercise exercise, Exercise.GradingTerms before) {
    if (!before.equals(exercise.gradingTerms())) {
      rescoring.requestFor(
          exercise, session.userId().map(JobOwner::teacher).orElseGet(JobOwner::system));
    }
  }

  /**
   * An exercise of the caller's course with its dataset (for students too: the web layer shows them
   * only the public parts).
   *
   * @throws DomainException.NotFound no such exercise in the caller's course
   */
  @Transactional
  public Details details(LaunchSession session, long exerciseId) {
    Exercise exercise = catalog.exercise(session, exerciseId);
    Optional<Dataset> dataset = exercise.datasetId().map(id -> datasets.find(session, id));
    return new Details(exercise, dataset);
  }

  /**
   * Replaces every setting of {@code exercise} with {@code s}; all are checked before the first is
   * changed, so a refused setting leaves the exercise as it was.
   *
   * @param dataset the dataset {@code s.datasetId()} names, already looked up in the course
   */
  static void apply(Exercise exercise, ExerciseSettings s, Dataset dataset) {
    // Dry run on a throwaway copy first: every rule is checked before anything changes.
    Exercise probe =
        new Exercise(
            exercise.getCourse(),
            exercise.getKind(),
            exercise.getTitle(),
            exercise.getMaxScore(),
            exercise.getCreatedAt());
    applyTo(probe, s, dataset);
    applyTo(exercise, s, dataset);
  }

  private static void applyTo(Exercise e, ExerciseSettings s, Dataset dataset) {
    if (dataset != null) {
      e.useDataset(
          dataset,
          s.inputWidth(),
          s.inputHeight(),
          s.inputChannels(),
          s.splitSeed() == null ? dataset.splitSeed() : s.splitSeed());
    } else if (e.datasetId().isPresent()) {
      throw new DomainException.Invalid(
          "datasetId: an exercise cannot drop its dataset once chosen; choose another one");
    }
    e.schedule(s.opensAt(), s.dueAt());
    e.setLatePolicy(s.latePolicy());
    for (String user : Map.copyOf(e.extensions()).keySet()) {
      e.revokeExtension(user);
    }
    if (s.extensions() != null) {
      s.extensions().forEach(e::grantExtension);
    }
    if (s.minIntervalSeconds() != null && s.minIntervalSeconds() < 0) {
      throw new DomainException.Invalid(
          "minIntervalSeconds must not be negative, got " + s.minIntervalSeconds());
    }
    e.limitAttempts(
        s.maxAttempts(),
        Duration.ofSeconds(s.minIntervalSeconds() == null ? 0 : s.minIntervalSeconds()),
        s.dailyCap());
    e.countAttempts(s.attemptSelection() == null ? AttemptSelection.BEST : s.attemptSelection());
    e.capCompute(s.computeCaps() == null ? ComputeCaps.DEFAULT : s.computeCaps());
    e.useBlindPhase(s.blindPhase());
    e.allowSubmissions(
        s.allowedKinds() == null || s.allowedKinds().isEmpty()
            ? SubmissionKind.possibleFor(e.getKind())
            : s.allowedKinds());
    e.askFor(
        s.prompts() == null ? List.of() : s.prompts(),
        s.acceptThreshold() == null ? Exercise.DEFAULT_ACCEPT_THRESHOLD : s.acceptThreshold(),
        s.rejectThreshold() == null ? Exercise.DEFAULT_REJECT_THRESHOLD : s.rejectThreshold(),
        dataset);
    e.useRubric(s.rubric() == null ? Rubric.DEFAULT : s.rubric());
    if (s.maxScore() != null) {
      e.rescale(s.maxScore());
    }
    e.chargeUserErrors(Boolean.TRUE.equals(s.chargeUserErrors()));
  }

  private static void requireTeacher(LaunchSession session) {
    if (!session.isTeacher()) {
      throw new DomainException.Forbidden("Only the course's teachers can set up exercises");
    }
  }
}
