package io.visiongrade.lms.lti.platform;

import io.visiongrade.lms.lti.support.Html;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/** The platform's authentication response: id_token and state, form-posted to the tool. */
public record AuthResponse(URI redirectUri, String idToken, String state) {

  public Map<String, String> formFields() {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("id_token", idToken);
    fields.put("state", state);
    return fields;
  }

  /** The self-submitting page that posts the response to the tool. */
  public String autoSubmitHtml() {
    return Html.autoSubmitForm(redirectUri, formFields(), "Continue to the tool");
  }

  @Override
  public String toString() {
    return "AuthResponse[redirectUri=" + redirectUri + "]";
  }
}
