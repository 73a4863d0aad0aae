package io.visiongrade.lms.lti.platform;

import java.util.List;

/** A person in an emulated course, with the LIS role URIs the platform sends for them. */
public record EmulatedUser(
    String id, String name, String givenName, String familyName, String email, List<String> roles) {

  static final String INSTRUCTOR = "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor";
  static final String LEARNER = "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner";
  static final String FACULTY = "http://purl.imsglobal.org/vocab/lis/v2/institution/person#Faculty";
  static final String STUDENT = "http://purl.imsglobal.org/vocab/lis/v2/institution/person#Student";

  public EmulatedUser {
    roles = List.copyOf(roles);
  }

  public static EmulatedUser teacher() {
    return new EmulatedUser(
        "teacher-1",
        "Grace Hopper",
        "Grace",
        "Hopper",
        "grace.hopper@dev-lms.invalid",
        List.of(INSTRUCTOR, FACULTY));
  }

  /** Student number {@code n} (1-based). */
  public static EmulatedUser student(int n) {
    return new EmulatedUser(
        "student-" + n,
        "Student " + n,
        "Student",
        Integer.toString(n),
        "student" + n + "@dev-lms.invalid",
        List.of(LEARNER, STUDENT));
  }

  /**
   * This user in another course: the id and e-mail get {@code prefix} in front, the name the course
   * label in brackets (so {@code teacher-1} becomes {@code b-teacher-1}, "Grace Hopper (DEMO-2)").
   */
  public EmulatedUser inCourse(String prefix, String courseLabel) {
    return new EmulatedUser(
        prefix + id, name + " (" + courseLabel + ")", givenName, familyName, prefix + email, roles);
  }
}
