package io.visiongrade.lms.domain.job;

/**
 * Who asked for a job, which sets its priority: teachers first (a course model others wait for),
 * then students, then the system's background work (rescoring), which nobody watches on a page.
 */
public enum OwnerRole {
  TEACHER,
  STUDENT,
  SYSTEM
}
