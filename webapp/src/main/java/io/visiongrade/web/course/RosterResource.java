package io.visiongrade.web.course;

import io.visiongrade.lms.application.CourseRoster;
import io.visiongrade.lms.lti.LtiServiceException;
import io.visiongrade.lms.lti.services.Member;
import io.visiongrade.lms.lti.services.Membership;
import io.visiongrade.web.app.Sessions;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The course roster from the LMS. */
@Path("api/course/roster")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "course")
public class RosterResource {

  /** One member. */
  public record MemberJson(String userId, String name, List<String> roles, String status) {}

  /** The roster. */
  public record RosterJson(String contextTitle, int count, List<MemberJson> members) {}

  @Inject Sessions sessions;
  @Inject CourseRoster roster;

  @GET
  @Operation(
      summary = "Every member of the caller's course, from the LMS (teachers only)",
      description = "Follows the LMS's pages (Link rel=next). Needs the launch session token.")
  public RosterJson members(@QueryParam("session") String token, @Context HttpHeaders headers)
      throws LtiServiceException {
    Membership m = roster.members(sessions.require(token, headers));
    List<MemberJson> members =
        m.members().stream()
            .map(
                (Member x) ->
                    new MemberJson(
                        x.userId(),
                        x.name()
                            .orElse(
                                (x.givenName().orElse("") + " " + x.familyName().orElse(""))
                                    .strip()),
                        x.roles(),
                        x.status().name()))
            .toList();
    return new RosterJson(m.contextTitle().orElse(null), members.size(), members);
  }
}
