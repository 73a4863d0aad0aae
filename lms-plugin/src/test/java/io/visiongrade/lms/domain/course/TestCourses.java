package io.visiongrade.lms.domain.course;

import java.lang.reflect.Field;
import java.time.Instant;

/** Courses and exercises for tests, with the ids the database would give them. */
public final class TestCourses {

  public static final Instant T0 = Instant.parse("2026-11-28T12:00:00Z");

  private TestCourses() {}

  /** A course of context {@code contextId} with database id {@code id}. */
  public static Course course(long id, String contextId) {
    Course c = new Course("https://lms.example", "client-1", contextId, "Course " + contextId, T0);
    setId(c, id);
    return c;
  }

  /** An exercise of {@code course} with database id {@code id}. */
  public static Exercise exercise(long id, Course course, Exercise.Kind kind) {
    Exercise e = new Exercise(course, kind, "Exercise " + id, 10, T0);
    setId(e, id);
    return e;
  }

  private static void setId(Object entity, long id) {
    try {
      Field f = entity.getClass().getDeclaredField("id");
      f.setAccessible(true);
      f.set(entity, id);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }
}
