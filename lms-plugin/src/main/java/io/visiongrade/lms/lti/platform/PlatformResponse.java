package io.visiongrade.lms.lti.platform;

import java.util.LinkedHashMap;
import java.util.Map;

/** What an emulated platform endpoint answers: status, headers and body text. */
public record PlatformResponse(int status, Map<String, String> headers, String body) {

  public PlatformResponse {
    headers = Map.copyOf(headers);
  }

  public static PlatformResponse json(int status, String contentType, String body) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("Content-Type", contentType);
    h.put("Cache-Control", "no-store");
    return new PlatformResponse(status, h, body);
  }

  public static PlatformResponse noContent() {
    return new PlatformResponse(204, Map.of(), "");
  }

  /** An OAuth2 / JSON error body: {@code {"error": ..., "error_description": ...}}. */
  public static PlatformResponse error(int status, String error, String description) {
    return json(
        status,
        "application/json",
        com.nimbusds.jose.util.JSONObjectUtils.toJSONString(
            Map.of("error", error, "error_description", description)));
  }

  public PlatformResponse withHeader(String name, String value) {
    Map<String, String> h = new LinkedHashMap<>(headers);
    h.put(name, value);
    return new PlatformResponse(status, h, body);
  }
}
