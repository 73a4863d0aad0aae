package io.visiongrade.lms.application;

import io.visiongrade.lms.domain.DomainException;
import io.visiongrade.lms.domain.answer.AnswerGrade;
import io.visiongrade.lms.domain.course.Exercise;
import io.visiongrade.lms.domain.gradebook.GradebookRecords;
import io.visiongrade.lms.domain.grading.AttemptSelection;
import io.visiongrade.lms.domain.grading.DeliveryFilter;
import io.visiongrade.lms.domain.grading.DeliveryState;
import io.visiongrade.lms.domain.grading.LatePenalty;
import io.visiongrade.lms.domain.grading.ScoreDeliveryView;
import io.visiongrade.lms.domain.submission.Grade;
import io.visiongrade.lms.domain.submission.Submission;
import io.visiongrade.lms.domain.submission.SubmissionRepository;
import io.visiongrade.lms.infrastructure.lti.LaunchSession;
import io.visiongrade.lms.lti.LtiServiceException;
import io.visiongrade.lms.lti.launch.LtiRole;
import io.visiongrade.lms.lti.services.Member;
import io.visiongrade.lms.lti.services.Membership;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;
import org.jboss.logging.Logger;

/**
 * The teacher's gradebook (see {@code docs/gradebook.md}): every student of the course — those of
 * the LMS roster (NRPS) and those who handed something in without being on it — against every
 * exercise, with the points that count, the best points, attempts used, late status, and how the
 * grade's delivery to the LMS stands. If the roster cannot be fetched, the gradebook says why and
 * still lists every student it knows from their work.
 *
 * <p>Teachers only: display names are personal data.
 */
@ApplicationScoped
public class Gradebook {

  private static final Logger LOG = Logger.getLogger(Gradebook.class);

  /** The most submissions of a course the gradebook reads. */
  public static final int MAX_SUBMISSIONS = GradebookRecords.MAX_ROWS;

  /** The course and its exercises (the catalog in the server, a fake in tests). */
  public interface CourseSource {
    /** The id of the session's course. */
    long courseId(LaunchSession session);

    /** The course's exercises, oldest first. */
    List<Exercise> exercises(LaunchSession session);
  }

  /** The LMS roster (NRPS in the server, a fake in tests). */
  public interface Roster {
    /** Every member of the session's course. */
    Membership members(LaunchSession session) throws LtiServiceException;
  }

  /**
   * The whole gradebook.
   *
   * @param exercises the columns, oldest exercise first
   * @param students the rows: roster students by name, then students known only from their work
   * @param rosterProblem why the LMS roster is missing, when it is (the rows then come from the
   *     students' work only)
   * @param at when it was read
   */
  public record View(
      List<Column> exercises, List<Row> students, Optional<String> rosterProblem, Instant at) {}

  /**
   * One exercise.
   *
   * @param dueAt its due date (students with an extension have their own, in their cell)
   * @param selection which attempt counts (classifier challenges; image answers count every
   *     accepted prompt)
   */
  public record Column(
      long id,
      String title,
      Exercise.Kind kind,
      double maxScore,
      Optional<Instant> dueAt,
      Optional<Integer> maxAttempts,
      AttemptSelection selection) {}

  /**
   * One student.
   *
   * @param userId the LTI user id
   * @param name the display name from the roster, if it has one
   * @param inRoster whether the LMS roster lists them (false: known from their work only, or the
   *     roster could not be read)
   * @param rosterStatus ACTIVE, INACTIVE or DELETED as the LMS says; empty when not in the roster
   * @param cells one per column, in column order
   */
  public record Row(
      String userId,
      Optional<String> name,
      boolean inRoster,
      Optional<Member.Status> rosterStatus,
      List<Cell> cells) {}

  /**
   * A student on an exercise.
   *
   * @param exerciseId the column
   * @param state NOT_STARTED (nothing handed in), IN_PROGRESS (handed in, no grade yet), GRADED, or
   *     PENDING_REVIEW (image answers waiting for the teacher)
   * @param points the points that count (the grade sent to the LMS), empty before a grade
   * @param bestPoints the best points of any graded attempt as visible now (the counting ones for
   *     image answers)
   * @param countingSubmissionId the submission the grade comes from (classifier challenges)
   * @param attemptsUsed attempts counted against the limits (charged or still being graded; every
   *     answer for image answers)
   * @param submissions everything handed in (failed and cancelled ones included)
   * @param late whether the work that counts (or, before a grade, the latest) came after the due
   *     date
   * @param daysLate started days after the effective due date of that work
   * @param penaltyPercent the late penalty taken off the counting submission
   * @param extension the student's own due date, if the teacher granted one
   * @param lastSubmittedAt when they last handed something in
   * @param delivery the newest score sent to the LMS for this exercise and student, if any
   */
  public record Cell(
      long exerciseId,
      String state,
      OptionalDouble points,
      OptionalDouble bestPoints,
      Optional<Long> countingSubmissionId,
      int attemptsUsed,
      int submissions,
      boolean late,
      long daysLate,
      double penaltyPercent,
      Optional<Instant> extension,
      Optional<Instant> lastSubmittedAt,
      Optional<Delivery> delivery) {}

  /**
   * The newest score delivery of a cell.
   *
   * @param id the outbox row ({@code POST /api/course/score-deliveries/{id}/retry} sends it again)
   * @param state PENDING, DELIVERED, FAILED_PERMANENT or SUPERSEDED
   * @param retryable whether a retry can be asked for (a refused or waiting score)
   */
  public record Delivery(
      long id,
      DeliveryState state,
      int attempts,
      Optional<String> lastError,
      Instant createdAt,
      Optional<Instant> deliveredAt,
      Optional<Double> scoreGiven,
      boolean retryable) {

    static Delivery of(ScoreDeliveryView v) {
      return new Delivery(
          v.id(),
          v.state(),
          v.attempts(),
          v.lastError(),
          v.createdAt(),
          v.deliveredAt(),
          v.score().scoreGiven(),
          v.state() == DeliveryState.FAILED_PERMANENT || v.state() == DeliveryState.PENDING);
    }
  }

  @Inject CourseCatalog catalog;
  @Inject CourseRoster courseRoster;
  @Inject SubmissionRepository submissions;
  @Inject GradebookRecords records;
  @Inject ScoreOutbox outbox;

  private CourseSource courses;
  private Roster roster;
  Clock clock = Clock.systemUTC();

  /** For CDI. */
  protected Gradebook() {}

  /** Outside a container (tests). */
  public Gradebook(
      CourseSource courses,
      Roster roster,
      SubmissionRepository submissions,
      GradebookRecords records,
      ScoreOutbox outbox,
      Clock clock) {
    this.courses = Objects.requireNonNull(courses, "courses");
    this.roster = Objects.requireNonNull(roster, "roster");
    this.submissions = Objects.requireNonNull(submissions, "submissions");
    this.records = Objects.requireNonNull(records, "records");
    this.outbox = Objects.requireNonNull(outbox, "outbox");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @PostConstruct
  void init() {
    courses =
        new CourseSource() {
          @Override
          public long courseId(LaunchSession session) {
            return catalog.courseOf(session).getId();
          }

          @Override
          public List<Exercise> exercises(LaunchSession session) {
            return catalog.exercises(session);
          }
        };
    roster = courseRoster::members;
  }

  /**
   * The gradebook of the caller's course, every exercise or one.
   *
   * @param exerciseId one exercise's column only, or empty for all
   * @throws DomainException.Forbidden the caller is not a teacher
   * @throws DomainException.NotFound no such exercise in the course
   */
  // No transaction around it: the roster is an HTTP call to the LMS; each read is consistent on
  // its own, which is all a view needs.
  public View view(LaunchSession session, Optional<Long> exerciseId) {
    requireTeacher(session);
    String contextId =
        session
            .contextId()
            .orElseThrow(
                () -> new DomainException.Invalid("This launch came from outside a course"));
    long courseId = courses.courseId(session);
    List<Exercise> exercises = courses.exercises(session);
    if (exerciseId.isPresent()) {
      long wanted = exerciseId.get();
      exercises = exercises.stream().filter(e -> e.getId() == wanted).toList();
      if (exercises.isEmpty()) {
        throw new DomainException.NotFound("Exercise", wanted);
      }
    }
    Instant now = clock.instant();

    // The rows: the roster's students, then everyone known from their work.
    Map<String, Person> rows = new LinkedHashMap<>();
    Optional<String> rosterProblem = Optional.empty();
    try {
      List<Member> students =
          roster.members(session).members().stream()
              .filter(m -> LtiRole.of(m.roles()) == LtiRole.STUDENT)
              .sorted(Comparator.comparing(Gradebook::sortName).thenComparing(Member::userId))
              .toList();
      for (Member m : students) {
        rows.put(m.userId(), new Person(m.userId(), displayName(m), true, Optional.of(m.status())));
      }
    } catch (LtiServiceException | DomainException e) {
      rosterProblem =
          Optional.of(
              "The LMS roster could not be read ("
                  + e.getMessage()
                  + "); only students who handed in work are listed.");
      LOG.infof("Gradebook of course %d without the roster: %s", courseId, e.getMessage());
    } catch (RuntimeException e) {
      rosterProblem =
          Optional.of(
              "The LMS roster could not be read ("
                  + e
                  + "); only students who handed in work"
                  + " are listed.");
      LOG.warnf(e, "Gradebook of course %d without the roster", courseId);
    }

    // What each student did, per exercise.
    Map<Key, List<Submission>> subs = new HashMap<>();
    Map<Long, Submission> subById = new HashMap<>();
    for (Submission s : submissions.inCourse(courseId, MAX_SUBMISSIONS)) {
      subs.computeIfAbsent(new Key(s.exerciseId(), s.userId()), k -> new ArrayList<>()).add(s);
      subById.put(s.requireId(), s);
    }
    Map<Key, List<GradebookRecords.AnswerAttempt>> answers = new HashMap<>();
    Map<Long, GradebookRecords.AnswerAttempt> answerById = new HashMap<>();
    for (GradebookRecords.AnswerAttempt a : records.answers(courseId)) {
      answers.computeIfAbsent(new Key(a.exerciseId(), a.userId()), k -> new ArrayList<>()).add(a);
      answerById.put(a.id(), a);
    }
    Map<Key, Grade> grades = new HashMap<>();
    for (Grade g : records.challengeGrades(courseId)) {
      grades.put(new Key(g.exerciseId(), g.userId()), g);
    }
    Map<Key, AnswerGrade> answerGrades = new HashMap<>();
    for (AnswerGrade g : records.answerGrades(courseId)) {
      answerGrades.put(new Key(g.exerciseId(), g.userId()), g);
    }
    Map<Key, ScoreDeliveryView> deliveries = new HashMap<>();
    for (ScoreDeliveryView d :
        outbox.deliveries(DeliveryFilter.course(session.platform(), contextId))) {
      Optional<Long> exercise = exerciseOf(d.gradeRef(), subById, answerById);
      // Newest first: the first one seen of each cell is its newest.
      exercise.ifPresent(x -> deliveries.putIfAbsent(new Key(x, d.userId()), d));
    }
    Set<Long> columns = new HashSet<>();
    exercises.forEach(e -> columns.add(e.getId()));
    TreeSet<String> unlisted = new TreeSet<>();
    subs.keySet().stream()
        .filter(k -> columns.contains(k.exerciseId()))
        .forEach(k -> unlisted.add(k.userId()));
    answers.keySet().stream()
        .filter(k -> columns.contains(k.exerciseId()))
        .forEach(k -> unlisted.add(k.userId()));
    for (String user : unlisted) {
      rows.putIfAbsent(user, new Person(user, Optional.empty(), false, Optional.empty()));
    }

    List<Row> out = new ArrayList<>(rows.size());
    for (Person r : rows.values()) {
      List<Cell> cells = new ArrayList<>(exercises.size());
      for (Exercise e : exercises) {
        Key k = new Key(e.getId(), r.userId());
        Optional<ScoreDeliveryView> d = Optional.ofNullable(deliveries.get(k));
        cells.add(
            e.getKind() == Exercise.Kind.IMAGE_ANSWER
                ? answerCell(e, r.userId(), answers.get(k), answerGrades.get(k), d)
                : challengeCell(e, r.userId(), subs.get(k), grades.get(k), d, now));
      }
      out.add(new Row(r.userId(), r.name(), r.inRoster(), r.rosterStatus(), List.copyOf(cells)));
    }
    List<Column> cols =
        exercises.stream()
            .map(
                e ->
                    new Column(
                        e.getId(),
                        e.getTitle(),
                        e.getKind(),
                        e.getMaxScore(),
                        e.dueAt(),
                        e.maxAttempts(),
                        e.attemptSelection()))
            .toList();
    return new View(cols, List.copyOf(out), rosterProblem, now);
  }

  // ---------------------------------------------------------------- cells

  private static Cell challengeCell(
      Exercise e,
      String user,
      List<Submission> list,
      Grade grade,
      Optional<ScoreDeliveryView> delivery,
      Instant now) {
    List<Submission> subs = list == null ? List.of() : list;
    Optional<Instant> due = e.dueFor(user);
    int attempts = (int) subs.stream().filter(Submission::countsForPolicy).count();
    OptionalDouble best =
        subs.stream()
            .filter(s -> s.status() == Submission.Status.GRADED)
            .flatMap(s -> s.results().stream())
            .mapToDouble(r -> r.pointsAt(now, due))
            .max();
    Optional<Submission> counting =
        grade == null
            ? Optional.empty()
            : subs.stream().filter(s -> s.requireId() == grade.submissionId()).findFirst();
    Optional<Submission> latest = subs.isEmpty() ? Optional.empty() : Optional.of(last(subs));
    Optional<Submission> lateBasis = counting.or(() -> latest);
    LatePenalty.Result lateness =
        lateBasis
            .map(s -> lateness(e, user, s.submittedAt()))
            .orElse(new LatePenalty.Result(0, 0, 0));
    String state;
    if (grade != null) {
      state = "GRADED";
    } else if (subs.isEmpty()) {
      state = "NOT_STARTED";
    } else {
      state = "IN_PROGRESS";
    }
    return new Cell(
        e.getId(),
        state,
        grade == null ? OptionalDouble.empty() : OptionalDouble.of(grade.points()),
        best,
        grade == null ? Optional.empty() : Optional.of(grade.submissionId()),
        attempts,
        subs.size(),
        lateBasis.map(s -> s.late() || lateness.late()).orElse(false),
        lateness.daysLate(),
        counting
            .flatMap(Submission::results)
            .map(r -> r.penaltyPercent())
            .orElse(lateness.penaltyPercent()),
        Optional.ofNullable(e.extensions().get(user)),
        latest.map(Submission::submittedAt),
        delivery.map(Delivery::of));
  }

  private static Cell answerCell(
      Exercise e,
      String user,
      List<GradebookRecords.AnswerAttempt> list,
      AnswerGrade grade,
      Optional<ScoreDeliveryView> delivery) {
    List<GradebookRecords.AnswerAttempt> answers = list == null ? List.of() : list;
    Optional<Instant> latest =
        answers.isEmpty()
            ? Optional.empty()
            : Optional.of(answers.get(answers.size() - 1).submittedAt());
    LatePenalty.Result lateness =
        latest.map(t -> lateness(e, user, t)).orElse(new LatePenalty.Result(0, 0, 0));
    boolean late = latest.isPresent() && e.dueFor(user).map(latest.get()::isAfter).orElse(false);
    String state;
    if (grade != null && grade.pendingReview()) {
      state = "PENDING_REVIEW";
    } else if (grade != null) {
      state = "GRADED";
    } else if (answers.isEmpty()) {
      state = "NOT_STARTED";
    } else {
      state = "IN_PROGRESS";
    }
    OptionalDouble points =
        grade == null ? OptionalDouble.empty() : OptionalDouble.of(grade.points());
    return new Cell(
        e.getId(),
        state,
        points,
        points,
        Optional.empty(),
        answers.size(),
        answers.size(),
        late,
        lateness.daysLate(),
        0,
        Optional.ofNullable(e.extensions().get(user)),
        latest,
        delivery.map(Delivery::of));
  }

  /** Days late and the penalty the exercise's late policy gives work handed in at {@code at}. */
  private static LatePenalty.Result lateness(Exercise e, String user, Instant at) {
    return LatePenalty.apply(
        1.0, at, e.dueAt().orElse(null), e.extensions().get(user), e.latePolicy().orElse(null));
  }

  private static Submission last(List<Submission> subs) {
    return subs.get(subs.size() - 1);
  }

  /** The exercise a score came from, by its grade reference. */
  private static Optional<Long> exerciseOf(
      String gradeRef,
      Map<Long, Submission> submissions,
      Map<Long, GradebookRecords.AnswerAttempt> answers) {
    int colon = gradeRef.indexOf(':');
    if (colon < 0) {
      return Optional.empty();
    }
    long id;
    try {
      id = Long.parseLong(gradeRef.substring(colon + 1));
    } catch (NumberFormatException ex) {
      return Optional.empty();
    }
    return switch (gradeRef.substring(0, colon)) {
      case "submission" -> Optional.ofNullable(submissions.get(id)).map(Submission::exerciseId);
      case "image-answer" ->
          Optional.ofNullable(answers.get(id)).map(GradebookRecords.AnswerAttempt::exerciseId);
      default -> Optional.empty();
    };
  }

  private static Optional<String> displayName(Member m) {
    Optional<String> full =
        m.name()
            .filter(n -> !n.isBlank())
            .or(
                () -> {
                  String joined =
                      (m.givenName().orElse("") + " " + m.familyName().orElse("")).strip();
                  return joined.isEmpty() ? Optional.empty() : Optional.of(joined);
                });
    return full.map(String::strip);
  }

  private static String sortName(Member m) {
    return m.familyName()
        .or(() -> displayName(m))
        .orElse("\uffff" + m.userId())
        .toLowerCase(Locale.ROOT);
  }

  private static void requireTeacher(LaunchSession session) {
    if (!session.isTeacher()) {
      throw new DomainException.Forbidden("Only the course's teachers can see its gradebook");
    }
  }

  private record Key(long exerciseId, String userId) {}

  /** A row before its cells. */
  private record Person(
      String userId,
      Optional<String> name,
      boolean inRoster,
      Optional<Member.Status> rosterStatus) {}
}
