package io.visiongrade.lms.lti.support;

import java.net.URI;
import java.util.Map;

/** HTML escaping and the self-submitting form that LTI uses to post messages through a browser. */
public final class Html {

  private Html() {}

  /** Escapes text for use in HTML element content and quoted attribute values. */
  public static String escape(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }

  /**
   * A complete HTML page whose form posts {@code fields} to {@code action} as soon as it loads,
   * with a visible button for browsers that block scripts. Everything is escaped.
   */
  public static String autoSubmitForm(URI action, Map<String, String> fields, String buttonLabel) {
    StringBuilder sb = new StringBuilder(512);
    sb.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>")
        .append(escape(buttonLabel))
        .append("</title></head>\n<body onload=\"document.forms[0].submit()\">\n")
        .append("<form method=\"post\" action=\"")
        .append(escape(action.toString()))
        .append("\" enctype=\"application/x-www-form-urlencoded\">\n");
    fields.forEach(
        (k, v) ->
            sb.append("<input type=\"hidden\" name=\"")
                .append(escape(k))
                .append("\" value=\"")
                .append(escape(v))
                .append("\">\n"));
    sb.append("<noscript><button type=\"submit\">")
        .append(escape(buttonLabel))
        .append("</button></noscript>\n</form>\n</body></html>\n");
    return sb.toString();
  }
}
