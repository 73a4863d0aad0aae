package io.visiongrade.lms.application;

import io.visiongrade.lms.domain.DomainException;
import io.visiongrade.lms.domain.answer.ImageAnswer;
import io.visiongrade.lms.domain.answer.ImageAnswerRepository;
import io.visiongrade.lms.domain.answer.Review;
import io.visiongrade.lms.domain.course.CourseRepository;
import io.visiongrade.lms.domain.course.Exercise;
import io.visiongrade.lms.infrastructure.lti.LaunchSession;
import io.visiongrade.lms.infrastructure.storage.ContentStore;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jboss.logging.Logger;

/**
 * The teacher's review queue (see {@code docs/image-answers.md}): answers the course model left for
 * REVIEW, and the teacher's decision on any answer of the course (accept, reject, relabel), which
 * updates the answer, recomputes the student's grade and, if it changed, puts its score in the
 * outbox in the same transaction. A reviewed image can be kept with its label for the course's next
 * dataset version.
 */
@ApplicationScoped
public class ReviewQueue {

  private static final Logger LOG = Logger.getLogger(ReviewQueue.class);

  /** The most answers one listing returns. */
  public static final int MAX_LIST = 500;

  /**
   * A reviewed answer and what happened to the student's grade.
   *
   * @param answer the answer with its new decision
   * @param review the teacher's review
   * @param passbackNote whether the grade was sent to the gradebook
   */
  public record Decided(ImageAnswer answer, Review review, String passbackNote) {}

  @Inject CourseCatalog catalog;
  @Inject CourseRepository courses;
  @Inject ImageAnswerRepository answers;
  @Inject ImageAnswers imageAnswers;
  @Inject ContentStore store;

  private ChallengeSubmissions.Exercises exercises;
  Clock clock = Clock.systemUTC();

  /** For CDI. */
  protected ReviewQueue() {}

  /** Outside a container (tests). */
  public ReviewQueue(
      ChallengeSubmissions.Exercises exercises,
      ImageAnswerRepository answers,
      ImageAnswers imageAnswers,
      ContentStore store,
      Clock clock) {
    this.exercises = Objects.requireNonNull(exercises, "exercises");
    this.answers = Objects.requireNonNull(answers, "answers");
    this.imageAnswers = Objects.requireNonNull(imageAnswers, "imageAnswers");
    this.store = Objects.requireNonNull(store, "store");
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

  /** The course's answers waiting for a teacher, oldest first (teachers only). */
  @Transactional
  public List<ImageAnswer> pending(LaunchSession session) {
    requireTeacher(session);
    return answers.pendingInCourse(exercises.courseIdOf(session), MAX_LIST);
  }

  /**
   * An answer of the teacher's course and the stored file of its image, for the teacher to look at.
   *
   * @throws DomainException.NotFound not an answer of this course
   */
  @Transactional
  public Image image(LaunchSession session, long answerId) {
    requireTeacher(session);
    ImageAnswer a = inCourse(session, answerId);
    return new Image(a, store.file(a.imageSha256()));
  }

  /**
   * A Grad-CAM overlay (PNG) of an answer of the teacher's course: where the model that decided it
   * found evidence for the prompt's class.
   *
   * @throws DomainException.NotFound not an answer of this course
   * @throws DomainException.Conflict the model has no convolutional layer to explain
   */
  @Transactional
  public byte[] heatmap(LaunchSession session, long answerId) {
    requireTeacher(session);
    return imageAnswers.heatmapOf(inCourse(session, answerId));
  }

  /** An answer and the stored file of its image. */
  public record Image(ImageAnswer answer, Path file) {}

  /**
   * A teacher decides an answer of their course: ACCEPT, REJECT, or RELABEL with the class the
   * image shows (accepted when it is the prompt's class). The student's grade is recomputed and a
   * change goes to the outbox. With {@code addToTrainingData}, the image and its label (the
   * prompt's class when accepted, the given class when relabelled) are kept for the course's next
   * dataset version.
   *
   * @throws DomainException.Forbidden not a teacher
   * @throws DomainException.NotFound not an answer of this course
   * @throws DomainException.Invalid RELABEL without a class; a rejected image added to the training
   *     data (it has no label: relabel it instead)
   */
  @Transactional
  public Decided decide(
      LaunchSession session,
      long answerId,
      Review.Verdict verdict,
      String relabelClass,
      boolean addToTrainingData) {
    String teacher = requireTeacher(session);
    ImageAnswer a = inCourse(session, answerId);
    Instant now = clock.instant();
    Review review = Review.of(a, verdict, relabelClass, teacher, now);
    if (addToTrainingData && review.label() == null) {
      throw new DomainException.Invalid(
          "A rejected image has no label to train on; RELABEL it with the class it shows");
    }
    ImageAnswer decided = answers.review(a, review);
    if (addToTrainingData) {
      answers.addTrainingImage(decided, review.label(), teacher, now);
    }
    Exercise exercise = exercises.inCourse(session, a.exerciseId());
    String note = imageAnswers.regrade(exercise, a.userId(), now).note();
    LOG.infof(
        "Image answer %d reviewed by %s: %s%s -> %s; %s",
        answerId,
        teacher,
        verdict,
        review.label() == null ? "" : " (" + review.label() + ")",
        decided.decision(),
        note);
    return new Decided(decided, review, note);
  }

  private ImageAnswer inCourse(LaunchSession session, long answerId) {
    long courseId = exercises.courseIdOf(session);
    return answers
        .find(answerId)
        .filter(x -> x.courseId() == courseId)
        .orElseThrow(() -> new DomainException.NotFound("Image answer", answerId));
  }

  private static String requireTeacher(LaunchSession session) {
    if (!session.isTeacher()) {
      throw new DomainException.Forbidden("Only the course's teachers review answers");
    }
    return session
        .userId()
        .orElseThrow(
            () -> new DomainException.Forbidden("This launch carries no user; launch again"));
  }
}
