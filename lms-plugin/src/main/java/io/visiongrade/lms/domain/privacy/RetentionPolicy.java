package io.visiongrade.lms.domain.privacy;

import io.visiongrade.lms.domain.DomainException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * How long a course keeps its students' data: until {@code deleteAfterDays} days after the course
 * ends on {@code courseEndsOn} (a date the teacher sets: LMSs do not tell tools when a course
 * ends). The data is deleted once the day after the end date plus that many days has begun in UTC,
 * so {@code 2027-07-31} and 0 days delete on 2027-08-01T00:00Z, and 30 days on 2027-08-31T00:00Z.
 *
 * <p>A course without a policy keeps the data until a teacher or the administrator deletes it.
 *
 * @param courseEndsOn the last day of the course
 * @param deleteAfterDays how many days after that day the data is kept (0 to {@value #MAX_DAYS})
 */
public record RetentionPolicy(LocalDate courseEndsOn, int deleteAfterDays) {

  /** The longest retention that can be set: ten years. */
  public static final int MAX_DAYS = 3650;

  public RetentionPolicy {
    if (courseEndsOn == null) {
      throw new DomainException.Invalid(
          "courseEndsOn is missing: give the course's last day as YYYY-MM-DD");
    }
    if (courseEndsOn.getYear() < 2000 || courseEndsOn.getYear() > 2200) {
      throw new DomainException.Invalid(
          "courseEndsOn must be a date between the years 2000 and 2200, got " + courseEndsOn);
    }
    if (deleteAfterDays < 0 || deleteAfterDays > MAX_DAYS) {
      throw new DomainException.Invalid(
          "deleteAfterDays must be 0 to " + MAX_DAYS + " (ten years), got " + deleteAfterDays);
    }
  }

  /** The moment the course's student data becomes due for deletion. */
  public Instant deleteFrom() {
    return courseEndsOn.plusDays(1L + deleteAfterDays).atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  /** Whether the data is due for deletion at {@code now}. */
  public boolean isDue(Instant now) {
    return !Objects.requireNonNull(now, "now").isBefore(deleteFrom());
  }
}
