package io.visiongrade.web.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Trains a tiny CNN through DJL inside WildFly, through the real WAR, and proves that DJL's native
 * library survives what kills it when DJL sits in {@code WEB-INF/lib}: undeploy + redeploy, and two
 * deployments of the app side by side.
 */
@ExtendWith(ArquillianExtension.class)
class EngineInContainerIT {

  private static final String MAIN = "main";
  private static final String SECOND = "second";
  private static final String BASE = Deployments.BASE;

  @Deployment(name = MAIN, managed = false, testable = false)
  static WebArchive main() {
    return Deployments.war("visiongrade-main.war");
  }

  @Deployment(name = SECOND, managed = false, testable = false)
  static WebArchive second() {
    return Deployments.warAt("visiongrade-second.war", "/second");
  }

  @ArquillianResource Deployer deployer;

  @Test
  void trainsAfterRedeployAndBesideASecondDeployment() throws Exception {
    Http main = new Http(BASE);
    Http second = new Http(BASE + "second/");
    deployer.deploy(MAIN);
    try {
      main.awaitReady(120);
      assertTrained(main.postAsAdmin("api/admin/diagnostics/engine-checks"));

      deployer.undeploy(MAIN);
      deployer.deploy(MAIN);
      main.awaitReady(120);
      assertTrained(main.postAsAdmin("api/admin/diagnostics/engine-checks"));

      deployer.deploy(SECOND);
      try {
        second.awaitReady(120);
        CompletableFuture<HttpResponse<String>> a =
            CompletableFuture.supplyAsync(
                () -> main.postAsAdmin("api/admin/diagnostics/engine-checks"));
        CompletableFuture<HttpResponse<String>> b =
            CompletableFuture.supplyAsync(
                () -> second.postAsAdmin("api/admin/diagnostics/engine-checks"));
        assertTrained(a.get());
        assertTrained(b.get());
      } finally {
        deployer.undeploy(SECOND);
      }
      // The first deployment still trains after the second went away.
      assertTrained(main.postAsAdmin("api/admin/diagnostics/engine-checks"));
    } finally {
      deployer.undeploy(MAIN);
    }
  }

  private static void assertTrained(HttpResponse<String> response) {
    assertEquals(201, response.statusCode(), response.body());
    JsonObject check = Http.json(response).asJsonObject();
    assertEquals("PyTorch", check.getString("engine"));
    assertTrue(check.getBoolean("passed"), check.toString());
    assertTrue(
        check.getJsonNumber("finalLoss").doubleValue()
            < check.getJsonNumber("initialLoss").doubleValue(),
        check.toString());
    assertTrue(response.headers().firstValue("Location").orElseThrow().contains("/engine-checks/"));
  }
}
