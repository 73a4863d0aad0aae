package io.visiongrade.lms.lti.platform;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Supplier;

/** Where the emulated platform gets the tool's public key set (JWKS JSON). */
@FunctionalInterface
public interface ToolKeySource {

  String load() throws IOException;

  /** In the same JVM, e.g. {@code ToolKeySource.of(toolKeyManager::publicJwks)}. */
  static ToolKeySource of(Supplier<String> jwksJson) {
    return jwksJson::get;
  }

  /** Over HTTP from the tool's JWKS URL. */
  static ToolKeySource http(HttpClient client, URI jwksUrl) {
    return () -> {
      try {
        HttpResponse<String> r =
            client.send(
                HttpRequest.newBuilder(jwksUrl).timeout(Duration.ofSeconds(5)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
          throw new IOException("HTTP " + r.statusCode() + " from " + jwksUrl);
        }
        return r.body();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      }
    };
  }
}
