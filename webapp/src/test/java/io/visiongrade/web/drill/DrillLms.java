package io.visiongrade.web.drill;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.visiongrade.lms.lti.ToolConfiguration;
import io.visiongrade.lms.lti.platform.PlatformEmulator;
import io.visiongrade.lms.lti.platform.PlatformResponse;
import io.visiongrade.lms.lti.platform.ResourceLinkPlacement;
import io.visiongrade.lms.lti.platform.ToolKeySource;
import io.visiongrade.web.it.Browser;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An LMS in its own process (the drill's JVM), separate from the tool's server: the product's
 * {@link PlatformEmulator} behind the JDK's HTTP server at {@code http://127.0.0.1:PORT/lms/}.
 * Being outside the tool, it keeps its course, line items and gradebook while the tool's server is
 * killed and restarted, and it can fail on purpose: {@link Fault} makes its token and score
 * endpoints refuse connections, answer 500, answer 429 with Retry-After, or hang.
 *
 * <p>It counts every score it accepted, by (line item, user, timestamp): a count above one is a
 * duplicate delivery.
 */
final class DrillLms implements AutoCloseable {

  /** What the token and score endpoints do. */
  enum Fault {
    /** Answer normally. */
    NONE,
    /** The listener is closed: connection refused. */
    REFUSED,
    /** HTTP 500. */
    ERROR_500,
    /** HTTP 429 with {@code Retry-After: 3}. */
    TOO_MANY_429,
    /**
     * Hang longer than the tool's 10 s platform timeout, then answer 504 without storing anything
     * (an overloaded gateway that gave up).
     */
    SLOW
  }

  static final Duration SLOW_HANG = Duration.ofSeconds(12);
  private static final Pattern USER = Pattern.compile("\"userId\"\\s*:\\s*\"([^\"]+)\"");
  private static final Pattern TIMESTAMP = Pattern.compile("\"timestamp\"\\s*:\\s*\"([^\"]+)\"");

  private final int port;
  private final PlatformEmulator emulator;
  private final URI toolBase;
  private volatile Fault fault = Fault.NONE;
  private volatile HttpServer server;
  private final Map<String, AtomicInteger> accepted = new ConcurrentHashMap<>();
  private final AtomicInteger scorePosts = new AtomicInteger();
  private final AtomicInteger tokenPosts = new AtomicInteger();
  private final AtomicInteger faulted = new AtomicInteger();

  DrillLms(int port, URI toolBase, int students) {
    this.port = port;
    this.toolBase = toolBase;
    this.emulator =
        new PlatformEmulator(
            URI.create("http://127.0.0.1:" + port + "/lms"),
            "drill-client",
            "drill-deployment",
            ToolConfiguration.under("VisionGrade", toolBase),
            cached(
                ToolKeySource.http(
                    HttpClient.newHttpClient(), toolBase.resolve(".well-known/jwks.json"))),
            Clock.systemUTC(),
            students);
    listen();
  }

  /**
   * The tool's key set as LMSs keep it: fetched again each time (keys rotate), the last good copy
   * used while the tool is slow to answer (a busy machine, a server just restarted).
   */
  private static ToolKeySource cached(ToolKeySource source) {
    java.util.concurrent.atomic.AtomicReference<String> last =
        new java.util.concurrent.atomic.AtomicReference<>();
    return () -> {
      try {
        String jwks = source.load();
        last.set(jwks);
        return jwks;
      } catch (IOException e) {
        if (last.get() == null) {
          throw e;
        }
        return last.get();
      }
    };
  }

  PlatformEmulator emulator() {
    return emulator;
  }

  /** The registration to post to the tool's {@code /api/admin/platforms}. */
  String registrationJson() {
    var r = emulator.registration();
    return """
        {"issuer": "%s", "clientId": "%s", "deploymentIds": ["drill-deployment"],
         "authLoginUrl": "%s", "tokenUrl": "%s", "jwksUrl": "%s", "name": "Drill LMS"}
        """
        .formatted(r.issuer(), r.clientId(), r.authLoginUrl(), r.tokenUrl(), r.jwksUrl());
  }

  synchronized void fault(Fault f) {
    if (f == Fault.REFUSED && server != null) {
      server.stop(0);
      server = null;
    } else if (f != Fault.REFUSED && server == null) {
      listen();
    }
    fault = f;
  }

  private synchronized void listen() {
    try {
      HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 200);
      s.createContext("/lms/", this::handle);
      s.setExecutor(Executors.newCachedThreadPool());
      s.start();
      server = s;
    } catch (IOException e) {
      throw new IllegalStateException("The drill LMS cannot listen on port " + port, e);
    }
  }

  private void handle(HttpExchange x) throws IOException {
    try (x) {
      String method = x.getRequestMethod();
      String path = x.getRequestURI().getPath();
      byte[] in;
      try (InputStream body = x.getRequestBody()) {
        in = body.readAllBytes();
      }
      String body = new String(in, StandardCharsets.UTF_8);
      boolean token = path.endsWith("/token");
      boolean score = path.endsWith("/scores") && method.equals("POST");
      if (token) {
        tokenPosts.incrementAndGet();
      }
      if (score) {
        scorePosts.incrementAndGet();
      }
      Fault f = fault;
      if ((token || score) && f != Fault.NONE) {
        faulted.incrementAndGet();
        switch (f) {
          case ERROR_500 -> send(x, PlatformResponse.error(500, "server_error", "drill: down"));
          case TOO_MANY_429 ->
              send(
                  x,
                  PlatformResponse.error(429, "too_many_requests", "drill: busy")
                      .withHeader("Retry-After", "3"));
          case SLOW -> {
            sleep(SLOW_HANG);
            send(x, PlatformResponse.error(504, "gateway_timeout", "drill: gave up"));
          }
          default -> send(x, PlatformResponse.error(503, "unavailable", "drill"));
        }
        return;
      }
      Map<String, String> headers = new HashMap<>();
      x.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v.get(0)));
      URI full = URI.create("http://127.0.0.1:" + port + x.getRequestURI());
      PlatformResponse r = emulator.handle(method, full, headers, body);
      if (score && r.status() / 100 == 2) {
        accepted
            .computeIfAbsent(
                path + " " + find(USER, body) + " " + find(TIMESTAMP, body),
                k -> new AtomicInteger())
            .incrementAndGet();
      }
      send(x, r);
    } catch (RuntimeException e) {
      e.printStackTrace();
      throw e;
    }
  }

  private static String find(Pattern p, String s) {
    Matcher m = p.matcher(s);
    return m.find() ? m.group(1) : "?";
  }

  private static void send(HttpExchange x, PlatformResponse r) throws IOException {
    r.headers().forEach((k, v) -> x.getResponseHeaders().add(k, v));
    byte[] b = r.body().getBytes(StandardCharsets.UTF_8);
    x.sendResponseHeaders(r.status(), b.length == 0 ? -1 : b.length);
    if (b.length > 0) {
      try (OutputStream out = x.getResponseBody()) {
        out.write(b);
      }
    }
  }

  static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Scores accepted, by "line-item-path user timestamp". */
  Map<String, Integer> accepted() {
    Map<String, Integer> m = new HashMap<>();
    accepted.forEach((k, v) -> m.put(k, v.get()));
    return m;
  }

  int acceptedTotal() {
    return accepted.values().stream().mapToInt(AtomicInteger::get).sum();
  }

  int scorePosts() {
    return scorePosts.get();
  }

  int faulted() {
    return faulted.get();
  }

  /** The last score the gradebook holds per user for the placement's line item. */
  Map<String, Double> gradebook(ResourceLinkPlacement p) {
    Map<String, Double> m = new HashMap<>();
    p.lineItem()
        .ifPresent(
            li -> {
              for (Map<String, Object> s : emulator.services().scores(li)) {
                Object given = s.get("scoreGiven");
                m.put(
                    String.valueOf(s.get("userId")),
                    given instanceof Number n ? n.doubleValue() : Double.NaN);
              }
            });
    return m;
  }

  // --- Browser steps ----------------------------------------------------------------------------

  /** Places an exercise by Deep Linking as the teacher; the new placement. */
  ResourceLinkPlacement placeExercise(String title, String kind, int maxScore) {
    Browser teacher = new Browser();
    Browser.Page picker = teacher.submitForm(teacher.get(emulator.startDeepLinking("teacher-1")));
    check(picker.status() == 200, "deep linking picker: " + picker.status() + " " + picker.body());
    String session = Browser.firstForm(picker).get("session");
    Browser.Page response =
        teacher.post(
            toolBase.resolve("app/deep-link"),
            Map.of(
                "session",
                session,
                "title",
                title,
                "kind",
                kind,
                "maxScore",
                Integer.toString(maxScore)));
    Browser.Page placed = teacher.submitForm(response);
    check(placed.status() == 200, "deep link return: " + placed.status() + " " + placed.body());
    List<ResourceLinkPlacement> all = emulator.placements();
    return all.get(all.size() - 1);
  }

  /** Launches a placement as a user; the session token for the REST API. */
  String launch(ResourceLinkPlacement p, String user) {
    Browser b = new Browser();
    Browser.Page home = b.submitForm(b.get(emulator.startLaunch(user, p.id())));
    check(home.status() == 200, "launch of " + user + ": " + home.status() + " " + home.body());
    String query = home.url().getQuery();
    return query.substring(query.indexOf("session=") + "session=".length());
  }

  static void check(boolean ok, String what) {
    if (!ok) {
      throw new IllegalStateException(what);
    }
  }

  @Override
  public synchronized void close() {
    if (server != null) {
      server.stop(0);
      server = null;
    }
  }
}
