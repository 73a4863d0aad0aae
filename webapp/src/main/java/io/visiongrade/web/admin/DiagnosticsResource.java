package io.visiongrade.web.admin;

import io.visiongrade.lms.application.EngineDiagnostics;
import io.visiongrade.lms.domain.DomainException;
import io.visiongrade.lms.domain.diagnostics.EngineCheck;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Engine self-tests: train a tiny CNN inside the server, and list past runs. */
@Path("api/admin/diagnostics/engine-checks")
@Produces(MediaType.APPLICATION_JSON)
@AdminOnly
@Tag(name = "admin")
@SecurityRequirement(name = "adminToken")
public class DiagnosticsResource {

  /** An engine check as JSON. */
  public record EngineCheckJson(
      long id,
      Instant startedAt,
      String engine,
      String engineVersion,
      String device,
      int steps,
      double initialLoss,
      double finalLoss,
      double accuracy,
      long millis,
      boolean passed) {

    static EngineCheckJson of(EngineCheck c) {
      return new EngineCheckJson(
          c.getId(),
          c.getStartedAt(),
          c.getEngine(),
          c.getEngineVersion(),
          c.getDevice(),
          c.getSteps(),
          c.getInitialLoss(),
          c.getFinalLoss(),
          c.getAccuracy(),
          c.getMillis(),
          c.isPassed());
    }
  }

  @Inject EngineDiagnostics diagnostics;

  @POST
  @Operation(
      summary = "Train a tiny CNN inside the server now",
      description = "Runs the engine self-test (about a second) and stores its outcome.")
  public Response run(@Context UriInfo uri) {
    EngineCheckJson check = EngineCheckJson.of(diagnostics.runSelfTest());
    return Response.created(uri.getAbsolutePathBuilder().path(Long.toString(check.id())).build())
        .entity(check)
        .build();
  }

  @GET
  @Operation(summary = "The latest engine self-tests, newest first")
  public List<EngineCheckJson> list(
      @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(100) int limit) {
    return diagnostics.history(limit).stream().map(EngineCheckJson::of).toList();
  }

  @GET
  @Path("{id}")
  @Operation(summary = "One engine self-test")
  public EngineCheckJson get(@PathParam("id") long id) {
    return diagnostics
        .find(id)
        .map(EngineCheckJson::of)
        .orElseThrow(() -> new DomainException.NotFound("Engine check", id));
  }
}
