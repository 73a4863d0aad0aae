package io.visiongrade.lms.lti.services;

import com.nimbusds.jose.util.JSONObjectUtils;
import io.visiongrade.lms.lti.LtiErrorCode;
import io.visiongrade.lms.lti.LtiScopes;
import io.visiongrade.lms.lti.LtiServiceException;
import io.visiongrade.lms.lti.registration.PlatformRegistration;
import io.visiongrade.lms.lti.support.JsonObject;
import io.visiongrade.lms.lti.support.Urls;
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

/**
 * Assignment and Grade Services 2.0 client: finds or creates the line item of an exercise and
 * publishes scores to it.
 */
public final class AgsClient {

  static final String LINE_ITEM_TYPE = "application/vnd.ims.lis.v2.lineitem+json";
  static final String LINE_ITEM_CONTAINER_TYPE =
      "application/vnd.ims.lis.v2.lineitemcontainer+json";
  static final String SCORE_TYPE = "application/vnd.ims.lis.v1.score+json";
  private static final int MAX_PAGES = 20;

  private final PlatformHttp http;
  private final PlatformTokenClient tokens;

  public AgsClient(PlatformHttp http, PlatformTokenClient tokens) {
    this.http = Objects.requireNonNull(http, "http");
    this.tokens = Objects.requireNonNull(tokens, "tokens");
  }

  /**
   * Publishes a score to a line item ({@code POST {lineitem}/scores}, keeping the line item URL's
   * query). Never throws for platform failures: the result says whether to retry.
   */
  public DeliveryResult publishScore(
      PlatformRegistration registration, URI lineItemUrl, Score score) {
    URI scoresUrl = Urls.appendPath(lineItemUrl, "scores");
    String body = JSONObjectUtils.toJSONString(score.toJson());
    try {
      HttpResponse<String> response =
          call(
              registration,
              Set.of(LtiScopes.AGS_SCORE),
              HttpRequest.newBuilder(scoresUrl)
                  .header("Content-Type", SCORE_TYPE)
                  .POST(HttpRequest.BodyPublishers.ofString(body)),
              "posting a score to " + scoresUrl);
      return new DeliveryResult.Delivered(response.statusCode());
    } catch (LtiServiceException e) {
      return DeliveryResult.of(e);
    }
  }

  /**
   * The context's line items, optionally filtered by resource link and resource id (AGS 2.0 section
   * 3.2.5), across pages.
   */
  public List<LineItem> lineItems(
      PlatformRegistration registration,
      URI lineItemsUrl,
      Optional<String> resourceLinkId,
      Optional<String> resourceId)
      throws LtiServiceException {
    Map<String, String> filter = new LinkedHashMap<>();
    resourceLinkId.ifPresent(v -> filter.put("resource_link_id", v));
    resourceId.ifPresent(v -> filter.put("resource_id", v));
    URI url = Urls.withQuery(lineItemsUrl, filter);
    List<LineItem> items = new ArrayList<>();
    for (int page = 0; page < MAX_PAGES && url != null; page++) {
      HttpResponse<String> response =
          call(
              registration,
              Set.of(LtiScopes.AGS_LINE_ITEM),
              HttpRequest.newBuilder(url).header("Accept", LINE_ITEM_CONTAINER_TYPE).GET(),
              "listing line items at " + lineItemsUrl);
      try {
        for (JsonObject item : JsonObject.parseArrayOfObjects(response.body())) {
          items.add(lineItem(item));
        }
      } catch (ParseException | JsonObject.JsonTypeException | IllegalArgumentException e) {
        throw malformed("the line item list is not valid JSON line items");
      }
      URI next = LinkHeader.next(response.headers().firstValue("Link").orElse(null)).orElse(null);
      url = next != null && LinkHeader.sameOrigin(lineItemsUrl, next) ? next : null;
    }
    return items;
  }

  /**
   * The line item with the wanted resourceId (and resourceLinkId, when set), created if the
   * platform has none yet.
   */
  public LineItem findOrCreateLineItem(
      PlatformRegistration registration, URI lineItemsUrl, LineItem wanted)
      throws LtiServiceException {
    for (LineItem item :
        lineItems(registration, lineItemsUrl, wanted.resourceLinkId(), wanted.resourceId())) {
      if (item.resourceId().equals(wanted.resourceId())
          && (wanted.resourceLinkId().isEmpty()
              || item.resourceLinkId().equals(wanted.resourceLinkId()))) {
        return item;
      }
    }
    HttpResponse<String> response =
        call(
            registration,
            Set.of(LtiScopes.AGS_LINE_ITEM),
            HttpRequest.newBuilder(lineItemsUrl)
                .header("Content-Type", LINE_ITEM_TYPE)
                .header("Accept", LINE_ITEM_TYPE)
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        JSONObjectUtils.toJSONString(wanted.toJson()))),
            "creating a line item at " + lineItemsUrl);
    try {
      LineItem created = lineItem(JsonObject.parse(response.body()));
      if (created.id().isEmpty()) {
        throw malformed("the created line item has no id");
      }
      return created;
    } catch (ParseException | JsonObject.JsonTypeException | IllegalArgumentException e) {
      throw malformed("the created line item is not valid JSON");
    }
  }

  /** Sends with a bearer token; on 401 forgets the token and tries once more with a fresh one. */
  private HttpResponse<String> call(
      PlatformRegistration registration,
      Set<String> scopes,
      HttpRequest.Builder request,
      String what)
      throws LtiServiceException {
    return ServiceCalls.withToken(http, tokens, registration, scopes, request, what);
  }

  private static LineItem lineItem(JsonObject json) {
    return new LineItem(
        json.string("id").map(URI::create),
        json.number("scoreMaximum").orElseThrow(() -> new IllegalArgumentException("scoreMaximum")),
        json.string("label").orElse(""),
        json.text("resourceId"),
        json.text("resourceLinkId"),
        json.string("tag"));
  }

  private static LtiServiceException malformed(String why) {
    return LtiServiceException.permanent(
        LtiErrorCode.PLATFORM_RESPONSE_MALFORMED,
        "The platform's AGS answer is unusable: " + why + ".",
        200);
  }
}
