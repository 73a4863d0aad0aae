package io.visiongrade.lms.infrastructure.persistence;

import io.visiongrade.lms.domain.course.Course;
import io.visiongrade.lms.domain.course.CourseRepository;
import io.visiongrade.lms.domain.course.Exercise;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** {@link CourseRepository} on JPA. Callers provide the transaction. */
@ApplicationScoped
public class JpaCourseRepository implements CourseRepository {

  @PersistenceContext(unitName = "visiongrade")
  EntityManager em;

  @Override
  public Optional<Course> findCourse(String issuer, String clientId, String contextId) {
    return em.createQuery(
            "SELECT c FROM Course c WHERE c.issuer = :i AND c.clientId = :k AND c.contextId = :x",
            Course.class)
        .setParameter("i", issuer)
        .setParameter("k", clientId)
        .setParameter("x", contextId)
        .getResultStream()
        .findFirst();
  }

  @Override
  public Course addCourse(Course course) {
    em.persist(course);
    return course;
  }

  @Override
  public Exercise addExercise(Exercise exercise) {
    em.persist(exercise);
    return exercise;
  }

  @Override
  public Optional<Exercise> findExercise(long exerciseId) {
    return Optional.ofNullable(em.find(Exercise.class, exerciseId));
  }

  @Override
  public Optional<Exercise> findExercise(Course course, long exerciseId) {
    return em.createQuery(
            "SELECT e FROM Exercise e WHERE e.id = :id AND e.course = :c", Exercise.class)
        .setParameter("id", exerciseId)
        .setParameter("c", course)
        .getResultStream()
        .findFirst();
  }

  @Override
  public List<Exercise> exercises(Course course) {
    return em.createQuery(
            "SELECT e FROM Exercise e WHERE e.course = :c ORDER BY e.createdAt, e.id",
            Exercise.class)
        .setParameter("c", course)
        .getResultList();
  }

  @Override
  public Set<Long> splitSeedsUsing(long datasetId) {
    return new TreeSet<>(
        em.createQuery(
                "SELECT DISTINCT e.splitSeed FROM Exercise e WHERE e.datasetId = :d", Long.class)
            .setParameter("d", datasetId)
            .getResultList());
  }
}
