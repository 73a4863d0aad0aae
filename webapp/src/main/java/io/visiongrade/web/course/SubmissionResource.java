package io.visiongrade.web.course;

import io.visiongrade.lms.application.ChallengeSubmissions;
import io.visiongrade.lms.domain.job.JobUpdate;
import io.visiongrade.lms.domain.submission.Submission;
import io.visiongrade.lms.infrastructure.jobs.JobProgressHub;
import io.visiongrade.lms.infrastructure.lti.LaunchSession;
import io.visiongrade.web.app.Sessions;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

/** A student's own submissions: list, details, cancel, and live progress (SSE). */
@Path("api/course/submissions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "course")
public class SubmissionResource {

  private static final Logger LOG = Logger.getLogger(SubmissionResource.class);
  private static final Jsonb JSONB = JsonbBuilder.create();

  @Inject Sessions sessions;
  @Inject ChallengeSubmissions submissions;
  @Inject JobProgressHub hub;

  @GET
  @Operation(summary = "The caller's own submissions in their course, newest first")
  public List<SubmissionJson> list(
      @QueryParam("session") String token, @Context HttpHeaders headers) {
    LaunchSession session = sessions.require(token, headers);
    return submissions.list(session).stream().map(s -> json(session, s.requireId())).toList();
  }

  @GET
  @Path("{id}")
  @Operation(
      summary = "One of the caller's submissions: status, queue position, visible results",
      description = "Another student's submission is 404.")
  public SubmissionJson get(
      @PathParam("id") long id, @QueryParam("session") String token, @Context HttpHeaders headers) {
    return json(sessions.require(token, headers), id);
  }

  @POST
  @Path("{id}/cancel")
  @Operation(summary = "Cancel the grading of one of the caller's submissions (409 when finished)")
  public SubmissionJson cancel(
      @PathParam("id") long id, @QueryParam("session") String token, @Context HttpHeaders headers) {
    LaunchSession session = sessions.require(token, headers);
    submissions.cancel(session, id);
    return json(session, id);
  }

  @GET
  @Path("{id}/events")
  @Produces(MediaType.SERVER_SENT_EVENTS)
  @Operation(
      summary = "Live grading progress of one of the caller's submissions (Server-Sent Events)",
      description =
          "First a 'submission' event with the current state, then 'job' events (state, queue"
              + " position, epoch, batch, loss, accuracy, images/s, ETA); the stream closes on a"
              + " final state (read the results with GET /api/course/submissions/{id}).")
  public void events(
      @PathParam("id") long id,
      @QueryParam("session") String token,
      @Context HttpHeaders headers,
      @Context SseEventSink sink,
      @Context Sse sse) {
    LaunchSession session = sessions.require(token, headers);
    SubmissionJson now = json(session, id);
    sink.send(sse.newEvent("submission", JSONB.toJson(now)));
    if (now.jobId() == null || Submission.Status.valueOf(now.status()).isFinal()) {
      sink.close();
      return;
    }
    AtomicReference<JobProgressHub.Subscription> subscription = new AtomicReference<>();
    subscription.set(
        hub.subscribe(
            now.jobId(),
            update -> {
              if (sink.isClosed()) {
                closeQuietly(subscription.get());
                return;
              }
              sink.send(sse.newEvent("job", JSONB.toJson(progress(update))));
              if (update.state().isFinal()) {
                closeQuietly(subscription.get());
                sink.close();
              }
            }));
    if (sink.isClosed()) {
      // The latest retained update was final already: it was sent during subscribe.
      closeQuietly(subscription.get());
    }
  }

  private SubmissionJson json(LaunchSession session, long id) {
    var d = submissions.get(session, id);
    return SubmissionJson.of(d.submission(), d.exercise(), d.queuePosition(), submissions.now());
  }

  /** The student-visible parts of a job update (no result or owner details). */
  static Map<String, Object> progress(JobUpdate u) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("state", u.state().name());
    m.put("queuePosition", u.queuePosition());
    u.progress()
        .ifPresent(
            p -> {
              m.put("phase", p.phase());
              m.put("epoch", p.epoch());
              m.put("epochs", p.epochs());
              m.put("batch", p.batch());
              m.put("batches", p.batches());
              p.loss().ifPresent(v -> m.put("loss", v));
              p.accuracy().ifPresent(v -> m.put("accuracy", v));
              p.imagesPerSecond().ifPresent(v -> m.put("imagesPerSecond", v));
              m.put("etaSeconds", p.etaSeconds());
            });
    u.failureKind().ifPresent(k -> m.put("failure", k.name()));
    u.message().ifPresent(v -> m.put("message", v));
    m.put("at", u.at().toString());
    return m;
  }

  private static void closeQuietly(JobProgressHub.Subscription s) {
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
