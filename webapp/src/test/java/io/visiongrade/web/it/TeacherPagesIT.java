package io.visiongrade.web.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The teacher pages in a real browser, launched through the dev LMS: the teacher uploads a tiny
 * dataset and sees its thumbnails, sets up an image-answer exercise in the settings form (a refused
 * setting is shown next to its field), trains the course model with live progress until READY and
 * promotes it; a student's answer that the thresholds send to review is accepted with the keyboard
 * in the review queue. No console errors; screenshots of each page.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TeacherPagesIT {

  @Deployment(testable = false)
  static WebArchive app() {
    return Deployments.war();
  }

  @Test
  void aTeacherSetsUpTrainsAndReviews() throws Exception {
    String base = Deployments.BASE;
    Http http = new Http(base);
    http.awaitReady(120);
    LmsLaunches lms = new LmsLaunches(base);
    String title = "Teacher pages " + System.nanoTime();
    String coursePage = lms.placeExercise(title, "IMAGE_ANSWER", 10);
    String teacherToken = lms.launchAs(coursePage, "teacher-1");
    long exerciseId = lms.exerciseId(http, teacherToken, title);
    String datasetName = "tiny shapes " + System.nanoTime();
    Path zip = Files.createTempFile("tiny-shapes", ".zip");
    Files.write(zip, ChallengeIT.shapesZip());

    try (Chromium browser = new Chromium()) {
      browser.launchAs(base, "teacher-1");
      browser.waitFor("main h1", 10);

      // Datasets: upload with the progress bar (XHR), then the new dataset with its thumbnails.
      browser.find("header.top a[href*='app/teach/datasets']").click();
      browser.waitFor("#upload", 10);
      browser.find("#ds-name").sendKeys(datasetName);
      browser.find("#ds-file").sendKeys(zip.toAbsolutePath().toString());
      browser.find("#upload details summary").click();
      browser.find("#ds-width").sendKeys("16");
      browser.find("#ds-height").sendKeys("16");
      browser.find("#ds-channels").sendKeys("1");
      browser.find("#ds-seed").sendKeys("3");
      browser.find("#upload-button").click();
      new WebDriverWait(browser.driver(), Duration.ofSeconds(60))
          .until(d -> d.getCurrentUrl().contains("done=uploaded"));
      browser.waitFor("#notice", 10);
      String datasetId =
          (String)
              browser.script(
                  "var s = Array.from(document.querySelectorAll('section.dataset')).find("
                      + "x => x.querySelector('h3').textContent.indexOf(arguments[0]) >= 0);"
                      + " if (!s) return null; s.scrollIntoView(); return s.id.substring(8);",
                  datasetName);
      assertTrue(datasetId != null, "the uploaded dataset is listed");
      WebElement section = browser.find("#dataset-" + datasetId);
      assertTrue(section.getText().contains("36 images in 3 classes"), section.getText());
      assertTrue(section.getText().contains("triangle"), section.getText());
      new WebDriverWait(browser.driver(), Duration.ofSeconds(30))
          .until(
              d ->
                  Boolean.TRUE.equals(
                      browser.script(
                          "var imgs = document.querySelectorAll('#dataset-' + arguments[0]"
                              + " + ' img.thumb'); return imgs.length >= 4 && Array.from(imgs)"
                              + ".every(i => i.complete && i.naturalWidth === 16);",
                          datasetId)));
      assertNoConsoleErrors(browser);
      browser.screenshot("teacher-datasets");

      // Exercise settings: a refused setting is shown next to its field, then a good save.
      browser.open(base + "app/teach/exercises/" + exerciseId + "?session=" + teacherToken);
      browser.waitFor("#settings", 10);
      new Select(browser.find("#f-datasetId")).selectByValue(datasetId);
      type(browser, "#f-prompts-0-text", "Draw a triangle");
      type(browser, "#f-prompts-0-class", "triangle");
      type(browser, "#f-acceptThreshold", "0.5");
      type(browser, "#f-rejectThreshold", "0.9");
      type(browser, "#f-maxAttempts", "5");
      browser.find("#save").click();
      browser.waitFor("#form-errors", 10);
      WebElement fieldError = browser.find("#err-f-rejectThreshold");
      assertTrue(fieldError.getText().contains("rejectThreshold"), fieldError.getText());
      assertEquals("true", browser.find("#f-rejectThreshold").getAttribute("aria-invalid"));
      assertEquals("Draw a triangle", browser.find("#f-prompts-0-text").getAttribute("value"));
      assertEquals("5", browser.find("#f-maxAttempts").getAttribute("value"));
      // τ_accept = 1 is out of reach of a model trained for two epochs: the answer goes to review.
      type(browser, "#f-acceptThreshold", "1");
      type(browser, "#f-rejectThreshold", "0");
      browser.find("#save").click();
      browser.waitFor("#notice", 10);
      assertTrue(browser.findAll("#form-errors").isEmpty());
      assertEquals("triangle", browser.find("#f-prompts-0-class").getAttribute("value"));
      assertEquals("1", browser.find("#f-acceptThreshold").getAttribute("value"));
      assertEquals("5", browser.find("#f-maxAttempts").getAttribute("value"));
      assertNoConsoleErrors(browser);
      browser.screenshot("teacher-exercise-settings");

      // Course model: train with live progress until READY, then promote.
      browser.find("header.top a[href*='app/teach/models']").click();
      browser.waitFor("#train", 10);
      new Select(browser.find("#md-dataset")).selectByValue(datasetId);
      browser.find("#train details summary").click();
      // Long enough (40 epochs of tiny data) that the page shows progress before READY.
      browser
          .find("#md-spec")
          .sendKeys(ChallengeIT.SPEC.replace("\"epochs\": 2", "\"epochs\": 40"));
      browser.find("#train-button").click();
      browser.waitFor("#notice", 20);
      String modelId =
          (String)
              browser.script(
                  "var r = document.querySelector('#versions tbody tr');"
                      + " return r ? r.dataset.model : null;");
      assertTrue(modelId != null);
      // Record what the live progress shows (kept across the reload at the end of training).
      browser.script(
          "var t = document.querySelector('#model-' + arguments[0] + ' .progress-text');"
              + " if (t) new MutationObserver(function () { sessionStorage.setItem('seen',"
              + " (sessionStorage.getItem('seen') || '') + '|' + t.textContent); })"
              + ".observe(t, {childList: true, characterData: true, subtree: true});",
          modelId);
      new WebDriverWait(browser.driver(), Duration.ofSeconds(240))
          .pollingEvery(Duration.ofMillis(500))
          .until(
              d ->
                  !d.findElements(By.cssSelector("#model-" + modelId + "[data-state='READY']"))
                      .isEmpty());
      String seen = (String) browser.script("return sessionStorage.getItem('seen');");
      assertTrue(
          seen != null && (seen.contains("Epoch") || seen.contains("Training finished")),
          "live progress shown: " + seen);
      browser.waitFor("#version-" + modelId + " svg.confusion", 10);
      browser.find("#promote-" + modelId).click();
      // Another test class may have promoted a model of the shared course already: wait for this
      // version's own badge (the reloaded page), not just the banner.
      browser.waitFor("#model-" + modelId + " .promoted-badge", 20);
      browser.waitForText("#promoted", "is promoted", 10);
      assertTrue(
          browser.find("#model-" + modelId).getText().contains("Promoted"),
          browser.find("#model-" + modelId).getText());
      assertNoConsoleErrors(browser);
      browser.screenshot("teacher-models");

      // A student's answer lands in the review queue; the teacher accepts it with the keyboard.
      String student = lms.launchAs(coursePage, "student-1");
      HttpResponse<String> answered =
          ImageAnswersIT.post(
              http,
              "api/course/exercises/" + exerciseId + "/answers?prompt=0",
              student,
              "image/png",
              ImageAnswersIT.trianglePng());
      assertEquals(201, answered.statusCode(), answered.body());
      JsonObject answer = Http.json(answered).asJsonObject();
      assertEquals("REVIEW", answer.getString("decision"), answered.body());
      long answerId = answer.getJsonNumber("id").longValue();

      browser.find("header.top a[href*='app/teach/reviews']").click();
      browser.waitFor("#answer-" + answerId, 10);
      WebElement item = browser.find("#answer-" + answerId);
      assertTrue(item.getText().contains("triangle"), item.getText());
      assertTrue(browser.find("#shortcuts").getText().contains("A"));
      new WebDriverWait(browser.driver(), Duration.ofSeconds(10))
          .until(
              d ->
                  Boolean.TRUE.equals(
                      browser.script(
                          "var i = document.querySelectorAll('#answer-' + arguments[0] + ' img');"
                              + " return i.length === 2 && Array.from(i).every("
                              + "x => x.complete && x.naturalWidth > 0);",
                          answerId)));
      browser.script("document.getElementById('answer-' + arguments[0]).focus();", answerId);
      browser.screenshot("teacher-review-queue");
      browser.driver().switchTo().activeElement().sendKeys("a");
      browser.waitForText("#review-status", "Answer " + answerId + ": accepted", 15);
      assertTrue(browser.findAll("#answer-" + answerId).isEmpty());
      String focused =
          (String)
              browser.script(
                  "var a = document.activeElement; return a ? (a.id || a.tagName) : null;");
      assertTrue(
          focused != null && (focused.startsWith("answer-") || focused.equals("queue-empty")),
          "focus moved to the next answer: " + focused);
      assertNoConsoleErrors(browser);

      // Gradebook: the student's accepted answer, its delivery to the LMS and the CSV export.
      browser.find("header.top a[href*='app/teach/gradebook']").click();
      browser.waitFor("#gradebook", 20);
      new Select(browser.find("#gb-exercise")).selectByValue(String.valueOf(exerciseId));
      browser.find(".gradebook-tools button[type=submit]").click();
      browser.waitFor("#col-" + exerciseId, 20);
      WebElement row = browser.find("#student-student-1");
      assertTrue(row.getText().contains("10 / 10"), row.getText());
      assertTrue(
          browser.find("#csv").getAttribute("href").contains("api/course/gradebook.csv?exercise="),
          browser.find("#csv").getAttribute("href"));
      assertNoConsoleErrors(browser);
      browser.screenshot("teacher-gradebook");
    } finally {
      Files.deleteIfExists(zip);
    }

    // The decision reached the student's answer and grade.
    String student = lms.launchAs(coursePage, "student-1");
    HttpResponse<String> mine = ChallengeIT.get(http, "api/course/answers", student);
    assertEquals(200, mine.statusCode(), mine.body());
    assertTrue(
        Http.json(mine).asJsonArray().stream()
            .map(v -> v.asJsonObject())
            .anyMatch(
                a ->
                    a.getJsonNumber("exerciseId").longValue() == exerciseId
                        && a.getString("decision").equals("ACCEPTED")),
        mine.body());
  }

  @Test
  void studentsGetAForbiddenPage() {
    Http http = new Http(Deployments.BASE);
    http.awaitReady(120);
    LmsLaunches lms = new LmsLaunches(Deployments.BASE);
    String title = "Teacher only " + System.nanoTime();
    String coursePage = lms.placeExercise(title, "IMAGE_ANSWER", 10);
    String student = lms.launchAs(coursePage, "student-2");
    String teacher = lms.launchAs(coursePage, "teacher-1");
    long exerciseId = lms.exerciseId(http, teacher, title);
    for (String path :
        List.of(
            "app/teach/exercises/" + exerciseId,
            "app/teach/datasets",
            "app/teach/models",
            "app/teach/reviews",
            "app/teach/gradebook")) {
      HttpResponse<String> r = http.get(path + "?session=" + student);
      assertEquals(403, r.statusCode(), path);
      assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), path);
      assertTrue(r.body().contains("id=\"forbidden\""), r.body());
      HttpResponse<String> ok = http.get(path + "?session=" + teacher);
      assertEquals(200, ok.statusCode(), path + ": " + ok.body());
    }
    assertEquals(401, http.get("app/teach/datasets").statusCode());
  }

  @Test
  void theFormsWorkWithoutJavaScript() throws Exception {
    Http http = new Http(Deployments.BASE);
    http.awaitReady(120);
    LmsLaunches lms = new LmsLaunches(Deployments.BASE);
    String title = "Challenge form " + System.nanoTime();
    String coursePage = lms.placeExercise(title, "CLASSIFIER_CHALLENGE", 10);
    String teacher = lms.launchAs(coursePage, "teacher-1");
    long exerciseId = lms.exerciseId(http, teacher, title);
    String page = "app/teach/exercises/" + exerciseId + "?session=" + teacher;

    // A challenge's form has the rubric, blind phase and compute caps, and no prompts.
    HttpResponse<String> form = http.get(page);
    assertEquals(200, form.statusCode(), form.body());
    assertTrue(form.body().contains("id=\"f-rubric-metric\""), form.body());
    assertTrue(form.body().contains("id=\"f-computeCaps-maxEpochs\""), form.body());
    assertFalse(form.body().contains("id=\"f-prompts-0-text\""), form.body());

    // Bean Validation (the REST input's constraints) and the domain's rules, next to the fields.
    HttpResponse<String> refused =
        postForm(
            http,
            page,
            "maxAttempts=-1&computeCaps.wallSeconds=5&computeCaps.maxParameters=1000"
                + "&computeCaps.maxEpochs=2&rubric.metric=ACCURACY&dailyCap=abc");
    assertEquals(200, refused.statusCode(), refused.body());
    assertTrue(refused.body().contains("id=\"err-f-maxAttempts\""), refused.body());
    assertTrue(refused.body().contains("id=\"err-f-dailyCap\""), refused.body());
    assertTrue(refused.body().contains("value=\"-1\""), refused.body());
    HttpResponse<String> late =
        postForm(
            http,
            page,
            "opensAt=2026-12-10T09:00&dueAt=2026-12-01T09:00&rubric.metric=MACRO_F1"
                + "&allowedKinds=SPEC");
    assertTrue(late.body().contains("id=\"err-f-dueAt\""), late.body());
    HttpResponse<String> saved =
        postForm(
            http,
            page,
            "opensAt=2026-12-01T09:00&dueAt=2026-12-10T09:00&late.percentPerDay=10"
                + "&late.capPercent=50&rubric.metric=MACRO_F1&rubric.baseline=0.25"
                + "&publicTestFraction=0.5&allowedKinds=SPEC&allowedKinds=PREDICTIONS_CSV"
                + "&attemptSelection=LAST&extensions=student-2+%3D+2026-12-12T09%3A00"
                + "&maxScore=20&chargeUserErrors=on");
    assertEquals(303, saved.statusCode(), saved.body());
    JsonObject x =
        Http.json(ChallengeIT.get(http, "api/course/exercises/" + exerciseId, teacher))
            .asJsonObject();
    assertEquals("2026-12-10T09:00:00Z", x.getString("dueAt"), x.toString());
    assertEquals("MACRO_F1", x.getString("metric"), x.toString());
    assertEquals("LAST", x.getString("attemptSelection"), x.toString());
    assertEquals(20.0, x.getJsonNumber("maxScore").doubleValue(), 1e-9, x.toString());
    assertEquals(2, x.getJsonArray("allowedKinds").size(), x.toString());
    assertEquals(
        "2026-12-12T09:00:00Z",
        x.getJsonObject("settings").getJsonObject("extensions").getString("student-2"),
        x.toString());

    HttpResponse<String> again = http.get(page);
    assertTrue(again.body().contains("id=\"f-chargeUserErrors\" value=\"on\" checked"));
    HttpResponse<String> rescore =
        postForm(http, "app/teach/exercises/" + exerciseId + "/rescore?session=" + teacher, "");
    assertEquals(303, rescore.statusCode(), rescore.body());
    assertTrue(
        rescore.headers().firstValue("Location").orElse("").contains("done=rescor"),
        rescore.headers().toString());

    // The review form: a bad verdict is said on the page.
    HttpResponse<String> review =
        postForm(http, "app/teach/reviews/999999999?session=" + teacher, "verdict=MAYBE");
    assertEquals(200, review.statusCode(), review.body());
    assertTrue(review.body().contains("verdict must be ACCEPT, REJECT or RELABEL"));

    // The upload form without a file.
    String boundary = "----vg" + System.nanoTime();
    String multipart =
        "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nnothing\r\n--"
            + boundary
            + "--\r\n";
    HttpResponse<String> upload =
        http.send(
            http.request("app/teach/datasets?session=" + teacher)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(multipart))
                .build());
    assertEquals(200, upload.statusCode(), upload.body());
    assertTrue(upload.body().contains("id=\"upload-error\""), upload.body());
    assertTrue(upload.body().contains("Choose a zip file"), upload.body());
  }

  private static HttpResponse<String> postForm(Http http, String path, String body) {
    return http.send(
        http.request(path)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  private static void type(Chromium browser, String css, String text) {
    WebElement e = browser.find(css);
    e.clear();
    e.sendKeys(text);
  }

  private static void assertNoConsoleErrors(Chromium browser) {
    List<String> errors = browser.consoleErrors();
    assertFalse(errors.stream().findAny().isPresent(), "console errors: " + errors);
  }
}
