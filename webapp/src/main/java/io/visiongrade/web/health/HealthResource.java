package io.visiongrade.web.health;

import io.visiongrade.lms.infrastructure.health.HealthChecks;
import io.visiongrade.web.demo.DemoSeeder;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Health in the MicroProfile Health format ({@code {"status":"UP","checks":[...]}}), on the
 * application's port so that load balancers and orchestrators reach it.
 */
@Path("health")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "health")
public class HealthResource {

  /** One check in the response. */
  public record CheckJson(String name, String status, Map<String, String> data) {}

  /** The response body. */
  public record HealthJson(String status, List<CheckJson> checks) {}

  @Inject HealthChecks checks;
  @Inject DemoSeeder demo;

  @GET
  @Path("live")
  @Operation(summary = "Liveness: the application is deployed and answering")
  public HealthJson live() {
    return new HealthJson("UP", List.of());
  }

  @GET
  @Path("ready")
  @Operation(
      summary = "Readiness: database reachable, training engine loaded, storage writable",
      description =
          "200 when every check is UP, 503 otherwise. In demo mode a \"demo\" check (always"
              + " UP) tells where the demo course is: seeding, training (with the epoch), ready.")
  public Response ready() {
    List<CheckJson> list =
        checks.readiness().stream()
            .map(c -> new CheckJson(c.name(), c.up() ? "UP" : "DOWN", c.data()))
            .toList();
    boolean up = list.stream().allMatch(c -> c.status().equals("UP"));
    // Demo mode's course (informational: the server is ready while its model trains).
    Optional<Map<String, String>> seeding = demo.status();
    if (seeding.isPresent()) {
      list = new ArrayList<>(list);
      list.add(new CheckJson("demo", "UP", seeding.get()));
    }
    return Response.status(up ? 200 : 503).entity(new HealthJson(up ? "UP" : "DOWN", list)).build();
  }
}
