package io.visiongrade.web.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.visiongrade.lms.application.ScoreOutbox;
import io.visiongrade.lms.domain.grading.DeliveryState;
import io.visiongrade.lms.domain.grading.ScoreDeliveryView;
import io.visiongrade.lms.domain.grading.ScoreTarget;
import io.visiongrade.lms.lti.platform.PlatformEmulator;
import io.visiongrade.lms.lti.platform.PlatformResponse;
import io.visiongrade.lms.lti.registration.PlatformRegistration;
import io.visiongrade.lms.lti.services.AgsClient;
import io.visiongrade.lms.lti.services.LineItem;
import io.visiongrade.lms.lti.services.Score;
import io.visiongrade.web.devlms.DevLms;
import jakarta.inject.Inject;
import jakarta.transaction.UserTransaction;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Grade passback inside the server: a score committed in a transaction goes through the durable
 * outbox and the AGS client to the LMS emulator's gradebook (token endpoint, line item, score), and
 * survives the platform failing for a while. Runs in the container (the built WAR plus this class).
 */
@ExtendWith(ArquillianExtension.class)
class ScorePassbackInContainerIT {

  @Deployment
  static WebArchive deployment() {
    return Deployments.war().addClass(ScorePassbackInContainerIT.class);
  }

  @Inject DevLms devLms;
  @Inject ScoreOutbox outbox;
  @Inject AgsClient ags;
  @Inject UserTransaction tx;

  @Test
  void committedScoreReachesTheGradebookOnceEvenWhenThePlatformFailsFirst() throws Exception {
    PlatformEmulator lms = devLms.emulator().orElseThrow();
    PlatformRegistration reg = lms.registration();
    LineItem item =
        ags.findOrCreateLineItem(
            reg,
            lms.lineItemsUrl(),
            LineItem.toCreate(10, "In-container passback", "exercise-it-1", null));
    URI lineItem = item.id().orElseThrow();
    // The platform is down for the first two attempts (500, then 429 with Retry-After: 1).
    lms.services()
        .failNextScores(
            PlatformResponse.error(500, "server_error", "maintenance"),
            PlatformResponse.error(429, "slow_down", "too many").withHeader("Retry-After", "1"));

    tx.begin();
    ScoreDeliveryView queued =
        outbox.enqueue(
            new ScoreTarget(reg.issuer(), reg.clientId(), PlatformEmulator.CONTEXT_ID, lineItem),
            Score.graded("student-1", 7, 10, "Well done", Instant.now()),
            "it-grade-1");
    tx.commit();

    ScoreDeliveryView delivered = awaitState(queued.id(), DeliveryState.DELIVERED, 60);
    assertTrue(delivered.attempts() >= 3, delivered.toString());
    List<Map<String, Object>> scores = lms.services().scores(lineItem);
    assertEquals(1, scores.size(), scores.toString());
    assertEquals("student-1", scores.get(0).get("userId"));
    assertEquals(7.0, ((Number) scores.get(0).get("scoreGiven")).doubleValue());
  }

  @Test
  void rolledBackGradeSendsNothing() throws Exception {
    PlatformEmulator lms = devLms.emulator().orElseThrow();
    PlatformRegistration reg = lms.registration();
    URI lineItem =
        ags.findOrCreateLineItem(
                reg,
                lms.lineItemsUrl(),
                LineItem.toCreate(10, "Rolled back", "exercise-it-2", null))
            .id()
            .orElseThrow();
    tx.begin();
    outbox.enqueue(
        new ScoreTarget(reg.issuer(), reg.clientId(), PlatformEmulator.CONTEXT_ID, lineItem),
        Score.graded("student-2", 3, 10, "", Instant.now()),
        "it-grade-2");
    tx.rollback();
    Thread.sleep(3000); // several sender passes
    assertEquals(List.of(), lms.services().scores(lineItem));
  }

  private ScoreDeliveryView awaitState(long id, DeliveryState state, int seconds)
      throws InterruptedException {
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    ScoreDeliveryView last = outbox.get(id);
    while (System.nanoTime() < deadline) {
      last = outbox.get(id);
      if (last.state() == state) {
        return last;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("Not " + state + " after " + seconds + " s: " + last);
  }
}
