package io.visiongrade.lms.lti.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UrlsTest {

  @Test
  void insertsScoresIntoThePathAndKeepsTheQuery() {
    assertEquals(
        URI.create("https://lms.example/api/lineitems/3/lineitem/scores?type_id=2&x=a%20b"),
        Urls.appendPath(
            URI.create("https://lms.example/api/lineitems/3/lineitem?type_id=2&x=a%20b"),
            "scores"));
    assertEquals(
        URI.create("https://lms.example/li/3/scores"),
        Urls.appendPath(URI.create("https://lms.example/li/3/"), "scores"));
    assertEquals(
        URI.create("http://127.0.0.1:8080/li/3/scores"),
        Urls.appendPath(URI.create("http://127.0.0.1:8080/li/3"), "scores"));
  }

  @Test
  void appendsQueryParametersEncoded() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("a", "x y&z");
    p.put("skip", null);
    p.put("b", "é");
    assertEquals(
        URI.create("https://p.example/auth?t=1&a=x+y%26z&b=%C3%A9"),
        Urls.withQuery(URI.create("https://p.example/auth?t=1"), p));
    assertEquals(
        URI.create("https://p.example/auth?a=x+y%26z&b=%C3%A9"),
        Urls.withQuery(URI.create("https://p.example/auth"), p));
  }

  @Test
  void parsesForms() {
    assertEquals(Map.of("a", "x y", "b", "", "c", "1"), Urls.parseForm("a=x+y&b&c=1&c=2"));
  }

  @Test
  void escapesHtml() {
    assertEquals("&lt;a href=&quot;x&quot;&gt;&amp;&#39;", Html.escape("<a href=\"x\">&'"));
  }
}
