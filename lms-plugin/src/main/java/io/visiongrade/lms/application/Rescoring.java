package io.visiongrade.lms.application;

import io.visiongrade.lms.domain.DomainException;
import io.visiongrade.lms.domain.answer.ImageAnswerRepository;
import io.visiongrade.lms.domain.course.CourseRepository;
import io.visiongrade.lms.domain.course.Exercise;
import io.visiongrade.lms.domain.job.JobLane;
import io.visiongrade.lms.domain.job.JobOwner;
import io.visiongrade.lms.domain.job.JobRequest;
import io.visiongrade.lms.domain.job.JobState;
import io.visiongrade.lms.domain.job.JobView;
import io.visiongrade.lms.domain.submission.SubmissionRepository;
import io.visiongrade.lms.infrastructure.lti.LaunchSession;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Re-scoring (see {@code docs/submissions.md}): when a teacher changes what grades of an exercise
 * are computed from (rubric, maximum score, late policy, due dates, attempt selection, blind phase,
 * dataset or split seed), every student's grade is recomputed by a {@code RESCORE_EXERCISE} job
 * ({@link RescoreHandler}) in the teacher's lane of the job queue: one transaction per student,
 * each idempotent, a changed grade enqueued to the AGS outbox in the same transaction.
 */
@ApplicationScoped
public class Rescoring {

  private static final Logger LOG = Logger.getLogger(Rescoring.class);

  /** The job kind. */
  public static final String JOB_KIND = "RESCORE_EXERCISE";

  /**
   * A re-scoring asked for.
   *
   * @param job its job
   * @param alreadyQueued true when a re-scoring of the exercise was waiting already (it is that
   *     one: it reads the settings when it runs, so one more would change nothing)
   */
  public record Requested(JobView job, boolean alreadyQueued) {}

  /**
   * What re-scoring one student did.
   *
   * @param repointed submissions given new points from their stored metric values
   * @param requeued submissions queued to be evaluated again
   * @param gradeChanged whether the grade changed
   * @param note what happened to the grade
   */
  public record StudentRescored(int repointed, int requeued, boolean gradeChanged, String note) {}

  @Inject CourseCatalog catalog;
  @Inject CourseRepository courses;
  @Inject SubmissionRepository submissions;
  @Inject ImageAnswerRepository answers;
  @Inject ChallengeSubmissions challenges;
  @Inject ImageAnswers imageAnswers;
  @Inject JobQueue jobs;

  private ChallengeSubmissions.Exercises exercises;
  Clock clock = Clock.systemUTC();

  /** For CDI. */
  protected Rescoring() {}

  /** Outside a container (tests). */
  public Rescoring(
      ChallengeSubmissions.Exercises exercises,
      SubmissionRepository submissions,
      ImageAnswerRepository answers,
      ChallengeSubmissions challenges,
      ImageAnswers imageAnswers,
      JobQueue jobs,
      Clock clock) {
    this.exercises = Objects.requireNonNull(exercises, "exercises");
    this.submissions = Objects.requireNonNull(submissions, "submissions");
    this.answers = Objects.requireNonNull(answers, "answers");
    this.challenges = Objects.requireNonNull(challenges, "challenges");
    this.imageAnswers = imageAnswers;
    this.jobs = Objects.requireNonNull(jobs, "jobs");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @PostConstruct
  void init() {
    exercises =
        new ChallengeSubmissions.Exercises() {
          @Override
          public Exercise inCourse(LaunchSession session, long exerciseId) {
            return catalog.exercise(session, exerciseId);
          }

          @Override
          public long courseIdOf(LaunchSession session) {
            return catalog.courseOf(session).getId();
          }

          @Override
          public Exercise byId(long exerciseId) {
            return courses
                .findExercise(exerciseId)
                .orElseThrow(() -> new DomainException.NotFound("Exercise", exerciseId));
          }
        };
  }

  /**
   * A teacher asks for an exercise's grades to be re-scored.
   *
   * @throws DomainException.Forbidden not a teacher
   * @throws DomainException.NotFound no such exercise in the caller's course
   */
  @Transactional
  public Requested request(LaunchSession session, long exerciseId) {
    if (!session.isTeacher()) {
      throw new DomainException.Forbidden("Only the course's teachers can re-score an exercise");
    }
    String teacher =
        session
            .userId()
            .orElseThrow(
                () -> new DomainException.Forbidden("This launch carries no user; launch again"));
    return requestFor(exercises.inCourse(session, exerciseId), JobOwner.teacher(teacher));
  }

  /**
   * Queues a re-scoring of an exercise, in the caller's transaction (the settings change and its
   * re-scoring commit together); a re-scoring of the exercise still waiting in the queue is reused.
   */
  @Transactional
  public Requested requestFor(Exercise exercise, JobOwner by) {
    String payload = String.valueOf(exercise.getId());
    long courseId = exercise.getCourse().getId();
    Optional<JobView> waiting =
        jobs.listForCourse(courseId).stream()
            .filter(
                j ->
                    JOB_KIND.equals(j.kind())
                        && payload.equals(j.payload())
                        && j.state() == JobState.QUEUED)
            .findFirst();
    if (waiting.isPresent()) {
      return new Requested(waiting.get(), true);
    }
    JobView job = jobs.submit(new JobRequest(JOB_KIND, JobLane.FAST, courseId, by, payload, false));
    LOG.infof("Re-scoring of exercise %d queued as job %d by %s", exercise.getId(), job.id(), by);
    return new Requested(job, false);
  }

  /**
   * The re-scoring jobs of an exercise of the caller's course, newest first (teachers).
   *
   * @throws DomainException.Forbidden not a teacher
   * @throws DomainException.NotFound no such exercise in the caller's course
   */
  @Transactional
  public List<JobView> jobs(LaunchSession session, long exerciseId) {
    if (!session.isTeacher()) {
      throw new DomainException.Forbidden("Only the course's teachers can see re-scorings");
    }
    Exercise exercise = exercises.inCourse(session, exerciseId);
    String payload = String.valueOf(exercise.getId());
    return jobs.listForCourse(exercise.getCourse().getId()).stream()
        .filter(j -> JOB_KIND.equals(j.kind()) && payload.equals(j.payload()))
        .toList();
  }

  /** The students with work on an exercise (submissions or image answers), by user id. */
  @Transactional
  public List<String> students(long exerciseId) {
    Exercise exercise = exercises.byId(exerciseId);
    return exercise.getKind() == Exercise.Kind.CLASSIFIER_CHALLENGE
        ? submissions.studentsOf(exerciseId)
        : answers.studentsOf(exerciseId);
  }

  /**
   * Re-scores one student's work on an exercise under its settings now, in one transaction (see
   * {@link ChallengeSubmissions#rescore} and {@link ImageAnswers#regrade}); idempotent.
   */
  @Transactional
  public StudentRescored rescoreStudent(long exerciseId, String userId, JobOwner by) {
    Exercise exercise = exercises.byId(exerciseId);
    if (exercise.getKind() == Exercise.Kind.CLASSIFIER_CHALLENGE) {
      ChallengeSubmissions.Rescored r = challenges.rescore(exercise, userId, by);
      return new StudentRescored(r.repointed(), r.requeued(), r.gradeChanged(), r.note());
    }
    if (imageAnswers == null) {
      throw new IllegalStateException("Image answers are not available here");
    }
    ImageAnswers.Regraded r = imageAnswers.regrade(exercise, userId, clock.instant());
    return new StudentRescored(0, 0, r.changed(), r.note());
  }
}
