package io.visiongrade.web.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import org.jboss.arquillian.container.test.api.ContainerController;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A JPA round trip on the embedded file-based database that survives a real server restart: the JVM
 * stops and a new one starts on the same data directory.
 */
@ExtendWith(ArquillianExtension.class)
class RestartSurvivalIT {

  private static final String CONTAINER = "wildfly-restart";
  private static final String APP = "restart-app";

  @Deployment(name = APP, managed = false, testable = false)
  @TargetsContainer(CONTAINER)
  static WebArchive app() {
    return Deployments.war("visiongrade.war");
  }

  @ArquillianResource ContainerController controller;
  @ArquillianResource Deployer deployer;

  @Test
  void storedRecordIsThereAfterRestart() {
    Http http = new Http(Deployments.RESTART_BASE);
    controller.start(CONTAINER);
    try {
      deployer.deploy(APP);
      http.awaitReady(120);
      HttpResponse<String> created = http.postAsAdmin("api/admin/diagnostics/engine-checks");
      assertEquals(201, created.statusCode(), created.body());
      JsonObject before = Http.json(created).asJsonObject();
      long id = before.getJsonNumber("id").longValue();

      controller.stop(CONTAINER);
      controller.start(CONTAINER);
      http.awaitReady(120);

      HttpResponse<String> read = http.getAsAdmin("api/admin/diagnostics/engine-checks/" + id);
      assertEquals(200, read.statusCode(), read.body());
      JsonObject after = Http.json(read).asJsonObject();
      assertEquals(before.getString("engineVersion"), after.getString("engineVersion"));
      assertEquals(
          before.getJsonNumber("finalLoss").doubleValue(),
          after.getJsonNumber("finalLoss").doubleValue());
      assertEquals(before.getString("startedAt"), after.getString("startedAt"));
    } finally {
      try {
        deployer.undeploy(APP);
      } finally {
        controller.stop(CONTAINER);
      }
    }
  }
}
