package io.visiongrade.lms.lti.support;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/** Query strings and form bodies. */
public final class Urls {

  private Urls() {}

  /** {@code application/x-www-form-urlencoded} encoding of the non-null parameters, in order. */
  public static String form(Map<String, String> params) {
    StringJoiner joiner = new StringJoiner("&");
    params.forEach(
        (k, v) -> {
          if (v != null) {
            joiner.add(encode(k) + "=" + encode(v));
          }
        });
    return joiner.toString();
  }

  /** Appends parameters to a URL that may already have a query string. */
  public static URI withQuery(URI base, Map<String, String> params) {
    String query = form(params);
    if (query.isEmpty()) {
      return base;
    }
    String s = base.toString();
    int hash = s.indexOf('#');
    String fragment = hash >= 0 ? s.substring(hash) : "";
    String head = hash >= 0 ? s.substring(0, hash) : s;
    String sep = head.contains("?") ? (head.endsWith("?") || head.endsWith("&") ? "" : "&") : "?";
    return URI.create(head + sep + query + fragment);
  }

  /** Decodes a query string or form body; the first value of a repeated name wins. */
  public static Map<String, String> parseForm(String body) {
    Map<String, String> out = new LinkedHashMap<>();
    if (body == null || body.isEmpty()) {
      return out;
    }
    for (String pair : body.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      out.putIfAbsent(k, v);
    }
    return out;
  }

  /**
   * Inserts a path segment at the end of a URL's path, keeping its query: {@code
   * https://p/li/1?type=x} + {@code scores} gives {@code https://p/li/1/scores?type=x}.
   */
  public static URI appendPath(URI url, String segment) {
    String path = url.getRawPath() == null ? "" : url.getRawPath();
    String newPath = (path.endsWith("/") ? path : path + "/") + segment;
    StringBuilder sb = new StringBuilder();
    sb.append(url.getScheme()).append("://").append(url.getRawAuthority()).append(newPath);
    if (url.getRawQuery() != null) {
      sb.append('?').append(url.getRawQuery());
    }
    return URI.create(sb.toString());
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
