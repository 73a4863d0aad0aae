package io.visiongrade.lms.domain.job;

import io.visiongrade.lms.domain.DomainException;
import io.visiongrade.lms.domain.privacy.Pseudonyms;
import java.util.Objects;
import java.util.Optional;

/**
 * Who a job is for (or who acts on one): an LTI user ({@code sub}) in a role, or the system.
 *
 * @param userId the LTI user id; null only for {@link OwnerRole#SYSTEM}
 */
public record JobOwner(String userId, OwnerRole role) {

  /** The longest user id kept. */
  public static final int MAX_USER_ID = 255;

  public JobOwner {
    Objects.requireNonNull(role, "role");
    if (role == OwnerRole.SYSTEM) {
      if (userId != null) {
        throw new DomainException.Invalid("A system job has no user, got " + userId);
      }
    } else if (userId == null || userId.isBlank() || userId.length() > MAX_USER_ID) {
      throw new DomainException.Invalid(
          "A "
              + role.name().toLowerCase(java.util.Locale.ROOT)
              + " job needs a user id of 1 to "
              + MAX_USER_ID
              + " characters, got "
              + (userId == null ? "none" : userId.length() + " characters"));
    }
  }

  public static JobOwner teacher(String userId) {
    return new JobOwner(userId, OwnerRole.TEACHER);
  }

  public static JobOwner student(String userId) {
    return new JobOwner(userId, OwnerRole.STUDENT);
  }

  public static JobOwner system() {
    return new JobOwner(null, OwnerRole.SYSTEM);
  }

  public Optional<String> user() {
    return Optional.ofNullable(userId);
  }

  /** True for a student: one running job each per lane, served in turn. */
  public boolean isStudent() {
    return role == OwnerRole.STUDENT;
  }

  @Override
  public String toString() {
    return role == OwnerRole.SYSTEM
        ? "system"
        : role.name().toLowerCase(java.util.Locale.ROOT) + " " + Pseudonyms.log(userId);
  }
}
