package io.visiongrade.web.admin;

import io.visiongrade.lms.domain.DomainException;
import io.visiongrade.lms.infrastructure.lti.JdbcPlatformRegistrations;
import io.visiongrade.lms.lti.registration.PlatformRegistration;
import io.visiongrade.web.infra.FrameAncestors;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Manual registration of LMS platforms (when Dynamic Registration is not available): what the LMS's
 * tool configuration page shows, pasted here. Keyed by (issuer, client_id); posting the same pair
 * again updates its endpoints and adds deployments.
 */
@Path("api/admin/platforms")
@Produces(MediaType.APPLICATION_JSON)
@AdminOnly
@Tag(name = "admin")
@SecurityRequirement(name = "adminToken")
public class PlatformsResource {

  private static final String URL = "https?://\\S+";

  /** A registration as posted. */
  public record PlatformInput(
      @NotBlank @Size(max = 1000) String issuer,
      @NotBlank @Size(max = 255) String clientId,
      @NotNull @Size(min = 1, max = 50) List<@NotBlank @Size(max = 255) String> deploymentIds,
      @NotBlank @Size(max = 2000) @Pattern(regexp = URL, message = "must be an http(s) URL")
          String authLoginUrl,
      @NotBlank @Size(max = 2000) @Pattern(regexp = URL, message = "must be an http(s) URL")
          String tokenUrl,
      @NotBlank @Size(max = 2000) @Pattern(regexp = URL, message = "must be an http(s) URL")
          String jwksUrl,
      @NotBlank @Size(max = 200) String name) {}

  /** A registration as stored. */
  public record PlatformJson(
      long id,
      String issuer,
      String clientId,
      List<String> deploymentIds,
      String authLoginUrl,
      String tokenUrl,
      String jwksUrl,
      String name,
      Instant createdAt) {

    static PlatformJson of(JdbcPlatformRegistrations.Stored s) {
      PlatformRegistration r = s.registration();
      return new PlatformJson(
          s.id(),
          r.issuer(),
          r.clientId(),
          List.copyOf(r.deploymentIds()),
          r.authLoginUrl().toString(),
          r.tokenUrl().toString(),
          r.jwksUrl().toString(),
          r.name(),
          s.createdAt());
    }
  }

  @Inject FrameAncestors frameAncestors;
  @Inject JdbcPlatformRegistrations registrations;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Register a platform (or update the one with the same issuer and client_id)")
  public Response register(@Valid @NotNull PlatformInput in, @Context UriInfo uri) {
    PlatformRegistration reg;
    try {
      reg =
          new PlatformRegistration(
              in.issuer().strip(),
              in.clientId().strip(),
              new LinkedHashSet<>(in.deploymentIds().stream().map(String::strip).toList()),
              URI.create(in.authLoginUrl().strip()),
              URI.create(in.tokenUrl().strip()),
              URI.create(in.jwksUrl().strip()),
              in.name().strip());
    } catch (IllegalArgumentException e) {
      throw new DomainException.Invalid(e.getMessage(), e);
    }
    PlatformJson saved = PlatformJson.of(registrations.save(reg));
    frameAncestors.invalidate();
    return Response.created(uri.getAbsolutePathBuilder().path(Long.toString(saved.id())).build())
        .entity(saved)
        .build();
  }

  @GET
  @Operation(summary = "All registered platforms")
  public List<PlatformJson> list() {
    return registrations.list().stream().map(PlatformJson::of).toList();
  }

  @GET
  @Path("{id}")
  @Operation(summary = "One registered platform")
  public PlatformJson get(@PathParam("id") long id) {
    return registrations
        .get(id)
        .map(PlatformJson::of)
        .orElseThrow(() -> new DomainException.NotFound("Platform registration", id));
  }

  @DELETE
  @Path("{id}")
  @Operation(summary = "Remove a platform: its launches are refused from now on")
  public Response delete(@PathParam("id") long id) {
    registrations.delete(id);
    frameAncestors.invalidate();
    return Response.noContent().build();
  }
}
