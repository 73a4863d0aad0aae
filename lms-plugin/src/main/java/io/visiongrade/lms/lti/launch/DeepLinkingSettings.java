package io.visiongrade.lms.lti.launch;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * The deep_linking_settings claim of a deep linking request (Deep Linking 2.0 section 4.4.1).
 *
 * @param returnUrl where the deep linking response must be posted
 * @param acceptTypes content item types the platform accepts, e.g. {@code ltiResourceLink}
 * @param acceptLineItem whether the platform creates a line item for a resource link carrying one
 * @param data opaque value that must be echoed back in the response
 */
public record DeepLinkingSettings(
    URI returnUrl,
    List<String> acceptTypes,
    List<String> acceptPresentationDocumentTargets,
    List<String> acceptMediaTypes,
    boolean acceptMultiple,
    boolean acceptLineItem,
    boolean autoCreate,
    Optional<String> title,
    Optional<String> text,
    Optional<String> data) {

  public boolean accepts(String contentItemType) {
    return acceptTypes.contains(contentItemType);
  }
}
