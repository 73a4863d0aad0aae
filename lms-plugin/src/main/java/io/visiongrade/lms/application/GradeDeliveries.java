package io.visiongrade.lms.application;

import io.visiongrade.lms.domain.DomainException;
import io.visiongrade.lms.domain.grading.DeliveryFilter;
import io.visiongrade.lms.domain.grading.ScoreDeliveryView;
import io.visiongrade.lms.domain.grading.ScoreTarget;
import io.visiongrade.lms.infrastructure.lti.LaunchSession;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * What a teacher sees of grade passback: each score sent (or waiting to be sent) to the LMS for
 * their course, its delivery state and last error, and a way to send a refused one again.
 */
@ApplicationScoped
public class GradeDeliveries {

  @Inject ScoreOutbox outbox;

  /**
   * The course's score deliveries, newest first.
   *
   * @throws DomainException.Forbidden the caller is not a teacher of the course
   */
  public List<ScoreDeliveryView> list(LaunchSession session) {
    return outbox.deliveries(filterFor(session));
  }

  /**
   * Sends a score again: a refused one goes back to waiting, a waiting one becomes due now.
   *
   * @throws DomainException.NotFound no such delivery in the caller's course
   * @throws DomainException.Conflict it was delivered, superseded, or is being sent
   */
  public ScoreDeliveryView retry(LaunchSession session, long id) {
    filterFor(session); // teachers only
    ScoreDeliveryView d =
        outbox
            .find(id)
            .filter(v -> inCourse(v.target(), session))
            .orElseThrow(() -> new DomainException.NotFound("Score delivery", id));
    return outbox.retry(d.id());
  }

  private static DeliveryFilter filterFor(LaunchSession session) {
    if (!session.isTeacher()) {
      throw new DomainException.Forbidden("Only the course's teachers can see grade delivery");
    }
    return DeliveryFilter.course(
        session.platform(),
        session
            .contextId()
            .orElseThrow(
                () -> new DomainException.Invalid("This launch came from outside a course")));
  }

  private static boolean inCourse(ScoreTarget t, LaunchSession s) {
    return t.issuer().equals(s.platform().issuer())
        && t.clientId().equals(s.platform().clientId())
        && s.contextId().map(t.contextId()::equals).orElse(false);
  }
}
