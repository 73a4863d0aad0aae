package io.visiongrade.web.lti;

import io.visiongrade.lms.lti.support.Html;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The LTI client-side postMessage storage (1EdTech "LTI Client Side postMessages"): where the
 * browser blocks third-party cookies inside the LMS iframe, the login state is kept in the
 * platform's own storage frame ({@code lti_storage_target}) instead. The login page puts it there
 * ({@code lti.put_data}) before going on to the platform; the launch page reads it back ({@code
 * lti.get_data}) and posts it with the id_token, where the launch validator compares it with the
 * state it issued, exactly as with the cookie.
 */
final class PostMessageStorage {

  /** The form field that carries the state read back from the platform's storage. */
  static final String STORED_STATE_FIELD = "lti_storage_state";

  private PostMessageStorage() {}

  /** The key under which a state is stored. */
  static String key(String state) {
    return "state_" + state;
  }

  /** The origin (scheme://host[:port]) of a URL, the only receiver our messages may reach. */
  static String origin(URI url) {
    return url.getScheme() + "://" + url.getRawAuthority();
  }

  /** The login page: stores the state in the platform's frame, then goes on to the platform. */
  static String loginPage(String target, URI platformAuth, String state, URI next) {
    return page(
        "Signing in",
        script(target, origin(platformAuth))
            + "send({subject:'lti.put_data', message_id:id, key:"
            + js(key(state))
            + ", value:"
            + js(state)
            + "}, function(){ go(); });\n"
            + "function go(){ window.location.replace("
            + js(next.toString())
            + "); }\n"
            + "setTimeout(go, 2000);\n",
        "<p>Signing you in… <a href=\"" + Html.escape(next.toString()) + "\">Continue</a></p>");
  }

  /** The launch page: reads the state back, then posts the launch again with it. */
  static String launchPage(
      String target, URI platformAuth, URI launchUrl, String idToken, String state) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("id_token", idToken);
    fields.put("state", state);
    fields.put("lti_storage_target", target);
    StringBuilder form =
        new StringBuilder("<form method=\"post\" action=\"")
            .append(Html.escape(launchUrl.toString()))
            .append("\">");
    fields.forEach(
        (k, v) ->
            form.append("<input type=\"hidden\" name=\"")
                .append(Html.escape(k))
                .append("\" value=\"")
                .append(Html.escape(v))
                .append("\">"));
    form.append("<input type=\"hidden\" name=\"" + STORED_STATE_FIELD + "\" value=\"\">")
        .append("<noscript><button type=\"submit\">Continue</button></noscript></form>");
    return page(
        "Signing in",
        script(target, origin(platformAuth))
            + "send({subject:'lti.get_data', message_id:id, key:"
            + js(key(state))
            + "}, function(m){ var f=document.forms[0];\n"
            + "  f.elements['"
            + STORED_STATE_FIELD
            + "'].value = (m && typeof m.value === 'string') ? m.value : ''; f.submit(); });\n"
            + "setTimeout(function(){ document.forms[0].submit(); }, 3000);\n",
        "<p>Signing you in…</p>" + form);
  }

  private static String script(String target, String origin) {
    return "var origin = "
        + js(origin)
        + ", target = "
        + js(target)
        + ";\n"
        + "var id = 'vg-' + Math.random().toString(36).slice(2);\n"
        + "function frame(){ try { return target === '_parent' ? window.parent"
        + " : window.parent.frames[target]; } catch (e) { return null; } }\n"
        + "function send(msg, done){ var called = false;\n"
        + "  window.addEventListener('message', function(ev){\n"
        + "    if (ev.origin !== origin || !ev.data || ev.data.message_id !== id || called) return;\n"
        + "    called = true; done(ev.data); });\n"
        + "  var f = frame(); if (f) { f.postMessage(msg, origin); } else { called = true; done(null); } }\n";
  }

  private static String page(String title, String js, String body) {
    return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>"
        + Html.escape(title)
        + "</title></head>\n<body>\n"
        + body
        + "\n<script>\n"
        + js
        + "</script>\n</body></html>\n";
  }

  /** A JavaScript string literal, safe inside a script element. */
  static String js(String s) {
    StringBuilder sb = new StringBuilder("'");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '\'' -> sb.append("\\'");
        case '\\' -> sb.append("\\\\");
        case '<' -> sb.append("\\u003c");
        case '>' -> sb.append("\\u003e");
        case '&' -> sb.append("\\u0026");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\u2028' -> sb.append("\\u2028");
        case '\u2029' -> sb.append("\\u2029");
        default -> sb.append(c);
      }
    }
    return sb.append('\'').toString();
  }
}
