package io.visiongrade.lms.lti;

import java.net.URI;
import java.util.Objects;

/**
 * Where this tool lives: its public base URL and the endpoints the platforms call. Every endpoint
 * must be an absolute URL under {@code baseUrl}; the web module builds this from configuration.
 *
 * @param name the tool's name as shown in the LMS
 * @param baseUrl public base URL of the tool, e.g. {@code https://grade.example.edu/visiongrade/}
 * @param loginInitiationUrl OIDC third-party login initiation endpoint
 * @param launchUrl the redirect URI to which platforms post the id_token
 * @param jwksUrl where the tool's public keys are served
 * @param deepLinkingUrl target_link_uri for deep linking requests
 */
public record ToolConfiguration(
    String name,
    URI baseUrl,
    URI loginInitiationUrl,
    URI launchUrl,
    URI jwksUrl,
    URI deepLinkingUrl) {

  public ToolConfiguration {
    Objects.requireNonNull(name, "name");
    requireAbsolute("baseUrl", baseUrl);
    for (URI endpoint : new URI[] {loginInitiationUrl, launchUrl, jwksUrl, deepLinkingUrl}) {
      requireAbsolute("endpoint", endpoint);
      if (!isUnder(baseUrl, endpoint)) {
        throw new IllegalArgumentException(
            "Tool endpoint " + endpoint + " is not under the base URL " + baseUrl);
      }
    }
  }

  /**
   * Builds the standard endpoint layout under a base URL: {@code lti/login}, {@code lti/launch},
   * {@code lti/jwks}, {@code lti/deep-link}.
   */
  public static ToolConfiguration under(String name, URI baseUrl) {
    URI base = baseUrl.toString().endsWith("/") ? baseUrl : URI.create(baseUrl + "/");
    return new ToolConfiguration(
        name,
        base,
        base.resolve("lti/login"),
        base.resolve("lti/launch"),
        base.resolve("lti/jwks"),
        base.resolve("lti/deep-link"));
  }

  /** The host name that LTI Dynamic Registration calls the tool's {@code domain}. */
  public String domain() {
    return baseUrl.getPort() == -1
        ? baseUrl.getHost()
        : baseUrl.getHost() + ":" + baseUrl.getPort();
  }

  /** Whether a URL (for instance a launch's target_link_uri) points at this tool. */
  public boolean isOwnUrl(URI url) {
    return url != null && url.isAbsolute() && isUnder(baseUrl, url);
  }

  private static boolean isUnder(URI base, URI url) {
    if (!base.getScheme().equalsIgnoreCase(url.getScheme())
        || url.getHost() == null
        || !base.getHost().equalsIgnoreCase(url.getHost())
        || effectivePort(base) != effectivePort(url)) {
      return false;
    }
    String basePath = base.getPath() == null || base.getPath().isEmpty() ? "/" : base.getPath();
    String path = url.getPath() == null || url.getPath().isEmpty() ? "/" : url.getPath();
    String prefix = basePath.endsWith("/") ? basePath : basePath + "/";
    return path.startsWith(prefix) || path.equals(basePath);
  }

  private static int effectivePort(URI uri) {
    if (uri.getPort() != -1) {
      return uri.getPort();
    }
    return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
  }

  private static void requireAbsolute(String field, URI uri) {
    Objects.requireNonNull(uri, field);
    if (!uri.isAbsolute() || uri.getHost() == null) {
      throw new IllegalArgumentException(field + " must be an absolute URL, got " + uri);
    }
  }
}
