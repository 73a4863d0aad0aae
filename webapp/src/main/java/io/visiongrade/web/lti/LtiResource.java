package io.visiongrade.web.lti;

import io.visiongrade.lms.application.CourseCatalog;
import io.visiongrade.lms.infrastructure.config.Settings;
import io.visiongrade.lms.infrastructure.lti.JdbcLaunchSessions;
import io.visiongrade.lms.infrastructure.lti.JdbcPlatformRegistrations;
import io.visiongrade.lms.lti.LtiException;
import io.visiongrade.lms.lti.LtiValidationException;
import io.visiongrade.lms.lti.keys.ToolKeyManager;
import io.visiongrade.lms.lti.launch.LaunchRequest;
import io.visiongrade.lms.lti.launch.LaunchValidator;
import io.visiongrade.lms.lti.launch.LoginInitiation;
import io.visiongrade.lms.lti.launch.LoginRedirect;
import io.visiongrade.lms.lti.launch.LoginRequest;
import io.visiongrade.lms.lti.launch.LtiLaunch;
import io.visiongrade.lms.lti.launch.LtiMessageType;
import io.visiongrade.lms.lti.launch.StateCookie;
import io.visiongrade.lms.lti.registration.DynamicRegistration;
import io.visiongrade.lms.lti.registration.PlatformRegistration;
import io.visiongrade.web.Page;
import jakarta.inject.Inject;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

/** LTI 1.3: login initiation, launch, key set and Dynamic Registration. */
@Path("lti")
@Tag(name = "lti")
public class LtiResource {

  private static final Logger LOG = Logger.getLogger(LtiResource.class);

  /** The path the state cookie is scoped to: only the launch needs it. */
  static final String COOKIE_PATH = "/lti";

  @Inject LoginInitiation login;
  @Inject LaunchValidator validator;
  @Inject JdbcLaunchSessions sessions;
  @Inject ToolKeyManager keys;
  @Inject DynamicRegistration dynamicRegistration;
  @Inject JdbcPlatformRegistrations registrations;
  @Inject CourseCatalog catalog;
  @Inject Settings settings;
  @Inject io.visiongrade.lms.infrastructure.lti.JdbcLoginStates states;
  @Inject io.visiongrade.lms.lti.ToolConfiguration tool;

  @GET
  @Path("login")
  @Operation(summary = "OIDC third-party login initiation (GET)")
  public Response loginGet(@Context UriInfo uri) throws LtiException {
    return startLogin(single(uri.getQueryParameters()));
  }

  @POST
  @Path("login")
  @jakarta.ws.rs.Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Operation(summary = "OIDC third-party login initiation (POST)")
  public Response loginPost(MultivaluedMap<String, String> form) throws LtiException {
    return startLogin(single(form));
  }

  private Response startLogin(Map<String, String> params) throws LtiException {
    LoginRedirect redirect = login.initiate(LoginRequest.fromParameters(params));
    String cookie = StateCookie.setCookie(redirect, COOKIE_PATH, Instant.now());
    String storageTarget = params.get("lti_storage_target");
    if (storageTarget != null && !storageTarget.isBlank()) {
      // The platform offers its storage frame: keep the state there too, for browsers that
      // block our cookie inside the iframe.
      return Response.ok(
              PostMessageStorage.loginPage(
                  storageTarget, redirect.redirectUrl(), redirect.state(), redirect.redirectUrl()),
              MediaType.TEXT_HTML_TYPE.withCharset("utf-8"))
          .header("Set-Cookie", cookie)
          .header("Cache-Control", "no-store")
          .build();
    }
    return Response.status(Response.Status.FOUND)
        .location(redirect.redirectUrl())
        .header("Set-Cookie", cookie)
        .header("Cache-Control", "no-store")
        .build();
  }

  @POST
  @Path("launch")
  @jakarta.ws.rs.Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Operation(summary = "LTI launch: the platform posts the signed id_token here")
  public Response launch(
      @FormParam("id_token") String idToken,
      @FormParam("state") String state,
      @FormParam("lti_storage_target") String storageTarget,
      @FormParam(PostMessageStorage.STORED_STATE_FIELD) String storedState,
      @Context HttpHeaders headers)
      throws LtiException {
    Map<String, String> cookies = new HashMap<>();
    headers.getCookies().forEach((name, cookie) -> cookies.put(name, cookie.getValue()));
    Optional<String> browserState = StateCookie.find(cookies, state);
    if (browserState.isEmpty() && storedState != null && !storedState.isBlank()) {
      browserState = Optional.of(storedState);
    } else if (browserState.isEmpty()
        && storedState == null
        && storageTarget != null
        && !storageTarget.isBlank()
        && idToken != null
        && state != null) {
      // No cookie came back (blocked third-party cookie): read the state from the platform's
      // storage first. Nothing is validated or consumed yet.
      Optional<URI> auth =
          states
              .platformOf(state)
              .flatMap(k -> registrations.find(k.issuer(), k.clientId()))
              .map(PlatformRegistration::authLoginUrl);
      if (auth.isPresent()) {
        return Response.ok(
                PostMessageStorage.launchPage(
                    storageTarget, auth.get(), tool.launchUrl(), idToken, state),
                MediaType.TEXT_HTML_TYPE.withCharset("utf-8"))
            .header("Cache-Control", "no-store")
            .build();
      }
    }
    LtiLaunch launch =
        validator.validate(new LaunchRequest(idToken, state, browserState.orElse(null)));
    String token = sessions.start(launch);
    LOG.infof(
        "LTI %s launch accepted: platform %s, role %s",
        launch.messageType(), launch.platform(), launch.role());
    String next =
        launch.messageType() == LtiMessageType.DEEP_LINKING ? "app/deep-link" : "app/home";
    URI target =
        jakarta.ws.rs.core.UriBuilder.fromUri(settings.baseUrl())
            .path(next)
            .queryParam("session", token)
            .build();
    Response.ResponseBuilder r = Response.seeOther(target).header("Cache-Control", "no-store");
    if (state != null) {
      r.header("Set-Cookie", StateCookie.clearCookie(state, COOKIE_PATH));
    }
    return r.build();
  }

  @GET
  @Path("jwks")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "The tool's public keys (JWK Set)")
  public String jwks() {
    return keys.publicJwks();
  }

  @GET
  @Path("register")
  @Produces(MediaType.TEXT_HTML)
  @Operation(
      summary = "LTI Dynamic Registration",
      description =
          "An LMS administrator pastes this URL; the LMS opens it with openid_configuration and"
              + " registration_token, and the tool registers itself with the LMS.")
  public Response register(
      @QueryParam("openid_configuration") String configuration,
      @QueryParam("registration_token") String registrationToken)
      throws LtiException {
    if (!settings.dynamicRegistration()) {
      return Response.status(403)
          .type(MediaType.TEXT_HTML_TYPE)
          .entity(
              Page.error(
                  "Dynamic Registration is off",
                  "This server does not accept LTI Dynamic Registration"
                      + " (visiongrade.lti.dynamic-registration=false). Ask its administrator to"
                      + " register your LMS by hand."))
          .build();
    }
    if (configuration == null || configuration.isBlank()) {
      return Response.status(400)
          .type(MediaType.TEXT_HTML_TYPE)
          .entity(
              Page.error(
                  "Dynamic Registration",
                  "This address is for LTI Dynamic Registration: paste it into your LMS's tool"
                      + " registration page (the LMS adds openid_configuration)."))
          .build();
    }
    URI configUrl;
    try {
      configUrl = URI.create(configuration);
    } catch (IllegalArgumentException e) {
      throw new LtiValidationException(
          io.visiongrade.lms.lti.LtiErrorCode.PLATFORM_CONFIGURATION_INVALID,
          "openid_configuration is not a valid URL.");
    }
    PlatformRegistration reg =
        dynamicRegistration.register(configUrl, Optional.ofNullable(registrationToken));
    JdbcPlatformRegistrations.Stored stored = registrations.save(reg);
    LOG.infof(
        "Platform registered through Dynamic Registration: %s (registration %d)",
        reg.key(), stored.id());
    return Response.ok(DynamicRegistration.closeWindowHtml(), MediaType.TEXT_HTML_TYPE).build();
  }

  private static Map<String, String> single(MultivaluedMap<String, String> params) {
    Map<String, String> out = new HashMap<>();
    params.forEach((k, v) -> out.put(k, v.isEmpty() ? null : v.get(0)));
    return out;
  }
}
