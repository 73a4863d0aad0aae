package io.visiongrade.lms.lti.deeplinking;

import io.visiongrade.lms.lti.support.Html;
import java.net.URI;
import java.util.Map;

/** A signed deep linking response and the platform URL it must be posted to. */
public record DeepLinkingResponse(URI returnUrl, String jwt) {

  /** The page that posts the response to the platform as the {@code JWT} form field. */
  public String autoSubmitHtml() {
    return Html.autoSubmitForm(returnUrl, Map.of("JWT", jwt), "Return to the course");
  }

  @Override
  public String toString() {
    return "DeepLinkingResponse[returnUrl=" + returnUrl + "]";
  }
}
