package io.visiongrade.web.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
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
 * The first run: a server in demo mode with seeding on (as {@code mvn -Prun package} starts it)
 * fills the emulated course by itself. The dev LMS page lists "Draw a triangle" and the classifier
 * challenge; the course model trains as a job and is promoted; a student launched from the page
 * draws a triangle (black pen on white, rendered here) and gets ACCEPTED, a square is not accepted.
 * After a restart on the same data nothing is duplicated and the model is not trained again.
 */
@ExtendWith(ArquillianExtension.class)
class DemoSeedIT {

  private static final String CONTAINER = "wildfly-demo";
  private static final String APP = "demo-app";
  private static final String DRAW = "Draw a triangle";
  private static final String CHALLENGE = "Build a shape classifier";

  /**
   * How long the demo course model may take to be promoted (a minute on 2 idle cores; shared CI
   * machines are far slower).
   */
  private static final int MODEL_READY_SECONDS = 900;

  @Deployment(name = APP, managed = false, testable = false)
  @TargetsContainer(CONTAINER)
  static WebArchive app() {
    return Deployments.war("visiongrade.war");
  }

  @ArquillianResource ContainerController controller;
  @ArquillianResource Deployer deployer;

  @Test
  void aNewcomerDrawsATriangleAndNothingDuplicatesAfterARestart() throws Exception {
    Http http = new Http(Deployments.RESTART_BASE);
    long start = System.nanoTime();
    controller.start(CONTAINER);
    try {
      deployer.deploy(APP);
      http.awaitReady(180);
      String page = coursePage(http);
      assertEquals(1, count(page, "<h3>" + DRAW + "</h3>"), page);
      assertEquals(1, count(page, "<h3>" + CHALLENGE + "</h3>"), page);

      String teacher = launch(page, DRAW, "teacher-1");
      JsonObject model = awaitPromoted(http, teacher, MODEL_READY_SECONDS);
      double seconds = (System.nanoTime() - start) / 1e9;
      double testAccuracy =
          model
              .getJsonObject("metrics")
              .getJsonObject("test")
              .getJsonNumber("accuracy")
              .doubleValue();
      System.out.printf(
          "DemoSeedIT: model version %d promoted %.0f s after the server start; held-out synthetic"
              + " test accuracy %.3f%n",
          model.getInt("version"), seconds, testAccuracy);
      assertTrue(testAccuracy >= 0.85, "test accuracy " + testAccuracy);
      assertTrue(
          serverLog().contains("Demo ready: open " + Deployments.RESTART_BASE + "dev-lms/"),
          "the ready line in the server log");

      long drawId = exerciseId(http, teacher, DRAW);
      JsonObject exercise =
          Http.json(ChallengeIT.get(http, "api/course/exercises/" + drawId, teacher))
              .asJsonObject();
      assertTrue(exercise.toString().contains("triangle"), exercise.toString());

      String student = launch(page, DRAW, "student-1");
      String answers = "api/course/exercises/" + drawId + "/answers?prompt=0";
      JsonObject triangle = answer(http, answers, student, drawing("triangle"));
      assertEquals("triangle", triangle.getString("expectedClass"));
      assertEquals("ACCEPTED", triangle.getString("decision"), triangle.toString());
      assertEquals(model.getInt("version"), triangle.getInt("modelVersion"));
      JsonObject square = answer(http, answers, student, drawing("square"));
      assertNotEquals("ACCEPTED", square.getString("decision"), square.toString());
      assertEquals(
          "square",
          square.getJsonArray("topClasses").getJsonObject(0).getString("class"),
          square.toString());

      String studentOfChallenge = launch(page, CHALLENGE, "student-2");
      assertEquals(
          200, ChallengeIT.get(http, "api/course/exercises", studentOfChallenge).statusCode());

      List<String> titlesBefore = exerciseTitles(http, teacher);
      int modelsBefore = models(http, teacher).size();

      controller.stop(CONTAINER);
      controller.start(CONTAINER);
      http.awaitReady(180);

      String again = coursePage(http);
      assertEquals(1, count(again, "<h3>" + DRAW + "</h3>"), again);
      assertEquals(1, count(again, "<h3>" + CHALLENGE + "</h3>"), again);
      String teacherAgain = launch(again, DRAW, "teacher-1");
      assertEquals(titlesBefore, exerciseTitles(http, teacherAgain));
      JsonArray modelsAfter = models(http, teacherAgain);
      assertEquals(modelsBefore, modelsAfter.size(), "not trained again: " + modelsAfter);
      JsonObject promoted = awaitPromoted(http, teacherAgain, 30);
      assertEquals(model.getJsonNumber("id").longValue(), promoted.getJsonNumber("id").longValue());

      String studentAgain = launch(again, DRAW, "student-3");
      JsonObject afterRestart = answer(http, answers, studentAgain, drawing("triangle"));
      assertEquals("ACCEPTED", afterRestart.getString("decision"), afterRestart.toString());
    } finally {
      try {
        deployer.undeploy(APP);
      } finally {
        controller.stop(CONTAINER);
      }
    }
  }

  private static String coursePage(Http http) {
    HttpResponse<String> r = http.get("dev-lms/");
    assertEquals(200, r.statusCode(), r.body());
    return r.body();
  }

  /** Launches the activity titled {@code title} as {@code user}; the session token. */
  private static String launch(String coursePage, String title, String user) {
    int at = coursePage.indexOf("<h3>" + title + "</h3>");
    assertTrue(at >= 0, coursePage);
    Matcher m =
        Pattern.compile("href=\"(launch\\?user=" + user + "&amp;link=[^\"]+)\"")
            .matcher(coursePage);
    assertTrue(m.find(at), coursePage);
    Browser b = new Browser();
    URI url =
        URI.create(Deployments.RESTART_BASE).resolve("dev-lms/" + Browser.unescape(m.group(1)));
    Browser.Page home = b.submitForm(b.get(url));
    assertEquals(200, home.status(), home.body());
    assertTrue(home.body().contains(title), home.body());
    String query = home.url().getQuery();
    return query.substring(query.indexOf("session=") + "session=".length());
  }

  private static JsonObject awaitPromoted(Http http, String teacher, int seconds)
      throws InterruptedException {
    long until = System.nanoTime() + seconds * 1_000_000_000L;
    while (true) {
      for (JsonValue v : models(http, teacher)) {
        JsonObject m = v.asJsonObject();
        assertNotEquals("FAILED", m.getString("state"), m.toString());
        if (m.getBoolean("promoted")) {
          assertEquals("READY", m.getString("state"));
          return m;
        }
      }
      assertTrue(System.nanoTime() < until, "no promoted model after " + seconds + " s");
      Thread.sleep(1000);
    }
  }

  private static JsonArray models(Http http, String teacher) {
    HttpResponse<String> r = ChallengeIT.get(http, "api/course/models", teacher);
    assertEquals(200, r.statusCode(), r.body());
    return Http.json(r).asJsonArray();
  }

  private static List<String> exerciseTitles(Http http, String teacher) {
    HttpResponse<String> r = ChallengeIT.get(http, "api/course/exercises", teacher);
    assertEquals(200, r.statusCode(), r.body());
    List<String> titles =
        Http.json(r).asJsonArray().stream()
            .map(v -> v.asJsonObject().getString("title"))
            .sorted()
            .toList();
    assertEquals(List.of(CHALLENGE, DRAW), titles, "one of each, nothing else");
    return titles;
  }

  private static long exerciseId(Http http, String teacher, String title) {
    HttpResponse<String> r = ChallengeIT.get(http, "api/course/exercises", teacher);
    assertEquals(200, r.statusCode(), r.body());
    return Http.json(r).asJsonArray().stream()
        .map(JsonValue::asJsonObject)
        .filter(o -> o.getString("title").equals(title))
        .findFirst()
        .orElseThrow()
        .getJsonNumber("id")
        .longValue();
  }

  private static JsonObject answer(Http http, String path, String student, byte[] png) {
    HttpResponse<String> r = ImageAnswersIT.post(http, path, student, "image/png", png);
    assertEquals(201, r.statusCode(), r.body());
    return Http.json(r).asJsonObject();
  }

  /**
   * A shape drawn as a person draws it on a 280-pixel canvas: a black pen 10 pixels wide on white,
   * one stroke, corners a little off, the end overshooting the start.
   */
  static byte[] drawing(String shape) throws IOException {
    int s = 280;
    BufferedImage img = new BufferedImage(s, s, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, s, s);
      g.setColor(Color.BLACK);
      g.setStroke(new BasicStroke(10, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
      Path2D.Double p = new Path2D.Double();
      if (shape.equals("triangle")) {
        p.moveTo(142, 48);
        p.lineTo(236, 222);
        p.lineTo(47, 215);
        p.lineTo(136, 56);
      } else {
        p.moveTo(62, 70);
        p.lineTo(214, 64);
        p.lineTo(220, 214);
        p.lineTo(66, 220);
        p.lineTo(60, 78);
      }
      g.draw(p);
    } finally {
      g.dispose();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(img, "png", out);
    return out.toByteArray();
  }

  private static int count(String text, String part) {
    int n = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }

  private static String serverLog() throws IOException {
    return Files.readString(Path.of("target/it-demo-base/log/server.log"));
  }
}
