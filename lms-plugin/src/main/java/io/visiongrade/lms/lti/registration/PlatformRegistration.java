package io.visiongrade.lms.lti.registration;

import java.net.URI;
import java.util.Objects;
import java.util.Set;

/**
 * One platform registration of this tool (LTI Core 1.3 section 3.1.3; Security Framework 5.1.1).
 *
 * @param issuer the platform's issuer identifier ({@code iss} of its tokens)
 * @param clientId the client_id the platform assigned to this tool
 * @param deploymentIds deployments of this registration that may launch the tool
 * @param authLoginUrl the platform's OIDC authorization endpoint
 * @param tokenUrl the platform's OAuth2 token endpoint (also the client assertion's audience)
 * @param jwksUrl the platform's public key set
 * @param name a human label for administrators
 */
public record PlatformRegistration(
    String issuer,
    String clientId,
    Set<String> deploymentIds,
    URI authLoginUrl,
    URI tokenUrl,
    URI jwksUrl,
    String name) {

  public PlatformRegistration {
    requireText("issuer", issuer);
    requireText("clientId", clientId);
    deploymentIds = Set.copyOf(Objects.requireNonNull(deploymentIds, "deploymentIds"));
    requireAbsolute("authLoginUrl", authLoginUrl);
    requireAbsolute("tokenUrl", tokenUrl);
    requireAbsolute("jwksUrl", jwksUrl);
    name = name == null || name.isBlank() ? issuer : name;
  }

  public RegistrationKey key() {
    return new RegistrationKey(issuer, clientId);
  }

  public boolean hasDeployment(String deploymentId) {
    return deploymentIds.contains(deploymentId);
  }

  /** A copy with one more deployment (a platform may add deployments after registration). */
  public PlatformRegistration withDeployment(String deploymentId) {
    requireText("deploymentId", deploymentId);
    Set<String> ids = new java.util.HashSet<>(deploymentIds);
    ids.add(deploymentId);
    return new PlatformRegistration(issuer, clientId, ids, authLoginUrl, tokenUrl, jwksUrl, name);
  }

  private static void requireText(String field, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(field + " must not be blank");
    }
  }

  private static void requireAbsolute(String field, URI uri) {
    Objects.requireNonNull(uri, field);
    if (!uri.isAbsolute()) {
      throw new IllegalArgumentException(field + " must be an absolute URL, got " + uri);
    }
  }
}
