package io.visiongrade.lms.lti.services;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An AGS line item (a gradebook column; AGS 2.0 section 3.2). {@code id} is its URL, empty until
 * the platform created it.
 */
public record LineItem(
    Optional<URI> id,
    double scoreMaximum,
    String label,
    Optional<String> resourceId,
    Optional<String> resourceLinkId,
    Optional<String> tag) {

  public LineItem {
    Objects.requireNonNull(id, "id");
    if (!(scoreMaximum > 0)) {
      throw new IllegalArgumentException("scoreMaximum must be positive, got " + scoreMaximum);
    }
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(resourceId, "resourceId");
    Objects.requireNonNull(resourceLinkId, "resourceLinkId");
    Objects.requireNonNull(tag, "tag");
  }

  /** A line item to create for an exercise placed at a resource link. */
  public static LineItem toCreate(
      double scoreMaximum, String label, String resourceId, String resourceLinkId) {
    return new LineItem(
        Optional.empty(),
        scoreMaximum,
        label,
        Optional.ofNullable(resourceId),
        Optional.ofNullable(resourceLinkId),
        Optional.empty());
  }

  /** The JSON members of the line item media type. */
  public Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    id.ifPresent(u -> json.put("id", u.toString()));
    json.put("scoreMaximum", scoreMaximum);
    json.put("label", label);
    resourceId.ifPresent(v -> json.put("resourceId", v));
    resourceLinkId.ifPresent(v -> json.put("resourceLinkId", v));
    tag.ifPresent(v -> json.put("tag", v));
    return json;
  }
}
