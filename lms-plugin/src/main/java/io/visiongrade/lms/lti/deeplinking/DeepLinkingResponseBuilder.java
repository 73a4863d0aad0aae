package io.visiongrade.lms.lti.deeplinking;

import com.nimbusds.jwt.JWTClaimsSet;
import io.visiongrade.lms.lti.LtiClaims;
import io.visiongrade.lms.lti.keys.ToolKeyManager;
import io.visiongrade.lms.lti.launch.DeepLinkingSettings;
import io.visiongrade.lms.lti.launch.LtiLaunch;
import io.visiongrade.lms.lti.launch.LtiMessageType;
import io.visiongrade.lms.lti.support.Randoms;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Builds the {@code LtiDeepLinkingResponse} message (Deep Linking 2.0 section 4.5): signed by the
 * tool's active key (RS256, kid in the header), issued by our client_id to the platform's issuer,
 * for the request's deployment, echoing its {@code data}.
 */
public final class DeepLinkingResponseBuilder {

  /** Default lifetime of a response token. */
  public static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(5);

  private final ToolKeyManager keys;
  private final Clock clock;
  private final Duration lifetime;

  public DeepLinkingResponseBuilder(ToolKeyManager keys, Clock clock, Duration lifetime) {
    this.keys = Objects.requireNonNull(keys, "keys");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.lifetime = Objects.requireNonNull(lifetime, "lifetime");
  }

  public DeepLinkingResponseBuilder(ToolKeyManager keys, Clock clock) {
    this(keys, clock, DEFAULT_LIFETIME);
  }

  /**
   * Answers a validated deep linking request with resource links.
   *
   * @param request the launch that the {@code LaunchValidator} accepted; must be a deep linking
   *     request
   * @param items the links to place; empty means the teacher cancelled
   * @param message optional text for the platform to show the teacher
   * @throws IllegalArgumentException the request is not a deep linking request, the platform does
   *     not accept {@code ltiResourceLink} items, or it accepts one item and more were given
   */
  public DeepLinkingResponse build(
      LtiLaunch request, List<ResourceLinkItem> items, Optional<String> message) {
    if (request.messageType() != LtiMessageType.DEEP_LINKING || request.deepLinking().isEmpty()) {
      throw new IllegalArgumentException("The launch is not a deep linking request");
    }
    DeepLinkingSettings settings = request.deepLinking().get();
    if (!items.isEmpty() && !settings.accepts(LtiClaims.ITEM_LTI_RESOURCE_LINK)) {
      throw new IllegalArgumentException(
          "The platform does not accept ltiResourceLink items here; it accepts "
              + settings.acceptTypes());
    }
    if (items.size() > 1 && !settings.acceptMultiple()) {
      throw new IllegalArgumentException(
          "The platform accepts one item here, " + items.size() + " were given");
    }

    List<Map<String, Object>> contentItems = new ArrayList<>();
    for (ResourceLinkItem item : items) {
      contentItems.add(contentItem(item, settings.acceptLineItem()));
    }
    Instant now = clock.instant();
    JWTClaimsSet.Builder claims =
        new JWTClaimsSet.Builder()
            .issuer(request.platform().clientId())
            .audience(request.platform().issuer())
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plus(lifetime)))
            .claim(LtiClaims.NONCE, Randoms.token())
            .claim(LtiClaims.DEPLOYMENT_ID, request.deploymentId())
            .claim(LtiClaims.MESSAGE_TYPE, LtiClaims.DEEP_LINKING_RESPONSE)
            .claim(LtiClaims.VERSION, LtiClaims.LTI_VERSION)
            .claim(LtiClaims.DL_CONTENT_ITEMS, contentItems);
    settings.data().ifPresent(d -> claims.claim(LtiClaims.DL_DATA, d));
    message.ifPresent(m -> claims.claim(LtiClaims.DL_MSG, m));
    return new DeepLinkingResponse(settings.returnUrl(), keys.sign(claims.build()));
  }

  private static Map<String, Object> contentItem(ResourceLinkItem item, boolean acceptLineItem) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put(LtiClaims.TYPE, LtiClaims.ITEM_LTI_RESOURCE_LINK);
    json.put(LtiClaims.TITLE, item.title());
    item.url().ifPresent(u -> json.put(LtiClaims.ITEM_URL, u.toString()));
    item.text().ifPresent(t -> json.put(LtiClaims.DL_TEXT, t));
    if (!item.custom().isEmpty()) {
      json.put(LtiClaims.ITEM_CUSTOM, new LinkedHashMap<>(item.custom()));
    }
    if (acceptLineItem && item.lineItem().isPresent()) {
      LineItemSpec li = item.lineItem().get();
      Map<String, Object> lineItem = new LinkedHashMap<>();
      lineItem.put(LtiClaims.LINE_ITEM_SCORE_MAXIMUM, li.scoreMaximum());
      lineItem.put(LtiClaims.LINE_ITEM_LABEL, li.label());
      lineItem.put(LtiClaims.LINE_ITEM_RESOURCE_ID, li.resourceId());
      li.tag().ifPresent(t -> lineItem.put(LtiClaims.LINE_ITEM_TAG, t));
      json.put(LtiClaims.ITEM_LINE_ITEM, lineItem);
    }
    return json;
  }
}
