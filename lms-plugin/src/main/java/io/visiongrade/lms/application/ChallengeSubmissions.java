package io.visiongrade.lms.application;

import io.visiongrade.engine.score.PredictionsCsv;
import io.visiongrade.engine.spec.CnnSpec;
import io.visiongrade.engine.spec.SpecException;
import io.visiongrade.engine.spec.SpecJson;
import io.visiongrade.engine.spec.SpecLimits;
import io.visiongrade.lms.domain.DomainException;
import io.visiongrade.lms.domain.course.Course;
import io.visiongrade.lms.domain.course.CourseRepository;
import io.visiongrade.lms.domain.course.Exercise;
import io.visiongrade.lms.domain.course.SubmissionKind;
import io.visiongrade.lms.domain.dataset.Dataset;
import io.visiongrade.lms.domain.dataset.DatasetRepository;
import io.visiongrade.lms.domain.grading.AttemptSelection;
import io.visiongrade.lms.domain.grading.LatePenalty;
import io.visiongrade.lms.domain.grading.Rubric;
import io.visiongrade.lms.domain.grading.ScoreTarget;
import io.visiongrade.lms.domain.grading.StudentHistory;
import io.visiongrade.lms.domain.grading.SubmissionDecision;
import io.visiongrade.lms.domain.grading.SubmissionPolicy;
import io.visiongrade.lms.domain.job.JobFinished;
import io.visiongrade.lms.domain.job.JobLane;
import io.visiongrade.lms.domain.job.JobOwner;
import io.visiongrade.lms.domain.job.JobRequest;
import io.visiongrade.lms.domain.job.JobState;
import io.visiongrade.lms.domain.job.JobView;
import io.visiongrade.lms.domain.privacy.Pseudonyms;
import io.visiongrade.lms.domain.submission.Grade;
import io.visiongrade.lms.domain.submission.GradeRepository;
import io.visiongrade.lms.domain.submission.Submission;
import io.visiongrade.lms.domain.submission.SubmissionRepository;
import io.visiongrade.lms.domain.submission.SubmissionResults;
import io.visiongrade.lms.infrastructure.lti.LaunchSession;
import io.visiongrade.lms.infrastructure.storage.ContentStore;
import io.visiongrade.lms.infrastructure.storage.StoredContent;
import io.visiongrade.lms.infrastructure.storage.Upload;
import io.visiongrade.lms.lti.launch.LtiRole;
import io.visiongrade.lms.lti.services.Score;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Classifier-challenge submissions (see {@code docs/submissions.md}): a student hands in a CNN
 * spec, a TorchScript model or a predictions CSV; it is checked cheaply, stored, and graded by a
 * {@code GRADE_SUBMISSION} job ({@link GradeSubmissionHandler}); the results become points by the
 * exercise's rubric and late policy, the student's grade is the attempt the exercise's selection
 * picks, and a changed grade goes to the LMS through the score outbox in the same transaction.
 *
 * <p>Students see their own submissions only; another student's submission is "not found".
 */
@ApplicationScoped
public class ChallengeSubmissions {

  private static final Logger LOG = Logger.getLogger(ChallengeSubmissions.class);

  /** The job kind of a grading. */
  public static final String JOB_KIND = "GRADE_SUBMISSION";

  /** The most submissions one listing returns. */
  public static final int MAX_LIST = 500;

  /**
   * How the caller's course and exercises are found (the course catalog in the server, a fake in
   * tests).
   */
  public interface Exercises {
    /** An exercise of the session's course; {@link DomainException.NotFound} otherwise. */
    Exercise inCourse(LaunchSession session, long exerciseId);

    /** The id of the session's course. */
    long courseIdOf(LaunchSession session);

    /** An exercise by id (for the grading job, which holds a checked id). */
    Exercise byId(long exerciseId);
  }

  /**
   * A submission with what its page shows.
   *
   * @param submission the submission
   * @param exercise its exercise
   * @param queuePosition its job's place in the queue (1: starts next), 0 when not queued
   */
  public record Details(Submission submission, Exercise exercise, int queuePosition) {}

  /**
   * What the grading job measured, before points.
   *
   * @param metricsJson the student-visible metrics (validation and public test part)
   * @param classes the number of classes
   * @param publicValue the rubric's metric on the public part (the whole test split without blind
   *     phase)
   * @param privateValue the metric on the private part of a blind phase, or empty
   * @param datasetHash the dataset's content hash
   * @param splitSeed the split seed
   * @param metric the rubric metric the values are of
   * @param publicFraction the blind phase's public share the test split was cut by (null: none)
   */
  public record Measured(
      String metricsJson,
      int classes,
      double publicValue,
      OptionalDouble privateValue,
      String datasetHash,
      long splitSeed,
      Rubric.Metric metric,
      Double publicFraction) {}

  /**
   * What re-scoring one student's submissions did.
   *
   * @param repointed graded submissions given new points from their stored metric values
   * @param requeued graded submissions queued to be evaluated again (the test split, blind phase or
   *     metric changed); the grade is recomputed when they are graded
   * @param gradeChanged whether the student's grade changed (and was enqueued when it could be)
   * @param note what happened to the grade
   */
  public record Rescored(int repointed, int requeued, boolean gradeChanged, String note) {}

  /**
   * A recomputed grade.
   *
   * @param note what happened to the score
   * @param changed whether the grade changed (and was stored, and enqueued when it could be)
   */
  public record Regraded(String note, boolean changed) {}

  /** A submission and its exercise, for the grading job. */
  public record Grading(Submission submission, Exercise exercise) {}

  @Inject CourseCatalog catalog;
  @Inject CourseRepository courses;
  @Inject SubmissionRepository submissions;
  @Inject GradeRepository grades;
  @Inject DatasetRepository datasets;
  @Inject JobQueue jobs;
  @Inject ContentStore store;
  @Inject ScoreOutbox outbox;

  @Inject
  @ConfigProperty(name = "visiongrade.submission.max-torchscript-bytes", defaultValue = "104857600")
  long maxTorchScriptBytes;

  @Inject
  @ConfigProperty(name = "visiongrade.submission.max-csv-bytes", defaultValue = "16777216")
  long maxCsvBytes;

  private Exercises exercises;
  Clock clock = Clock.systemUTC();

  /** For CDI. */
  protected ChallengeSubmissions() {}

  /** Outside a container (tests). */
  public ChallengeSubmissions(
      Exercises exercises,
      SubmissionRepository submissions,
      GradeRepository grades,
      DatasetRepository datasets,
      JobQueue jobs,
      ContentStore store,
      ScoreOutbox outbox,
      long maxTorchScriptBytes,
      long maxCsvBytes,
      Clock clock) {
    this.exercises = Objects.requireNonNull(exercises, "exercises");
    this.submissions = Objects.requireNonNull(submissions, "submissions");
    this.grades = Objects.requireNonNull(grades, "grades");
    this.datasets = Objects.requireNonNull(datasets, "datasets");
    this.jobs = Objects.requireNonNull(jobs, "jobs");
    this.store = Objects.requireNonNull(store, "store");
    this.outbox = Objects.requireNonNull(outbox, "outbox");
    this.maxTorchScriptBytes = maxTorchScriptBytes;
    this.maxCsvBytes = maxCsvBytes;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @PostConstruct
  void init() {
    exercises =
        new Exercises() {
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

  // ---------------------------------------------------------------- what a student does

  /**
   * The largest body a submission of this kind may have, so that the web layer can refuse a larger
   * declared length before reading anything.
   */
  public long maxBytes(SubmissionKind kind) {
    return switch (kind) {
      case SPEC -> SpecLimits.DEFAULTS.maxJsonBytes();
      case TORCHSCRIPT -> maxTorchScriptBytes;
      case PREDICTIONS_CSV -> maxCsvBytes;
      default -> 0;
    };
  }

  /**
   * A student submits to a classifier challenge of their course. The artefact is checked cheaply (a
   * spec is parsed and its shapes and parameters checked against the exercise's compute caps; a
   * TorchScript file must be a zip archive; sizes are capped), stored, and queued for grading, the
   * submission and its job in one transaction.
   *
   * @throws DomainException.Forbidden not a student of the course
   * @throws DomainException.NotFound no such exercise in the course
   * @throws DomainException.Invalid a kind the exercise does not take, or the artefact is refused
   *     (the message lists every problem)
   * @throws DomainException.TooLarge the artefact is over its size limit
   * @throws DomainException.Conflict the exercise is closed or has no dataset yet
   * @throws DomainException.LimitExceeded attempts, interval or daily cap (with retry-after)
   */
  @Transactional
  public Submission submit(
      LaunchSession session, long exerciseId, SubmissionKind kind, InputStream body) {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(body, "body");
    String user = requireStudent(session);
    Exercise exercise = exercises.inCourse(session, exerciseId);
    if (exercise.getKind() != Exercise.Kind.CLASSIFIER_CHALLENGE) {
      throw new DomainException.Invalid(
          "Exercise " + exerciseId + " is not a classifier challenge; it takes no " + kind);
    }
    if (!exercise.allowedKinds().contains(kind)) {
      throw new DomainException.Invalid(
          "This exercise takes "
              + exercise.allowedKinds().stream().map(Enum::name).collect(Collectors.joining(", "))
              + " submissions, not "
              + kind);
    }
    Dataset dataset = datasetOf(exercise);
    if (exercise.inputWidth().orElse(dataset.width()) != dataset.width()
        || exercise.inputHeight().orElse(dataset.height()) != dataset.height()
        || exercise.inputChannels().orElse(dataset.channels()) != dataset.channels()) {
      throw new DomainException.Conflict(
          "Exercise "
              + exerciseId
              + " asks for an input shape other than its dataset's; grading such exercises is"
              + " not available yet, ask the teacher to use the dataset's shape");
    }
    Instant now = clock.instant();
    List<Instant> counted =
        submissions.forStudent(exercise.getId(), user).stream()
            .filter(Submission::countsForPolicy)
            .map(Submission::submittedAt)
            .toList();
    SubmissionDecision decision =
        SubmissionPolicy.check(exercise.submissionRules(), new StudentHistory(user, counted), now);
    decision.orThrow(now);

    StoredContent stored;
    try (Upload upload = store.receive(body, limitFor(kind, dataset))) {
      check(kind, upload, exercise, dataset);
      stored = store.keep(upload);
    }
    Submission s =
        submissions.add(
            Submission.received(
                exercise.getId(),
                exercise.getCourse().getId(),
                user,
                kind,
                stored.sha256(),
                stored.size(),
                now,
                decision.late(),
                session.agsLineItem()));
    JobView job =
        jobs.submit(
            new JobRequest(
                JOB_KIND,
                laneOf(kind),
                s.courseId(),
                JobOwner.student(user),
                String.valueOf(s.requireId()),
                exercise.chargesUserErrors()));
    Submission queued = submissions.update(s.queued(job.id()));
    LOG.infof(
        "Submission %d (%s) of %s to exercise %d queued as job %d%s",
        queued.requireId(),
        kind,
        Pseudonyms.log(user),
        exercise.getId(),
        job.id(),
        decision.late() ? ", late" : "");
    return queued;
  }

  /**
   * A student cancels their submission's grading: a queued one at once, a running one when its job
   * stops.
   *
   * @throws DomainException.NotFound not one of their submissions
   * @throws DomainException.Conflict its grading has finished
   */
  @Transactional
  public Submission cancel(LaunchSession session, long submissionId) {
    String user = requireStudent(session);
    Submission s = own(session, user, submissionId);
    if (s.status().isFinal() || s.jobId() == null) {
      throw new DomainException.Conflict(
          "Submission " + submissionId + " is " + s.status() + "; there is nothing to cancel");
    }
    JobView job = jobs.cancel(s.jobId(), s.courseId(), JobOwner.student(user));
    if (job.state() == JobState.CANCELLED) {
      return submissions.update(s.cancelled("Cancelled by you."));
    }
    return s;
  }

  /** The caller's own submissions in their course, newest first. */
  @Transactional
  public List<Submission> list(LaunchSession session) {
    String user = requireUser(session);
    return submissions.forStudentInCourse(exercises.courseIdOf(session), user, MAX_LIST);
  }

  /**
   * One of the caller's own submissions, with its exercise and queue position; a teacher may open
   * any submission of their course.
   *
   * @throws DomainException.NotFound no such submission of theirs (another student's included)
   */
  @Transactional
  public Details get(LaunchSession session, long submissionId) {
    Submission s =
        session.isTeacher()
            ? inCourse(session, submissionId)
            : own(session, requireUser(session), submissionId);
    Exercise exercise = exercises.inCourse(session, s.exerciseId());
    int position =
        s.jobId() == null || s.status() != Submission.Status.QUEUED
            ? 0
            : jobs.find(s.jobId()).map(j -> jobs.position(j.id())).orElse(0);
    return new Details(s, exercise, position);
  }

  /**
   * Every student's submissions to an exercise of the teacher's course, newest first.
   *
   * @throws DomainException.Forbidden not a teacher
   * @throws DomainException.NotFound no such exercise in the course
   */
  @Transactional
  public OfExercise ofExercise(LaunchSession session, long exerciseId) {
    if (!session.isTeacher()) {
      throw new DomainException.Forbidden(
          "Only the course's teachers see every student's submissions");
    }
    Exercise exercise = exercises.inCourse(session, exerciseId);
    return new OfExercise(exercise, submissions.forExercise(exercise.getId(), MAX_LIST));
  }

  /** An exercise and its students' submissions, newest first. */
  public record OfExercise(Exercise exercise, List<Submission> submissions) {}

  /** The clock the use case reads (the web layer shows results as of the same time). */
  public Instant now() {
    return clock.instant();
  }

  // ---------------------------------------------------------------- what the grading job does

  /**
   * The grading job starts: the submission becomes {@code RUNNING}; empty when it is gone or
   * already cancelled (nothing to grade).
   */
  @Transactional
  public Optional<Grading> startGrading(long submissionId) {
    Optional<Submission> found = submissions.find(submissionId);
    if (found.isEmpty() || found.get().status() == Submission.Status.CANCELLED) {
      return Optional.empty();
    }
    Submission running = submissions.update(found.get().started());
    return Optional.of(new Grading(running, exercises.byId(running.exerciseId())));
  }

  /** The stored artefact of a submission. */
  public java.nio.file.Path artefact(Submission s) {
    return store.file(s.contentSha256());
  }

  /**
   * Records what the grading job measured, in one transaction: the points by the rubric and the
   * late penalty, the submission's results, the student's grade by the exercise's attempt
   * selection, and, if the grade changed, its score in the outbox (to the line item of the
   * student's launch; without one, nothing is sent and the submission says why). Running it again
   * for the same submission replaces its results.
   */
  @Transactional
  public Submission recordGraded(long submissionId, Measured m) {
    Submission s =
        submissions
            .find(submissionId)
            .orElseThrow(() -> new DomainException.NotFound("Submission", submissionId));
    Exercise exercise = exercises.byId(s.exerciseId());
    Instant now = clock.instant();
    Double privateMetric = m.privateValue().isPresent() ? m.privateValue().getAsDouble() : null;
    SubmissionResults measured =
        new SubmissionResults(
            m.metricsJson(),
            m.publicValue(),
            0,
            privateMetric,
            privateMetric == null ? null : 0.0,
            0,
            s.contentSha256(),
            m.datasetHash(),
            m.splitSeed(),
            now,
            m.metric(),
            m.publicFraction());
    SubmissionResults results = pointsFor(exercise, s, measured, m.classes());
    Submission graded = submissions.update(s.graded(results, null));
    if (!stillMeasuredAs(exercise, results)) {
      // The teacher changed the split, blind phase or metric while this was being graded.
      Submission again = requeue(graded, JobOwner.system());
      LOG.infof(
          "Submission %d was graded under settings changed meanwhile; queued again as job %d",
          submissionId, again.jobId());
      return again;
    }
    String note = regrade(exercise, s.userId(), now);
    Submission withNote = submissions.update(graded.graded(results, note));
    LOG.infof(
        "Submission %d graded: %s %.4f, %.2f points; %s",
        submissionId, exercise.rubric().metric(), m.publicValue(), results.publicPoints(), note);
    return withNote;
  }

  /**
   * Recomputes a student's grade on an exercise from their graded submissions, as of now (the
   * visible score of each: public part before the due date, private after); if it changed, stores
   * it and puts its score in the outbox.
   *
   * @return what happened to the score, for the submission's passback note
   */
  @Transactional
  public String regrade(Exercise exercise, String userId, Instant now) {
    return regradeStudent(exercise, userId, now).note();
  }

  /**
   * Re-scores one student's submissions to an exercise after the teacher changed its rubric, test
   * split or policy, in one transaction. A graded submission whose stored metric values were
   * measured as the exercise now asks (same metric, dataset, split seed and blind-phase cut) gets
   * new points from them (rubric, maximum score, late policy); one measured otherwise is queued to
   * be evaluated again by a grading job owned by {@code by} (a TorchScript model or CSV is
   * evaluated from its stored file; a spec is trained again, since submissions' trained models are
   * not kept). Submissions still being graded are left to their jobs, which record under the
   * current settings. The grade is then recomputed and, if it changed, enqueued to the outbox;
   * while evaluations are pending it is left for them to recompute. Running it again changes
   * nothing.
   */
  @Transactional
  public Rescored rescore(Exercise exercise, String userId, JobOwner by) {
    Objects.requireNonNull(by, "by");
    Instant now = clock.instant();
    Optional<Dataset> dataset = exercise.datasetId().flatMap(datasets::findById);
    int repointed = 0;
    int requeued = 0;
    boolean pending = false;
    for (Submission s : submissions.forStudent(exercise.getId(), userId)) {
      if (!s.status().isFinal()) {
        pending = true;
        continue;
      }
      if (s.status() != Submission.Status.GRADED || s.results().isEmpty() || dataset.isEmpty()) {
        continue;
      }
      SubmissionResults r = s.results().get();
      if (!stillMeasuredAs(exercise, dataset.get(), r)) {
        requeue(s, by);
        requeued++;
        pending = true;
        continue;
      }
      SubmissionResults updated = pointsFor(exercise, s, r, dataset.get().classes().size());
      if (!updated.equals(r)) {
        submissions.update(s.graded(updated, s.passbackNote().orElse(null)));
        repointed++;
      }
    }
    if (pending) {
      return new Rescored(
          repointed,
          requeued,
          false,
          "Submissions are being evaluated; the grade is recomputed when they are graded.");
    }
    Regraded g = regradeStudent(exercise, userId, now);
    return new Rescored(repointed, requeued, g.changed(), g.note());
  }

  /**
   * {@link #regrade} telling whether the grade changed.
   *
   * @see #regrade
   */
  @Transactional
  public Regraded regradeStudent(Exercise exercise, String userId, Instant now) {
    grades.lockForRegrade(exercise.getId());
    List<Submission> graded =
        submissions.forStudent(exercise.getId(), userId).stream()
            .filter(x -> x.status() == Submission.Status.GRADED && x.results().isPresent())
            .toList();
    Optional<Instant> due = exercise.dueFor(userId);
    List<AttemptSelection.GradedAttempt> attempts =
        graded.stream()
            .map(
                x ->
                    new AttemptSelection.GradedAttempt(
                        String.valueOf(x.requireId()),
                        x.submittedAt(),
                        x.results().orElseThrow().pointsAt(now, due)))
            .toList();
    Optional<AttemptSelection.GradedAttempt> chosen = exercise.attemptSelection().select(attempts);
    if (chosen.isEmpty()) {
      return new Regraded("No graded attempt yet.", false);
    }
    long chosenId = Long.parseLong(chosen.get().id());
    Grade grade =
        new Grade(
            exercise.getId(),
            userId,
            chosenId,
            Math.min(exercise.getMaxScore(), Math.max(0, chosen.get().score())),
            exercise.getMaxScore(),
            now);
    Optional<Grade> before = grades.find(exercise.getId(), userId);
    if (before.isPresent() && before.get().sameAs(grade)) {
      return new Regraded(
          "Grade unchanged (" + format(grade.points()) + " points); nothing sent.", false);
    }
    grades.put(grade);
    Optional<java.net.URI> lineItem =
        graded.stream()
            .filter(x -> x.requireId() == chosenId)
            .findFirst()
            .flatMap(Submission::lineItemUrl)
            .or(
                () ->
                    graded.stream()
                        .map(Submission::lineItemUrl)
                        .flatMap(Optional::stream)
                        .reduce((a, b) -> b));
    if (lineItem.isEmpty()) {
      LOG.infof(
          "Grade of %s on exercise %d not sent: the launch had no AGS line item",
          Pseudonyms.log(userId), exercise.getId());
      return new Regraded(
          "Not sent to the gradebook: the LMS launch granted no grade passback (no AGS line"
              + " item).",
          true);
    }
    Course course = exercise.getCourse();
    outbox.enqueue(
        new ScoreTarget(
            course.getIssuer(), course.getClientId(), course.getContextId(), lineItem.get()),
        Score.graded(
            userId,
            grade.points(),
            grade.maxPoints(),
            "Submission " + chosenId + " (" + exercise.attemptSelection() + " attempt)",
            now),
        "submission:" + chosenId);
    return new Regraded("Grade " + format(grade.points()) + " sent to the gradebook.", true);
  }

  /**
   * A grading job ended (observed in the server): a failed or cancelled one marks its submission
   * failed (charged when the job is) or cancelled, with the job's message.
   */
  @Transactional
  public void jobFinished(@Observes JobFinished event) {
    JobView job = event.job();
    if (!JOB_KIND.equals(job.kind())) {
      return;
    }
    Optional<Submission> found = submissions.findByJob(job.id());
    if (found.isEmpty() || found.get().status() == Submission.Status.GRADED) {
      return;
    }
    Submission s = found.get();
    if (job.state() == JobState.CANCELLED) {
      submissions.update(s.cancelled(job.message().orElse("Cancelled.")));
      regrade(exercises.byId(s.exerciseId()), s.userId(), clock.instant());
    } else if (job.state() == JobState.FAILED) {
      String why =
          job.failureKind()
              .map(
                  k ->
                      switch (k) {
                        case USER_ERROR -> job.message().orElse("Your submission was refused.");
                        case TIMEOUT -> "Grading took longer than the exercise's time limit.";
                        default -> "Grading failed on our side; this does not count as an attempt.";
                      })
              .orElse("Grading failed.");
      // A graded submission evaluated again (re-scoring) stays one attempt whatever happens.
      submissions.update(s.failed(why, job.charged() || s.charged()));
      // Its earlier results no longer count, and a re-scoring may have waited for this job.
      regrade(exercises.byId(s.exerciseId()), s.userId(), clock.instant());
    }
  }

  // ---------------------------------------------------------------- helpers

  /**
   * The results with points for their metric values under the exercise's rubric, maximum score and
   * late policy (the measurements unchanged).
   */
  private SubmissionResults pointsFor(
      Exercise exercise, Submission s, SubmissionResults r, int classes) {
    double publicPoints = points(exercise, s, r.publicMetric(), classes);
    Double privatePoints =
        r.privateMetric() == null ? null : points(exercise, s, r.privateMetric(), classes);
    return r.withPoints(publicPoints, privatePoints, penalty(exercise, s, 1.0).penaltyPercent());
  }

  /** Whether results were measured as the exercise asks now (else: evaluate again). */
  private boolean stillMeasuredAs(Exercise exercise, SubmissionResults r) {
    Optional<Dataset> dataset = exercise.datasetId().flatMap(datasets::findById);
    return dataset.isPresent() && stillMeasuredAs(exercise, dataset.get(), r);
  }

  private static boolean stillMeasuredAs(Exercise exercise, Dataset dataset, SubmissionResults r) {
    return r.measuredAs(
        exercise.rubric().metric(),
        dataset.contentHash(),
        exercise.splitSeed(),
        exercise.blindPhase().map(b -> b.publicFraction()).orElse(null));
  }

  /** Queues a submission to be graded again (re-scoring); never charged again. */
  private Submission requeue(Submission s, JobOwner by) {
    JobView job =
        jobs.submit(
            new JobRequest(
                JOB_KIND,
                laneOf(s.kind()),
                s.courseId(),
                by,
                String.valueOf(s.requireId()),
                false));
    return submissions.update(s.queued(job.id()));
  }

  private static JobLane laneOf(SubmissionKind kind) {
    return kind == SubmissionKind.PREDICTIONS_CSV ? JobLane.FAST : JobLane.TRAINING;
  }

  private double points(Exercise exercise, Submission s, double value, int classes) {
    double raw = exercise.points(clamp01(value), Math.max(2, classes), OptionalDouble.empty());
    return penalty(exercise, s, raw).score();
  }

  private static LatePenalty.Result penalty(Exercise exercise, Submission s, double raw) {
    return LatePenalty.apply(
        raw,
        s.submittedAt(),
        exercise.dueAt().orElse(null),
        exercise.extensions().get(s.userId()),
        exercise.latePolicy().orElse(null));
  }

  /** The rubric metric's value in an evaluation. */
  public static double metricValue(Rubric.Metric metric, double accuracy, double macroF1) {
    return metric == Rubric.Metric.MACRO_F1 ? macroF1 : accuracy;
  }

  private Dataset datasetOf(Exercise exercise) {
    long id =
        exercise
            .datasetId()
            .orElseThrow(
                () ->
                    new DomainException.Conflict(
                        "Exercise "
                            + exercise.getId()
                            + " has no dataset yet; its teacher picks one"));
    return datasets.findById(id).orElseThrow(() -> new DomainException.NotFound("Dataset", id));
  }

  private long limitFor(SubmissionKind kind, Dataset dataset) {
    if (kind == SubmissionKind.PREDICTIONS_CSV) {
      return Math.min(
          maxCsvBytes, PredictionsCsv.Limits.forSamples(dataset.imageCount()).maxBytes());
    }
    return maxBytes(kind);
  }

  /** Cheap checks before anything is queued. */
  private static void check(SubmissionKind kind, Upload upload, Exercise exercise, Dataset d) {
    try {
      switch (kind) {
        case SPEC -> {
          String json = Files.readString(upload.file(), StandardCharsets.UTF_8);
          specOf(json, exercise, d.classes().size());
        }
        case TORCHSCRIPT -> {
          byte[] head = new byte[4];
          int n;
          try (InputStream in = Files.newInputStream(upload.file())) {
            n = in.readNBytes(head, 0, 4);
          }
          if (n < 4 || head[0] != 'P' || head[1] != 'K' || head[2] != 3 || head[3] != 4) {
            throw new DomainException.Invalid(
                "Not a TorchScript model: save it with torch.jit.trace(model, x).save(\"model.pt\")"
                    + " or torch.jit.script; a torch.save checkpoint or pickle is not accepted");
          }
        }
        case PREDICTIONS_CSV -> {
          if (upload.size() == 0) {
            throw new DomainException.Invalid(
                "The predictions CSV is empty; send id,label lines for the test images");
          }
        }
        default -> throw new DomainException.Invalid("Not a classifier-challenge kind: " + kind);
      }
    } catch (java.nio.charset.MalformedInputException e) {
      throw new DomainException.Invalid("The network spec is not UTF-8 text");
    } catch (IOException e) {
      throw new DomainException.Unavailable("Could not read the upload: " + e.getMessage(), e);
    }
  }

  /** The spec limits an exercise's compute caps allow. */
  public static SpecLimits limitsOf(Exercise exercise) {
    var caps = exercise.computeCaps();
    return SpecLimits.builder()
        .optMaxParameters(Math.min(caps.maxParameters(), SpecLimits.DEFAULTS.maxParameters()))
        .optMaxEpochs(Math.min(caps.maxEpochs(), SpecLimits.DEFAULTS.maxEpochs()))
        .build();
  }

  /**
   * Parses and checks a spec for an exercise: the compute caps, the exercise's input shape and its
   * classes.
   *
   * @throws DomainException.Invalid listing every problem
   */
  public static CnnSpec specOf(String json, Exercise exercise, int classes) {
    SpecLimits limits = limitsOf(exercise);
    try {
      CnnSpec spec = SpecJson.parse(json, limits);
      int w = exercise.inputWidth().orElse(spec.input().width());
      int h = exercise.inputHeight().orElse(spec.input().height());
      int c = exercise.inputChannels().orElse(spec.input().channels());
      if (spec.input().width() != w || spec.input().height() != h || spec.input().channels() != c) {
        throw new SpecException(
            String.format(
                Locale.ROOT,
                "input: this exercise's images are %dx%dx%d (width x height x channels), the spec"
                    + " says %dx%dx%d",
                w,
                h,
                c,
                spec.input().width(),
                spec.input().height(),
                spec.input().channels()));
      }
      spec.summarize(classes, limits);
      return spec;
    } catch (SpecException e) {
      throw new DomainException.Invalid(
          "Your network is not valid: " + String.join("; ", e.problems()), e);
    }
  }

  private Submission own(LaunchSession session, String user, long submissionId) {
    long course = exercises.courseIdOf(session);
    return submissions
        .find(submissionId)
        .filter(s -> s.userId().equals(user) && s.courseId() == course)
        .orElseThrow(() -> new DomainException.NotFound("Submission", submissionId));
  }

  private Submission inCourse(LaunchSession session, long submissionId) {
    long course = exercises.courseIdOf(session);
    return submissions
        .find(submissionId)
        .filter(s -> s.courseId() == course)
        .orElseThrow(() -> new DomainException.NotFound("Submission", submissionId));
  }

  private static String requireStudent(LaunchSession session) {
    if (session.role() != LtiRole.STUDENT) {
      throw new DomainException.Forbidden("Only the course's students submit to an exercise");
    }
    return requireUser(session);
  }

  private static String requireUser(LaunchSession session) {
    return session
        .userId()
        .orElseThrow(
            () -> new DomainException.Forbidden("This launch carries no user; launch again"));
  }

  private static double clamp01(double v) {
    return Double.isNaN(v) ? 0 : Math.max(0, Math.min(1, v));
  }

  private static String format(double v) {
    return String.format(Locale.ROOT, "%.2f", v);
  }
}
