package io.visiongrade.lms.domain.grading;

import io.visiongrade.lms.lti.registration.RegistrationKey;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * Which deliveries a gradebook or an administrator looks at: by registration, course, line item,
 * user, grade and state, newest first, at most {@code limit}.
 */
public record DeliveryFilter(
    Optional<RegistrationKey> registration,
    Optional<String> contextId,
    Optional<URI> lineItemUrl,
    Optional<String> userId,
    Optional<String> gradeRef,
    Optional<DeliveryState> state,
    int limit) {

  /** The most deliveries one query returns. */
  public static final int MAX_LIMIT = 1000;

  public DeliveryFilter {
    Objects.requireNonNull(registration, "registration");
    Objects.requireNonNull(contextId, "contextId");
    Objects.requireNonNull(lineItemUrl, "lineItemUrl");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(gradeRef, "gradeRef");
    Objects.requireNonNull(state, "state");
    limit = Math.max(1, Math.min(limit, MAX_LIMIT));
  }

  /** Everything, up to {@link #MAX_LIMIT}. */
  public static DeliveryFilter all() {
    return new DeliveryFilter(
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        MAX_LIMIT);
  }

  /** A course's deliveries: the teacher's gradebook. */
  public static DeliveryFilter course(RegistrationKey registration, String contextId) {
    return all().withRegistration(registration).withContext(contextId);
  }

  public DeliveryFilter withRegistration(RegistrationKey r) {
    return new DeliveryFilter(
        Optional.of(r), contextId, lineItemUrl, userId, gradeRef, state, limit);
  }

  public DeliveryFilter withContext(String c) {
    return new DeliveryFilter(
        registration, Optional.of(c), lineItemUrl, userId, gradeRef, state, limit);
  }

  public DeliveryFilter withLineItem(URI u) {
    return new DeliveryFilter(
        registration, contextId, Optional.of(u), userId, gradeRef, state, limit);
  }

  public DeliveryFilter withUser(String u) {
    return new DeliveryFilter(
        registration, contextId, lineItemUrl, Optional.of(u), gradeRef, state, limit);
  }

  public DeliveryFilter withGradeRef(String g) {
    return new DeliveryFilter(
        registration, contextId, lineItemUrl, userId, Optional.of(g), state, limit);
  }

  public DeliveryFilter withState(DeliveryState s) {
    return new DeliveryFilter(
        registration, contextId, lineItemUrl, userId, gradeRef, Optional.of(s), limit);
  }

  public DeliveryFilter withLimit(int l) {
    return new DeliveryFilter(registration, contextId, lineItemUrl, userId, gradeRef, state, l);
  }

  /** True when a delivery matches (for in-memory stores). */
  public boolean matches(ScoreDeliveryView d) {
    return registration.map(r -> r.equals(d.target().registration())).orElse(true)
        && contextId.map(c -> c.equals(d.target().contextId())).orElse(true)
        && lineItemUrl.map(u -> u.equals(d.target().lineItemUrl())).orElse(true)
        && userId.map(u -> u.equals(d.userId())).orElse(true)
        && gradeRef.map(g -> g.equals(d.gradeRef())).orElse(true)
        && state.map(s -> s == d.state()).orElse(true);
  }
}
