package io.visiongrade.lms.lti.services;

import java.util.List;
import java.util.Optional;

/** A context's membership list from NRPS, all pages together. */
public record Membership(
    Optional<String> contextId, Optional<String> contextTitle, List<Member> members) {
  public Membership {
    members = List.copyOf(members);
  }
}
