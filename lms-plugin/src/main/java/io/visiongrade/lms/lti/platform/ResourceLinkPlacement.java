package io.visiongrade.lms.lti.platform;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * A resource link placed in a course ({@code contextId}) of the emulated platform, usually by a
 * deep linking response.
 */
public record ResourceLinkPlacement(
    String contextId,
    String id,
    String title,
    Optional<URI> url,
    Map<String, String> custom,
    Optional<URI> lineItem) {
  public ResourceLinkPlacement {
    custom = Map.copyOf(custom);
  }
}
