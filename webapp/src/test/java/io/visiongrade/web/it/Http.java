package io.visiongrade.web.it;

import static org.junit.jupiter.api.Assertions.fail;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A small HTTP client for black-box tests. */
public final class Http {

  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final String base;

  /** A client for the application at {@code base} (ending in '/'). */
  public Http(String base) {
    this.base = base.endsWith("/") ? base : base + "/";
  }

  /** The base URL. */
  public String base() {
    return base;
  }

  public HttpResponse<String> get(String path) {
    return send(request(path).GET().build());
  }

  public HttpResponse<String> getAsAdmin(String path) {
    return send(request(path).header("Authorization", "Bearer " + Deployments.ADMIN_TOKEN).build());
  }

  public HttpResponse<String> postAsAdmin(String path) {
    return send(
        request(path)
            .header("Authorization", "Bearer " + Deployments.ADMIN_TOKEN)
            .POST(HttpRequest.BodyPublishers.noBody())
            .build());
  }

  public HttpResponse<String> send(HttpRequest request) {
    try {
      return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new AssertionError("HTTP " + request.method() + " " + request.uri() + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Sends and returns the body as bytes (images). */
  public HttpResponse<byte[]> sendBytes(HttpRequest request) {
    try {
      return CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new AssertionError("HTTP " + request.method() + " " + request.uri() + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  public HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
  }

  /** Waits until {@code /health/ready} answers 200, or fails after {@code seconds}. */
  public JsonObject awaitReady(int seconds) {
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    HttpResponse<String> last = null;
    while (System.nanoTime() < deadline) {
      last = get("health/ready");
      if (last.statusCode() == 200) {
        return json(last).asJsonObject();
      }
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return fail("Not ready after " + seconds + " s: " + (last == null ? "-" : last.body()));
  }

  /** The response body as JSON. */
  public static JsonStructure json(HttpResponse<String> response) {
    try (var reader = Json.createReader(new StringReader(response.body()))) {
      return reader.read();
    }
  }
}
