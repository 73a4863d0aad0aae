package io.visiongrade.web.admin;

import io.visiongrade.lms.lti.keys.ToolKeyManager;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

/** The tool's signing keys. */
@Path("api/admin/keys")
@Produces(MediaType.APPLICATION_JSON)
@AdminOnly
@Tag(name = "admin")
@SecurityRequirement(name = "adminToken")
public class KeysResource {

  private static final Logger LOG = Logger.getLogger(KeysResource.class);

  /** The outcome of a rotation. */
  public record RotationJson(String activeKid) {}

  @Inject ToolKeyManager keys;

  @POST
  @Path("rotate")
  @Operation(
      summary = "Rotate the tool's signing key",
      description =
          "A new RSA key signs from now on; the previous public key stays in the key set until"
              + " tokens signed with it have expired.")
  public RotationJson rotate() {
    String kid = keys.rotate();
    LOG.infof("Tool signing key rotated; active key %s", kid);
    return new RotationJson(kid);
  }
}
