package io.visiongrade.web.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The student pages in a real browser: a student draws an answer on the canvas (pointer strokes,
 * Ctrl+Z undo) and gets a decision with probability bars and a heat map; a student edits a spec
 * (form and JSON in sync, live server check with shapes and parameters, an invalid spec's message),
 * submits it, watches the progress page and lands on the results with the confusion matrix heat
 * map, the misclassified validation gallery and the leaderboard. No console errors.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class StudentPagesIT {

  @Deployment(testable = false)
  static WebArchive app() {
    return Deployments.war();
  }

  @ArquillianResource URL base;

  static final String TINY_SPEC =
      """
      {"input": {"width": 16, "height": 16, "channels": 1},
       "layers": [ {"type": "conv2d", "filters": 4, "kernel": [3, 3], "activation": "relu"},
                   {"type": "maxpool2d", "pool": [2, 2]}, {"type": "flatten"},
                   {"type": "dense", "units": "classes"} ],
       "optimizer": {"type": "adam", "learningRate": 0.01},
       "training": {"epochs": 1, "batchSize": 8, "seed": 1} }
      """;

  private static HttpResponse<String> put(Http http, String path, String token, String json) {
    return http.send(
        http.request(path)
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(json))
            .build());
  }

  private static long uploadShapes(Http http, String teacher) throws Exception {
    HttpResponse<String> dataset =
        ImageAnswersIT.post(
            http,
            "api/course/datasets?name=shapes&width=16&channels=1&seed=3",
            teacher,
            "application/zip",
            ChallengeIT.shapesZip());
    assertEquals(201, dataset.statusCode(), dataset.body());
    return Http.json(dataset).asJsonObject().getJsonNumber("id").longValue();
  }

  /** Counts the dark pixels of a canvas. */
  private static long darkPixels(Chromium browser, String canvasId) {
    return ((Number)
            browser.script(
                "var c = document.getElementById(arguments[0]);"
                    + "var d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                    + "var n = 0; for (var i = 0; i < d.length; i += 4) { if (d[i] < 128) n++; }"
                    + "return n;",
                canvasId))
        .longValue();
  }

  private static void triangle(Chromium browser, WebElement canvas) {
    Actions a = new Actions(browser.driver());
    a.moveToElement(canvas, 0, -90).clickAndHold();
    int[][] path = {{80, 160}, {-160, 0}, {80, -160}};
    for (int[] leg : path) {
      for (int i = 0; i < 8; i++) {
        a.moveByOffset(leg[0] / 8, leg[1] / 8);
      }
    }
    a.release().perform();
  }

  @Test
  void aStudentDrawsAnAnswerAndGetsADecisionWithProbabilityBars() throws Exception {
    Http http = new Http(base.toString());
    http.awaitReady(120);
    LmsLaunches lms = new LmsLaunches(base.toString());
    String title = "Draw page " + System.nanoTime();
    String page = lms.placeExercise(title, "IMAGE_ANSWER", 10);
    String teacher = lms.launchAs(page, "teacher-1");
    long exerciseId = lms.exerciseId(http, teacher, title);
    long datasetId = uploadShapes(http, teacher);
    HttpResponse<String> saved =
        put(
            http,
            "api/course/exercises/" + exerciseId + "/settings",
            teacher,
            """
            {"datasetId": %d, "prompts": [ {"text": "Draw a <triangle>", "expectedClass": "triangle"} ],
             "acceptThreshold": 0.6, "rejectThreshold": 0.2}
            """
                .formatted(datasetId));
    assertEquals(200, saved.statusCode(), saved.body());
    HttpResponse<String> queued =
        ImageAnswersIT.post(
            http,
            "api/course/models",
            teacher,
            "application/json",
            ("{\"datasetId\": " + datasetId + ", \"spec\": " + ChallengeIT.SPEC + "}").getBytes());
    assertEquals(202, queued.statusCode(), queued.body());
    long modelId = Http.json(queued).asJsonObject().getJsonNumber("id").longValue();
    JsonObject model = ImageAnswersIT.awaitModel(http, teacher, modelId);
    assertEquals("READY", model.getString("state"), model.toString());
    HttpResponse<String> promoted =
        ImageAnswersIT.post(
            http,
            "api/course/models/" + modelId + "/promote",
            teacher,
            "application/json",
            new byte[0]);
    assertEquals(200, promoted.statusCode(), promoted.body());

    try (Chromium browser = new Chromium()) {
      browser.launchAs(base.toString(), "student-1");
      browser.waitFor("#open-exercise", 10).click();
      WebElement canvas = browser.waitFor("#p0-canvas", 20);
      // The prompt's text is escaped, the facts are there.
      assertTrue(browser.find("#p0-h").getText().contains("Draw a <triangle>"));
      assertTrue(
          browser.find("#attempts").getText().contains("0"), browser.find("#attempts").getText());
      assertTrue(browser.find("#next-grading").getText().length() > 0);

      // A stroke, undone with Ctrl+Z, then the triangle.
      assertEquals(0, darkPixels(browser, "p0-canvas"));
      new Actions(browser.driver())
          .moveToElement(canvas, -60, -60)
          .clickAndHold()
          .moveByOffset(40, 40)
          .release()
          .perform();
      assertTrue(darkPixels(browser, "p0-canvas") > 0);
      new Actions(browser.driver())
          .keyDown(Keys.CONTROL)
          .sendKeys("z")
          .keyUp(Keys.CONTROL)
          .perform();
      assertEquals(0, darkPixels(browser, "p0-canvas"));
      triangle(browser, canvas);
      assertTrue(darkPixels(browser, "p0-canvas") > 200);
      browser.screenshot("student-exercise-draw");

      browser.find("section.student-prompt [data-action=submit-drawing]").click();
      browser.waitFor("#p0-result [data-decision]", 30);
      String decision = browser.find("#p0-result [data-decision]").getAttribute("data-decision");
      assertTrue(List.of("ACCEPTED", "REJECTED", "REVIEW").contains(decision), decision);
      List<WebElement> meters = browser.findAll("#p0-result meter");
      assertEquals(3, meters.size());
      double sum = 0;
      for (WebElement meter : meters) {
        sum += Double.parseDouble(meter.getAttribute("value"));
      }
      assertTrue(sum > 0.5 && sum <= 1.0001, "top-3 probabilities sum to " + sum);
      new WebDriverWait(browser.driver(), Duration.ofSeconds(30))
          .until(
              d ->
                  Boolean.TRUE.equals(
                      browser.script(
                          "var i = document.querySelector('#p0-result img.student-heatmap');"
                              + "return !!i && i.complete && i.naturalWidth > 0;")));
      browser.screenshot("student-answer-result");

      // The history is server-rendered: a reload shows the answer.
      browser.driver().navigate().refresh();
      browser.waitFor("#answers-history", 10);
      assertTrue(browser.findAll("#answers-history tbody tr").size() >= 1);
      assertTrue(browser.find("#attempts").getText().contains("1"));
      List<String> errors = browser.consoleErrors();
      assertTrue(errors.isEmpty(), "console errors: " + errors);
    }
  }

  @Test
  void aStudentEditsASpecWatchesTheProgressAndReadsTheResults() throws Exception {
    Http http = new Http(base.toString());
    http.awaitReady(120);
    LmsLaunches lms = new LmsLaunches(base.toString());
    String title = "Spec page " + System.nanoTime();
    String page = lms.placeExercise(title, "CLASSIFIER_CHALLENGE", 10);
    String teacher = lms.launchAs(page, "teacher-1");
    long exerciseId = lms.exerciseId(http, teacher, title);
    long datasetId = uploadShapes(http, teacher);
    HttpResponse<String> saved =
        put(
            http,
            "api/course/exercises/" + exerciseId + "/settings",
            teacher,
            """
            {"datasetId": %d, "computeCaps": {"wallSeconds": 120, "maxParameters": 200000,
             "maxEpochs": 1}, "rubric": {"metric": "ACCURACY", "baseline": 0.0, "target": 1.0}}
            """
                .formatted(datasetId));
    assertEquals(200, saved.statusCode(), saved.body());

    try (Chromium browser = new Chromium()) {
      browser.launchAs(base.toString(), "student-2");
      browser.waitFor("#open-exercise", 10).click();
      browser.waitFor("#spec-json", 20);
      // The seed preset, adapted to the exercise's input and epoch cap, is checked by the server.
      browser.waitFor("#spec-valid", 30);
      String preset = browser.find("#spec-json").getAttribute("value");
      assertTrue(preset.contains("\"width\": 16") && preset.contains("\"epochs\": 1"), preset);
      assertTrue(browser.findAll("#spec-summary tbody tr").size() >= 5);

      // JSON -> form: a tiny spec typed into the JSON view; form -> JSON: the batch size field.
      setJson(browser, TINY_SPEC);
      new WebDriverWait(browser.driver(), Duration.ofSeconds(10))
          .until(d -> browser.findAll("#layers li").size() == 4);
      WebElement batch = browser.find("#tr-batch");
      batch.clear();
      batch.sendKeys("4");
      new WebDriverWait(browser.driver(), Duration.ofSeconds(10))
          .until(
              d -> browser.find("#spec-json").getAttribute("value").contains("\"batchSize\": 4"));
      // Three classes: 4*(3*3*1)+4 = 40 conv parameters; 7*7*4*3 + 3 = 591 dense: 631.
      browser.waitForText("#spec-check", "631 parameters", 20);
      browser.screenshot("student-spec-editor");

      // An invalid spec: the engine's message, live.
      setJson(browser, TINY_SPEC.replace("\"filters\": 4", "\"filters\": 2.5"));
      browser.waitForText("#spec-check", "filters must be an integer", 20);
      assertEquals("alert", browser.find("#spec-check").getAttribute("role"));
      for (String e : browser.consoleErrors()) {
        // The failed check is logged by the browser as a failed request, nothing else.
        assertTrue(e.contains("specs/check") && e.contains("400"), e);
      }
      setJson(browser, TINY_SPEC.replace("\"batchSize\": 8", "\"batchSize\": 4"));
      browser.waitFor("#spec-valid", 20);

      browser.find("#submit-spec").click();
      new WebDriverWait(browser.driver(), Duration.ofSeconds(30))
          .until(d -> d.getCurrentUrl().contains("/app/submissions/"));
      browser.waitFor("#sub-status", 10);
      boolean sawProgress = !browser.findAll("#progress").isEmpty();
      if (sawProgress) {
        browser.screenshot("student-progress");
      }
      // The progress page reloads itself into the results.
      new WebDriverWait(browser.driver(), Duration.ofSeconds(180))
          .pollingEvery(Duration.ofMillis(200))
          .until(d -> !d.findElements(By.cssSelector("#score, #failure")).isEmpty());
      assertTrue(browser.findAll("#failure").isEmpty(), () -> browser.find("#failure").getText());
      if (!sawProgress) {
        browser.screenshot("student-progress");
      }
      assertEquals("Graded", browser.find("#sub-status").getText());
      assertTrue(
          browser.find("#rubric").getText().contains("0.000"), browser.find("#rubric").getText());
      assertFalse(browser.findAll("svg.confusion").isEmpty(), "no confusion matrix");
      assertEquals(3, browser.findAll("#per-class tbody tr").size());
      assertFalse(browser.findAll("#leaderboard tbody tr").isEmpty());
      assertTrue(browser.find("#leaderboard").getText().contains("you"));
      assertFalse(browser.find("#leaderboard").getText().contains("student-2"));
      assertEquals(1, browser.findAll("#attempts-history tbody tr").size());
      // The gallery shows validation images only (or says none was misclassified).
      List<WebElement> thumbs = browser.findAll("#gallery img");
      if (!thumbs.isEmpty()) {
        String first = browser.find("#gallery li").getText();
        assertTrue(first.contains("true: ") && first.contains("predicted: "), first);
        assertFalse(first.contains("not recorded"), first);
        new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
            .until(
                d ->
                    Boolean.TRUE.equals(
                        browser.script(
                            "return Array.prototype.every.call("
                                + "document.querySelectorAll('#gallery img'),"
                                + " function (i) { return i.complete && i.naturalWidth > 0; });")));
      }
      browser.screenshot("student-results");
      List<String> errors = browser.consoleErrors();
      assertTrue(errors.isEmpty(), "console errors: " + errors);

      // Another student cannot open the results page; only listed validation images are served.
      String url = browser.url();
      String own =
          url.substring(url.indexOf("session=") + "session=".length()).replaceAll("&.*", "");
      long submissionId = Long.parseLong(url.replaceAll(".*/app/submissions/([0-9]+).*", "$1"));
      String other =
          lms.launchAs(
              new Browser().get(java.net.URI.create(base + "dev-lms/")).body(), "student-1");
      assertEquals(200, ChallengeIT.get(http, "app/submissions/" + submissionId, own).statusCode());
      assertEquals(
          404, ChallengeIT.get(http, "app/submissions/" + submissionId, other).statusCode());
      String images = "api/course/submissions/" + submissionId + "/validation-images?image=";
      assertEquals(404, ChallengeIT.get(http, images + "nope", own).statusCode());
      if (!thumbs.isEmpty()) {
        String src = thumbs.get(0).getAttribute("src");
        String image = src.replaceAll(".*[?&]image=([^&]+).*", "$1");
        assertEquals(200, ChallengeIT.get(http, images + image, own).statusCode());
        assertEquals(404, ChallengeIT.get(http, images + image, other).statusCode());
        // The heat map stored while grading (the tiny spec has a conv layer): owner only.
        List<WebElement> heat = browser.findAll("#gallery img.heatmap");
        assertFalse(heat.isEmpty(), "no heat map in the gallery");
        browser.script("document.getElementById('gallery').scrollIntoView();");
        browser.screenshot("student-gallery-heatmaps");
        assertTrue(
            heat.get(0).getAttribute("alt").contains("where the model looked for"),
            heat.get(0).getAttribute("alt"));
        assertTrue(
            browser.find("#gallery li").getText().contains("where the model looked for"),
            browser.find("#gallery li").getText());
        String hm =
            "api/course/submissions/"
                + submissionId
                + "/validation-images?heatmap=true&image="
                + heat.get(0).getAttribute("src").replaceAll(".*[?&]image=([^&]+).*", "$1");
        HttpResponse<String> mine = ChallengeIT.get(http, hm, own);
        assertEquals(200, mine.statusCode(), mine.body());
        assertEquals("image/png", mine.headers().firstValue("Content-Type").orElse(""));
        assertEquals(404, ChallengeIT.get(http, hm, other).statusCode());
        assertEquals(
            404,
            ChallengeIT.get(
                    http,
                    "api/course/submissions/"
                        + submissionId
                        + "/validation-images?heatmap=true"
                        + "&image=nope",
                    own)
                .statusCode());
      }
    }
  }

  private static void setJson(Chromium browser, String json) {
    browser.script(
        "var t = document.getElementById('spec-json'); t.value = arguments[0];"
            + "t.dispatchEvent(new Event('input', {bubbles: true}));",
        json);
  }
}
