package io.visiongrade.lms.lti.services;

import io.visiongrade.lms.lti.LtiErrorCode;
import io.visiongrade.lms.lti.LtiScopes;
import io.visiongrade.lms.lti.LtiServiceException;
import io.visiongrade.lms.lti.registration.PlatformRegistration;
import io.visiongrade.lms.lti.support.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Names and Role Provisioning Services 2.0 client: reads a context's members, following {@code
 * Link: <...>; rel="next"} pages up to a bound, and only on the platform's own origin.
 */
public final class NrpsClient {

  static final String MEMBERSHIP_TYPE = "application/vnd.ims.lti-nrps.v2.membershipcontainer+json";

  private final PlatformHttp http;
  private final PlatformTokenClient tokens;
  private final int maxPages;

  public NrpsClient(PlatformHttp http, PlatformTokenClient tokens, int maxPages) {
    this.http = Objects.requireNonNull(http, "http");
    this.tokens = Objects.requireNonNull(tokens, "tokens");
    if (maxPages < 1) {
      throw new IllegalArgumentException("maxPages must be at least 1, got " + maxPages);
    }
    this.maxPages = maxPages;
  }

  public NrpsClient(PlatformHttp http, PlatformTokenClient tokens) {
    this(http, tokens, 50);
  }

  /** All members of the context, across at most {@code maxPages} pages. */
  public Membership members(PlatformRegistration registration, URI contextMembershipsUrl)
      throws LtiServiceException {
    List<Member> members = new ArrayList<>();
    Optional<String> contextId = Optional.empty();
    Optional<String> contextTitle = Optional.empty();
    URI url = contextMembershipsUrl;
    for (int page = 0; page < maxPages && url != null; page++) {
      HttpResponse<String> response =
          ServiceCalls.withToken(
              http,
              tokens,
              registration,
              Set.of(LtiScopes.NRPS_CONTEXT_MEMBERSHIP_READ_ONLY),
              HttpRequest.newBuilder(url).header("Accept", MEMBERSHIP_TYPE).GET(),
              "reading the members at " + contextMembershipsUrl);
      try {
        JsonObject json = JsonObject.parse(response.body());
        Optional<JsonObject> context = json.object("context");
        if (contextId.isEmpty() && context.isPresent()) {
          contextId = context.get().text("id");
          contextTitle = context.get().string("title");
        }
        for (JsonObject m : json.objects("members").orElse(List.of())) {
          members.add(
              new Member(
                  m.text("user_id")
                      .orElseThrow(() -> new ParseException("member without user_id", 0)),
                  m.strings("roles").orElse(List.of()),
                  m.string("name"),
                  m.string("given_name"),
                  m.string("family_name"),
                  m.string("email"),
                  Member.Status.of(m.string("status").orElse(null))));
        }
      } catch (ParseException | JsonObject.JsonTypeException e) {
        throw LtiServiceException.permanent(
            LtiErrorCode.PLATFORM_RESPONSE_MALFORMED,
            "The platform's membership answer is unusable: " + e.getMessage() + ".",
            response.statusCode());
      }
      URI next = LinkHeader.next(response.headers().firstValue("Link").orElse(null)).orElse(null);
      url = next != null && LinkHeader.sameOrigin(contextMembershipsUrl, next) ? next : null;
    }
    return new Membership(contextId, contextTitle, members);
  }
}
