package io.visiongrade.lms.lti.services;

import java.util.List;
import java.util.Optional;

/** One member of a context from NRPS 2.0 (section 2.2): user id, roles, optional PII, status. */
public record Member(
    String userId,
    List<String> roles,
    Optional<String> name,
    Optional<String> givenName,
    Optional<String> familyName,
    Optional<String> email,
    Status status) {

  public Member {
    roles = List.copyOf(roles);
  }

  /** Membership status; Active when the platform says nothing. */
  public enum Status {
    ACTIVE,
    INACTIVE,
    DELETED;

    static Status of(String value) {
      if (value == null) {
        return ACTIVE;
      }
      return switch (value) {
        case "Inactive" -> INACTIVE;
        case "Deleted" -> DELETED;
        default -> ACTIVE;
      };
    }
  }
}
