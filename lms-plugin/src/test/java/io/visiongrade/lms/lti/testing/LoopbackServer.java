package io.visiongrade.lms.lti.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/** A JDK HTTP server on 127.0.0.1 with an ephemeral port, routing by longest path prefix. */
public final class LoopbackServer implements AutoCloseable {

  /** A request as the handler sees it. */
  public record Request(String method, URI uri, Map<String, List<String>> headers, String body) {
    public String header(String name) {
      for (Map.Entry<String, List<String>> e : headers.entrySet()) {
        if (e.getKey() != null && e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
          return e.getValue().get(0);
        }
      }
      return null;
    }
  }

  /** A response to send. */
  public record Response(int status, Map<String, String> headers, String body) {
    public static Response json(int status, String body) {
      return new Response(status, Map.of("Content-Type", "application/json"), body);
    }

    public static Response of(int status, String contentType, String body) {
      return new Response(status, Map.of("Content-Type", contentType), body);
    }
  }

  private final HttpServer server;
  private final ExecutorService executor;
  private final Map<String, Function<Request, Response>> routes = new ConcurrentHashMap<>();
  private final List<Request> received = new CopyOnWriteArrayList<>();

  private LoopbackServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  public static LoopbackServer start() {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      // Several threads: a handler may call back into this server (the platform fetching the
      // tool's key set while answering a token request).
      ExecutorService executor = Executors.newFixedThreadPool(4);
      server.setExecutor(executor);
      LoopbackServer loopback = new LoopbackServer(server, executor);
      server.createContext("/", loopback::handle);
      server.start();
      return loopback;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An HTTP/1.1 client with short timeouts, as the tool code would be given. */
  public static HttpClient client() {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(2))
        .build();
  }

  public LoopbackServer route(String pathPrefix, Function<Request, Response> handler) {
    routes.put(pathPrefix, handler);
    return this;
  }

  public URI url(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  public List<Request> requests() {
    return received;
  }

  public long count(String pathPrefix) {
    return received.stream().filter(r -> r.uri().getPath().startsWith(pathPrefix)).count();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String body;
      try (InputStream in = exchange.getRequestBody()) {
        body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      URI uri = url(exchange.getRequestURI().toString());
      Request request =
          new Request(
              exchange.getRequestMethod(),
              uri,
              new LinkedHashMap<>(exchange.getRequestHeaders()),
              body);
      received.add(request);
      String path = uri.getPath();
      Function<Request, Response> handler = null;
      int best = -1;
      for (Map.Entry<String, Function<Request, Response>> e : routes.entrySet()) {
        if (path.startsWith(e.getKey()) && e.getKey().length() > best) {
          handler = e.getValue();
          best = e.getKey().length();
        }
      }
      Response response =
          handler == null ? Response.json(404, "{\"error\":\"no route\"}") : handler.apply(request);
      byte[] bytes =
          response.body() == null ? new byte[0] : response.body().getBytes(StandardCharsets.UTF_8);
      response.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
      exchange.sendResponseHeaders(response.status(), bytes.length == 0 ? -1 : bytes.length);
      if (bytes.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      }
    }
  }
}
