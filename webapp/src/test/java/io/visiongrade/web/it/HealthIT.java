package io.visiongrade.web.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Health, the front page, the OpenAPI document and the error format, on the deployed WAR. */
@ExtendWith(ArquillianExtension.class)
class HealthIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.war();
  }

  @ArquillianResource URL base;

  @Test
  void readinessReportsDatabaseEngineAndStorage() {
    Http http = new Http(base.toString());
    JsonObject ready = http.awaitReady(120);
    assertEquals("UP", ready.getString("status"));
    Set<String> names =
        ready.getJsonArray("checks").stream()
            .map(c -> c.asJsonObject().getString("name"))
            .collect(Collectors.toSet());
    assertEquals(Set.of("database", "engine", "storage"), names);
    JsonObject engine =
        ready.getJsonArray("checks").stream()
            .map(c -> c.asJsonObject())
            .filter(c -> c.getString("name").equals("engine"))
            .findFirst()
            .orElseThrow();
    assertEquals("PyTorch", engine.getJsonObject("data").getString("engine"));
  }

  @Test
  void livenessIsUpAndCarriesARequestId() {
    HttpResponse<String> live = new Http(base.toString()).get("health/live");
    assertEquals(200, live.statusCode());
    assertEquals("UP", Http.json(live).asJsonObject().getString("status"));
    assertTrue(live.headers().firstValue("X-Request-Id").isPresent());
    assertEquals("no-referrer", live.headers().firstValue("Referrer-Policy").orElse(""));
    assertEquals("nosniff", live.headers().firstValue("X-Content-Type-Options").orElse(""));
  }

  @Test
  void aSaneRequestIdFromTheCallerIsKept() {
    Http http = new Http(base.toString());
    HttpResponse<String> r =
        http.send(http.request("health/live").header("X-Request-Id", "trace-12345678").build());
    assertEquals("trace-12345678", r.headers().firstValue("X-Request-Id").orElseThrow());
    HttpResponse<String> bad =
        http.send(http.request("health/live").header("X-Request-Id", "<script>").build());
    assertFalse(bad.headers().firstValue("X-Request-Id").orElseThrow().contains("<"));
  }

  @Test
  void frontPageIsServedAtTheContextRoot() {
    HttpResponse<String> page = new Http(base.toString()).get("");
    assertEquals(200, page.statusCode());
    assertTrue(page.body().contains("<h1>VisionGrade</h1>"), page.body());
  }

  @Test
  void openApiDocumentDescribesTheApi() {
    HttpResponse<String> doc = new Http(base.toString()).get("openapi?format=JSON");
    assertEquals(200, doc.statusCode(), doc.body());
    JsonObject paths = Http.json(doc).asJsonObject().getJsonObject("paths");
    assertTrue(paths.containsKey("/health/ready"), paths.keySet().toString());
    assertTrue(
        paths.containsKey("/api/admin/diagnostics/engine-checks"), paths.keySet().toString());
    assertFalse(paths.containsKey("/"), "pages are not part of the API");
  }

  @Test
  void unknownAddressIsAProblemDocument() {
    HttpResponse<String> r = new Http(base.toString()).get("api/no-such-thing");
    assertEquals(404, r.statusCode());
    assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElseThrow());
    JsonObject problem = Http.json(r).asJsonObject();
    assertEquals(404, problem.getInt("status"));
    assertEquals(
        r.headers().firstValue("X-Request-Id").orElseThrow(), problem.getString("requestId"));
  }

  @Test
  void adminApiNeedsTheAdminToken() {
    Http http = new Http(base.toString());
    HttpResponse<String> none = http.get("api/admin/diagnostics/engine-checks");
    assertEquals(401, none.statusCode());
    assertTrue(none.headers().firstValue("WWW-Authenticate").orElseThrow().startsWith("Bearer"));
    HttpResponse<String> wrong =
        http.send(
            http.request("api/admin/diagnostics/engine-checks")
                .header("Authorization", "Bearer not-the-token")
                .build());
    assertEquals(401, wrong.statusCode());
    assertEquals(200, http.getAsAdmin("api/admin/diagnostics/engine-checks").statusCode());
  }

  @Test
  void invalidQueryParameterIsA400NamingTheProblem() {
    HttpResponse<String> r =
        new Http(base.toString()).getAsAdmin("api/admin/diagnostics/engine-checks?limit=0");
    assertEquals(400, r.statusCode());
    assertTrue(
        Http.json(r).asJsonObject().getString("detail").contains("greater than or equal to 1"));
  }
}
