package io.visiongrade.web.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The page frame in a real browser: a launch through the dev LMS lands on a page whose scripts run
 * under the Content-Security-Policy without console errors, and the static assets are served.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class PagesSmokeIT {

  @Deployment(testable = false)
  static WebArchive app() {
    return Deployments.war();
  }

  @Test
  void aLaunchedPageLoadsItsScriptsUnderTheContentSecurityPolicy() {
    String title = "Smoke page " + System.nanoTime();
    new LmsLaunches(Deployments.BASE).placeExercise(title, "IMAGE_ANSWER", 10);
    try (Chromium browser = new Chromium()) {
      browser.launchAs(Deployments.BASE, "student-1");
      browser.waitFor("main h1", 10);
      assertTrue(browser.find("#exercise").getText().contains(title));
      assertEquals(Boolean.TRUE, browser.script("return typeof window.VG === 'object';"));
      assertEquals("en", browser.script("return document.documentElement.lang;"));
      List<String> errors = browser.consoleErrors();
      assertTrue(errors.isEmpty(), "console errors: " + errors);
      browser.screenshot("home-student");
    }
  }

  @Test
  void staticAssetsAreServedWithTheirTypes() {
    Http http = new Http(Deployments.BASE);
    HttpResponse<String> css = http.send(http.request("static/app.css").build());
    assertEquals(200, css.statusCode());
    assertTrue(css.headers().firstValue("Content-Type").orElse("").startsWith("text/css"));
    HttpResponse<String> js = http.send(http.request("static/app.js").build());
    assertEquals(200, js.statusCode());
    assertTrue(js.body().contains("window.VG"));
    HttpResponse<String> missing = http.send(http.request("static/nope.js").build());
    assertEquals(404, missing.statusCode());
    String csp = css.headers().firstValue("Content-Security-Policy").orElse("");
    assertTrue(csp.startsWith("frame-ancestors 'self'"), csp);
  }
}
