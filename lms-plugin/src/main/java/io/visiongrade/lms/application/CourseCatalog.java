package io.visiongrade.lms.application;

import io.visiongrade.lms.domain.DomainException;
import io.visiongrade.lms.domain.course.Course;
import io.visiongrade.lms.domain.course.CourseRepository;
import io.visiongrade.lms.domain.course.Exercise;
import io.visiongrade.lms.infrastructure.lti.LaunchSession;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;

/** The course a launch belongs to, and its exercises, as teachers and students see them. */
@ApplicationScoped
public class CourseCatalog {

  @Inject CourseRepository courses;

  /**
   * The course of the session's LMS context, created on the first launch into it; its title follows
   * the LMS.
   *
   * @throws DomainException.Invalid the launch carried no context (a course is required)
   */
  @Transactional
  public Course courseOf(LaunchSession session) {
    String contextId =
        session
            .contextId()
            .orElseThrow(
                () ->
                    new DomainException.Invalid(
                        "This launch came from outside a course; open VisionGrade from a course"
                            + " page."));
    String issuer = session.platform().issuer();
    String clientId = session.platform().clientId();
    Course course =
        courses
            .findCourse(issuer, clientId, contextId)
            .orElseGet(
                () ->
                    courses.addCourse(
                        new Course(
                            issuer,
                            clientId,
                            contextId,
                            session.contextTitle().orElse(contextId),
                            Instant.now())));
    session.contextTitle().ifPresent(course::retitle);
    return course;
  }

  /** The course's exercises, oldest first. */
  @Transactional
  public List<Exercise> exercises(LaunchSession session) {
    return courses.exercises(courseOf(session));
  }

  /**
   * A teacher creates an exercise in their course.
   *
   * @throws DomainException.Forbidden the caller is not a teacher of the course
   * @throws DomainException.Invalid a bad title or maximum score
   */
  @Transactional
  public Exercise createExercise(
      LaunchSession session, Exercise.Kind kind, String title, double maxScore) {
    requireTeacher(session);
    return courses.addExercise(
        new Exercise(courseOf(session), kind, title, maxScore, Instant.now()));
  }

  /**
   * An exercise of the caller's course.
   *
   * @throws DomainException.NotFound no such exercise in this course
   */
  @Transactional
  public Exercise exercise(LaunchSession session, long exerciseId) {
    return courses
        .findExercise(courseOf(session), exerciseId)
        .orElseThrow(() -> new DomainException.NotFound("Exercise", exerciseId));
  }

  private static void requireTeacher(LaunchSession session) {
    if (!session.isTeacher()) {
      throw new DomainException.Forbidden("Only the course's teachers can create exercises");
    }
  }
}
