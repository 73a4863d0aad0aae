package io.visiongrade.web.lti;

import io.visiongrade.lms.lti.keys.ToolKeyManager;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The tool's public keys at the conventional address. */
@Path(".well-known")
@Tag(name = "lti")
public class WellKnownResource {

  @Inject ToolKeyManager keys;

  @GET
  @Path("jwks.json")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "The tool's public keys (JWK Set); the same as /lti/jwks")
  public String jwks() {
    return keys.publicJwks();
  }
}
