package io.visiongrade.web.course;

import io.visiongrade.lms.application.CourseModels;
import io.visiongrade.lms.domain.coursemodel.CourseModel;
import io.visiongrade.lms.infrastructure.jobs.JobProgressHub;
import io.visiongrade.lms.infrastructure.lti.LaunchSession;
import io.visiongrade.web.app.Sessions;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

/**
 * Live training progress of a course model version (teachers), as Server-Sent Events, like a
 * student's submission's ({@link SubmissionResource#events}).
 */
@Path("api/course/models/{id}/events")
@Tag(name = "course")
public class CourseModelEventsResource {

  private static final Logger LOG = Logger.getLogger(CourseModelEventsResource.class);
  private static final Jsonb JSONB = JsonbBuilder.create();

  @Inject Sessions sessions;
  @Inject CourseModels models;
  @Inject JobProgressHub hub;

  @GET
  @Produces(MediaType.SERVER_SENT_EVENTS)
  @Operation(
      summary = "Live training progress of a course model version (Server-Sent Events, teachers)",
      description =
          "First a 'model' event with the version's id, version number and state, then 'job'"
              + " events (state, queue position, phase, epoch, batch, loss, accuracy, images/s,"
              + " ETA); the stream closes when the training job ends (read the metrics with GET"
              + " /api/course/models/{id}). 403 for students, 404 for another course's version.")
  public void events(
      @PathParam("id") long id,
      @QueryParam("session") String token,
      @Context HttpHeaders headers,
      @Context SseEventSink sink,
      @Context Sse sse) {
    LaunchSession session = sessions.require(token, headers);
    CourseModel m = models.get(session, id);
    Map<String, Object> now = new LinkedHashMap<>();
    now.put("id", m.requireId());
    now.put("version", m.version());
    now.put("state", m.state().name());
    now.put("jobId", m.jobId());
    sink.send(sse.newEvent("model", JSONB.toJson(now)));
    if (m.jobId() == null || m.state() != CourseModel.State.TRAINING) {
      sink.close();
      return;
    }
    AtomicReference<JobProgressHub.Subscription> subscription = new AtomicReference<>();
    subscription.set(
        hub.subscribe(
            m.jobId(),
            update -> {
              if (sink.isClosed()) {
                close(subscription.get());
                return;
              }
              sink.send(sse.newEvent("job", JSONB.toJson(SubmissionResource.progress(update))));
              if (update.state().isFinal()) {
                close(subscription.get());
                sink.close();
              }
            }));
    if (sink.isClosed()) {
      close(subscription.get());
    }
  }

  private static void close(JobProgressHub.Subscription s) {
    if (s == null) {
      return;
    }
    try {
      s.close();
    } catch (Exception e) {
      LOG.debugf("Closing a progress subscription: %s", e);
    }
  }
}
