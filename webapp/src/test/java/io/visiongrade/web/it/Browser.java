package io.visiongrade.web.it;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A minimal browser for LTI flows: follows redirects, keeps cookies (also {@code Secure} ones on
 * http://127.0.0.1, as browsers do for loopback), and submits the self-posting forms that LTI uses.
 */
public final class Browser {

  private static final Pattern FORM =
      Pattern.compile("<form[^>]*action=\"([^\"]*)\"[^>]*>(.*?)</form>", Pattern.DOTALL);
  private static final Pattern INPUT =
      Pattern.compile("<input[^>]*name=\"([^\"]*)\"[^>]*value=\"([^\"]*)\"[^>]*>");

  private final HttpClient client =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final Map<String, String> cookies = new LinkedHashMap<>();

  /** The last response and the URL it came from. */
  public record Page(URI url, HttpResponse<String> response) {
    public String body() {
      return response.body();
    }

    public int status() {
      return response.statusCode();
    }
  }

  public Map<String, String> cookies() {
    return cookies;
  }

  /** GET, following redirects. */
  public Page get(URI url) {
    return follow(HttpRequest.newBuilder(url).GET(), url);
  }

  /** POST a form, following redirects. */
  public Page post(URI url, Map<String, String> form) {
    return follow(
        HttpRequest.newBuilder(url)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(encode(form))),
        url);
  }

  /** Submits the first form of a page (the LTI auto-post), following redirects. */
  public Page submitForm(Page page) {
    return submitForm(page, 0, Map.of());
  }

  /** Submits form {@code index} of a page with extra or replaced fields. */
  public Page submitForm(Page page, int index, Map<String, String> overrides) {
    Matcher m = FORM.matcher(page.body());
    for (int i = 0; i <= index; i++) {
      if (!m.find()) {
        throw new AssertionError("No form " + index + " in " + page.url() + ": " + page.body());
      }
    }
    URI action = page.url().resolve(unescape(m.group(1)));
    Map<String, String> fields = fields(m.group(2));
    fields.putAll(overrides);
    return post(action, fields);
  }

  /** The hidden and text inputs of the first form of a page. */
  public static Map<String, String> firstForm(Page page) {
    Matcher m = FORM.matcher(page.body());
    if (!m.find()) {
      throw new AssertionError("No form in " + page.url());
    }
    return fields(m.group(2));
  }

  private static Map<String, String> fields(String formHtml) {
    Map<String, String> fields = new LinkedHashMap<>();
    Matcher in = INPUT.matcher(formHtml);
    while (in.find()) {
      fields.put(unescape(in.group(1)), unescape(in.group(2)));
    }
    return fields;
  }

  private Page follow(HttpRequest.Builder request, URI url) {
    URI current = url;
    HttpRequest.Builder next = request;
    for (int hop = 0; hop < 10; hop++) {
      if (!cookies.isEmpty()) {
        next.header(
            "Cookie",
            cookies.entrySet().stream()
                .map(c -> c.getKey() + "=" + c.getValue())
                .collect(Collectors.joining("; ")));
      }
      HttpResponse<String> r = send(next.timeout(Duration.ofSeconds(60)).build());
      r.headers().allValues("Set-Cookie").forEach(this::store);
      int s = r.statusCode();
      if (s == 301 || s == 302 || s == 303 || s == 307) {
        current = current.resolve(r.headers().firstValue("Location").orElseThrow());
        next = HttpRequest.newBuilder(current).GET();
        continue;
      }
      return new Page(current, r);
    }
    throw new AssertionError("Too many redirects from " + url);
  }

  private void store(String setCookie) {
    String pair = setCookie.split(";", 2)[0];
    int eq = pair.indexOf('=');
    String name = pair.substring(0, eq).strip();
    String value = pair.substring(eq + 1).strip();
    if (value.isEmpty() || setCookie.toLowerCase().contains("max-age=0")) {
      cookies.remove(name);
    } else {
      cookies.put(name, value);
    }
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new AssertionError(request.method() + " " + request.uri() + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  static String encode(Map<String, String> form) {
    return form.entrySet().stream()
        .map(
            e ->
                URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }

  static String unescape(String s) {
    return s.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
  }
}
