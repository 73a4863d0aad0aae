package io.visiongrade.lms.lti.deeplinking;

import io.visiongrade.lms.lti.LtiClaims;
import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An {@code ltiResourceLink} content item (Deep Linking 2.0 section 3.4.1).
 *
 * @param title shown in the course
 * @param url the launch URL of the link (absolute, on this tool), or empty for the tool's default
 * @param text optional description
 * @param custom custom parameters the platform sends back on each launch of the link
 * @param lineItem the gradebook column to create, sent only when the platform accepts line items
 */
public record ResourceLinkItem(
    String title,
    Optional<URI> url,
    Optional<String> text,
    Map<String, String> custom,
    Optional<LineItemSpec> lineItem) {

  public ResourceLinkItem {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(text, "text");
    custom = Map.copyOf(custom);
    Objects.requireNonNull(lineItem, "lineItem");
  }

  /** A link to an exercise: custom {@code exercise_id}, graded out of {@code scoreMaximum}. */
  public static ResourceLinkItem forExercise(
      String title, URI launchUrl, String exerciseId, double scoreMaximum) {
    return new ResourceLinkItem(
        title,
        Optional.of(launchUrl),
        Optional.empty(),
        Map.of(LtiClaims.CUSTOM_EXERCISE_ID, exerciseId),
        Optional.of(new LineItemSpec(scoreMaximum, title, exerciseId)));
  }
}
