package io.visiongrade.lms.lti.registration;

import com.nimbusds.jose.util.JSONObjectUtils;
import io.visiongrade.lms.lti.LtiClaims;
import io.visiongrade.lms.lti.LtiErrorCode;
import io.visiongrade.lms.lti.LtiScopes;
import io.visiongrade.lms.lti.LtiServiceException;
import io.visiongrade.lms.lti.LtiValidationException;
import io.visiongrade.lms.lti.ToolConfiguration;
import io.visiongrade.lms.lti.services.PlatformHttp;
import io.visiongrade.lms.lti.support.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * LTI Dynamic Registration 1.0, tool side: reads the platform's OpenID configuration, checks it,
 * registers this tool at the platform's registration endpoint, and returns the resulting {@link
 * PlatformRegistration} for the caller to store. The page that started it should then answer with
 * {@link #closeWindowHtml()}.
 */
public final class DynamicRegistration {

  private static final String JSON = "application/json";

  private final PlatformHttp http;
  private final ToolConfiguration tool;

  public DynamicRegistration(PlatformHttp http, ToolConfiguration tool) {
    this.http = Objects.requireNonNull(http, "http");
    this.tool = Objects.requireNonNull(tool, "tool");
  }

  /**
   * Registers this tool with the platform whose configuration is at {@code openidConfiguration}.
   *
   * @param registrationToken the one-time token the platform passed, sent as a bearer token
   * @throws LtiValidationException the configuration is not acceptable (issuer mismatch, missing
   *     endpoints, no RS256 or private_key_jwt support)
   * @throws LtiServiceException the platform could not be reached or refused the registration
   */
  public PlatformRegistration register(URI openidConfiguration, Optional<String> registrationToken)
      throws LtiValidationException, LtiServiceException {
    if (openidConfiguration == null
        || !openidConfiguration.isAbsolute()
        || openidConfiguration.getHost() == null) {
      throw invalid("The openid_configuration parameter is not an absolute URL.");
    }
    HttpRequest.Builder get =
        HttpRequest.newBuilder(openidConfiguration).header("Accept", JSON).GET();
    registrationToken.ifPresent(t -> get.header("Authorization", "Bearer " + t));
    HttpResponse<String> configResponse =
        http.send(get, "reading the platform's OpenID configuration");
    PlatformConfiguration config = readConfiguration(openidConfiguration, configResponse.body());

    HttpRequest.Builder post =
        HttpRequest.newBuilder(config.registrationEndpoint())
            .header("Content-Type", JSON)
            .header("Accept", JSON)
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    JSONObjectUtils.toJSONString(clientRegistration(config))));
    registrationToken.ifPresent(t -> post.header("Authorization", "Bearer " + t));
    HttpResponse<String> registered = http.send(post, "registering the tool with the platform");

    try {
      JsonObject json = JsonObject.parse(registered.body());
      String clientId =
          json.text("client_id")
              .filter(s -> !s.isBlank())
              .orElseThrow(() -> malformedRegistration("it has no client_id"));
      Set<String> deployments = new TreeSet<>();
      json.object(LtiClaims.TOOL_CONFIGURATION)
          .flatMap(o -> o.text("deployment_id"))
          .filter(s -> !s.isBlank())
          .ifPresent(deployments::add);
      return new PlatformRegistration(
          config.issuer(),
          clientId,
          deployments,
          config.authorizationEndpoint(),
          config.tokenEndpoint(),
          config.jwksUri(),
          config.name());
    } catch (ParseException | JsonObject.JsonTypeException e) {
      throw malformedRegistration("it is not a JSON client registration");
    }
  }

  /** The page to show when registration is done: it asks the platform to close the dialog. */
  public static String closeWindowHtml() {
    return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Registered</title></head>\n"
        + "<body><p>VisionGrade is registered. You can close this window.</p>\n"
        + "<script>(window.opener || window.parent).postMessage("
        + "{subject: 'org.imsglobal.lti.close'}, '*');</script>\n</body></html>\n";
  }

  /** The platform's OpenID configuration, as far as registration needs it. */
  record PlatformConfiguration(
      String issuer,
      URI authorizationEndpoint,
      URI tokenEndpoint,
      URI jwksUri,
      URI registrationEndpoint,
      Optional<List<String>> scopesSupported,
      String name) {}

  PlatformConfiguration readConfiguration(URI configurationUrl, String body)
      throws LtiValidationException {
    JsonObject json;
    try {
      json = JsonObject.parse(body);
    } catch (ParseException e) {
      throw invalid("The platform's OpenID configuration is not a JSON object.");
    }
    try {
      String issuer = json.string("issuer").orElseThrow(() -> invalid("It has no issuer."));
      // LTI Dynamic Registration 1.0 section 3.5.1: the issuer must be a prefix of the
      // openid_configuration URL (same scheme, host and port; path boundary respected).
      if (!isPrefix(issuer, configurationUrl)) {
        throw invalid(
            "Its issuer "
                + issuer
                + " does not match the configuration URL "
                + configurationUrl.getScheme()
                + "://"
                + configurationUrl.getRawAuthority()
                + ".");
      }
      URI auth = endpoint(json, "authorization_endpoint");
      URI token = endpoint(json, "token_endpoint");
      URI jwks = endpoint(json, "jwks_uri");
      URI registration = endpoint(json, "registration_endpoint");
      Optional<List<String>> algs = json.strings("id_token_signing_alg_values_supported");
      if (algs.isPresent() && !algs.get().contains("RS256")) {
        throw invalid("It does not sign id_tokens with RS256.");
      }
      Optional<List<String>> authMethods = json.strings("token_endpoint_auth_methods_supported");
      if (authMethods.isPresent() && !authMethods.get().contains("private_key_jwt")) {
        throw invalid("Its token endpoint does not accept private_key_jwt.");
      }
      String name =
          json.object(LtiClaims.PLATFORM_CONFIGURATION)
              .flatMap(o -> o.string("product_family_code"))
              .map(code -> code + " (" + issuer + ")")
              .orElse(issuer);
      return new PlatformConfiguration(
          issuer, auth, token, jwks, registration, json.strings("scopes_supported"), name);
    } catch (JsonObject.JsonTypeException e) {
      throw invalid("Its " + e.getMessage() + ".");
    }
  }

  Map<String, Object> clientRegistration(PlatformConfiguration config) {
    List<String> scopes = new ArrayList<>(new TreeSet<>(LtiScopes.ALL));
    config.scopesSupported().ifPresent(supported -> scopes.retainAll(supported));

    Map<String, Object> resourceLink = new LinkedHashMap<>();
    resourceLink.put("type", LtiClaims.RESOURCE_LINK_REQUEST);
    Map<String, Object> deepLinking = new LinkedHashMap<>();
    deepLinking.put("type", LtiClaims.DEEP_LINKING_REQUEST);
    deepLinking.put("target_link_uri", tool.deepLinkingUrl().toString());
    deepLinking.put("label", tool.name());

    Map<String, Object> ltiConfig = new LinkedHashMap<>();
    ltiConfig.put("domain", tool.domain());
    ltiConfig.put("target_link_uri", tool.launchUrl().toString());
    ltiConfig.put("claims", List.of("iss", "sub", "name", "given_name", "family_name", "email"));
    ltiConfig.put("messages", List.of(resourceLink, deepLinking));

    Map<String, Object> body = new LinkedHashMap<>();
    body.put("application_type", "web");
    body.put("response_types", List.of("id_token"));
    body.put("grant_types", List.of("implicit", "client_credentials"));
    body.put("initiate_login_uri", tool.loginInitiationUrl().toString());
    body.put("redirect_uris", List.of(tool.launchUrl().toString()));
    body.put("client_name", tool.name());
    body.put("jwks_uri", tool.jwksUrl().toString());
    body.put("token_endpoint_auth_method", "private_key_jwt");
    body.put("scope", String.join(" ", scopes));
    body.put(LtiClaims.TOOL_CONFIGURATION, ltiConfig);
    return body;
  }

  static boolean isPrefix(String issuer, URI configurationUrl) {
    String iss = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
    String url = configurationUrl.toString();
    if (!url.startsWith(iss) || iss.isEmpty()) {
      return false;
    }
    if (url.length() == iss.length()) {
      return true;
    }
    char boundary = url.charAt(iss.length());
    return boundary == '/' || boundary == '?';
  }

  private static URI endpoint(JsonObject json, String member) throws LtiValidationException {
    String value = json.string(member).orElseThrow(() -> invalid("It has no " + member + "."));
    try {
      URI uri = new URI(value);
      if (!uri.isAbsolute() || uri.getHost() == null) {
        throw invalid("Its " + member + " is not an absolute URL.");
      }
      return uri;
    } catch (java.net.URISyntaxException e) {
      throw invalid("Its " + member + " is not a URL.");
    }
  }

  private static LtiValidationException invalid(String why) {
    return new LtiValidationException(
        LtiErrorCode.PLATFORM_CONFIGURATION_INVALID,
        "The platform's OpenID configuration cannot be used. " + why);
  }

  private static LtiServiceException malformedRegistration(String why) {
    return LtiServiceException.permanent(
        LtiErrorCode.PLATFORM_RESPONSE_MALFORMED,
        "The platform's answer to the registration is unusable: " + why + ".",
        200);
  }
}
