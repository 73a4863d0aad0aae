package io.visiongrade.web.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * LTI 1.3 end to end through the real endpoints, with the built-in LMS emulator as the platform:
 * real signed messages, real key sets over HTTP, no bypass of validation.
 */
@ExtendWith(ArquillianExtension.class)
class LtiFlowIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.war();
  }

  @ArquillianResource URL base;

  private URI url(String path) {
    return URI.create(base.toString()).resolve(path);
  }

  @Test
  void teacherPlacesAnExerciseAndAStudentLaunchesIt() {
    new Http(base.toString()).awaitReady(120);
    String title = "Draw a triangle " + System.nanoTime();

    // Teacher: Deep Linking from the LMS, create an exercise, the LMS receives the link.
    Browser teacher = new Browser();
    Browser.Page autoPost = teacher.get(url("dev-lms/add"));
    assertEquals(200, autoPost.status(), autoPost.body());
    assertTrue(teacher.cookies().keySet().stream().anyMatch(c -> c.startsWith("lti_state_")));
    Browser.Page picker = teacher.submitForm(autoPost);
    assertEquals(200, picker.status(), picker.body());
    assertTrue(picker.url().getPath().endsWith("/app/deep-link"), picker.url().toString());
    assertTrue(picker.body().contains("Create a new exercise"), picker.body());
    String session = Browser.firstForm(picker).get("session");
    Browser.Page response =
        teacher.post(
            url("app/deep-link"),
            Map.of("session", session, "title", title, "kind", "IMAGE_ANSWER", "maxScore", "10"));
    assertEquals(200, response.status(), response.body());
    Browser.Page placed = teacher.submitForm(response);
    assertEquals(200, placed.status(), placed.body());
    assertTrue(placed.body().contains(Browser.unescape(Page(title))), placed.body());

    // The course page now lists the activity; a student launches it.
    Browser student = new Browser();
    Browser.Page course = student.get(url("dev-lms/"));
    Matcher launch =
        Pattern.compile("href=\"(launch\\?user=student-1&amp;link=[^\"]+)\"")
            .matcher(course.body());
    String link = null;
    while (launch.find()) {
      link = launch.group(1);
    }
    assertTrue(link != null, course.body());
    Browser.Page studentPost = student.get(url("dev-lms/" + Browser.unescape(link)));
    Browser.Page home = student.submitForm(studentPost);
    assertEquals(200, home.status(), home.body());
    assertTrue(home.url().getPath().endsWith("/app/home"), home.url().toString());
    assertTrue(home.body().contains("Student 1"), home.body());
    assertTrue(home.body().contains(">student<"), home.body());
    assertTrue(home.body().contains(Page(title)), home.body());
    assertFalse(
        student.cookies().keySet().stream().anyMatch(c -> c.startsWith("lti_state_")),
        "the state cookie is cleared after the launch");
  }

  /**
   * Places an exercise as the teacher (Deep Linking) and returns the course page's launch links.
   */
  private String placeExercise(String title) {
    Browser teacher = new Browser();
    Browser.Page picker = teacher.submitForm(teacher.get(url("dev-lms/add")));
    String session = Browser.firstForm(picker).get("session");
    Browser.Page response =
        teacher.post(
            url("app/deep-link"),
            Map.of(
                "session",
                session,
                "title",
                title,
                "kind",
                "CLASSIFIER_CHALLENGE",
                "maxScore",
                "5"));
    assertEquals(200, teacher.submitForm(response).status());
    return new Browser().get(url("dev-lms/")).body();
  }

  /** Launches the last placed activity as {@code user}; returns the session token. */
  private String launchAs(String coursePage, String user) {
    Matcher launch =
        Pattern.compile("href=\"(launch\\?user=" + user + "&amp;link=[^\"]+)\"")
            .matcher(coursePage);
    String link = null;
    while (launch.find()) {
      link = launch.group(1);
    }
    assertTrue(link != null, coursePage);
    Browser b = new Browser();
    Browser.Page home = b.submitForm(b.get(url("dev-lms/" + Browser.unescape(link))));
    assertEquals(200, home.status(), home.body());
    String query = home.url().getQuery();
    return query.substring(query.indexOf("session=") + "session=".length());
  }

  @Test
  void teacherReadsTheRosterFromTheLmsAndStudentsCannot() {
    String page = placeExercise("Roster check");
    Http http = new Http(base.toString());
    HttpResponse<String> roster =
        http.send(
            http.request("api/course/roster")
                .header("Authorization", "Bearer " + launchAs(page, "teacher-1"))
                .header("Accept", "application/json")
                .build());
    assertEquals(200, roster.statusCode(), roster.body());
    JsonObject json = Http.json(roster).asJsonObject();
    assertEquals(6, json.getInt("count"), json.toString());
    assertTrue(roster.body().contains("student-5"), roster.body());

    HttpResponse<String> denied =
        http.send(
            http.request("api/course/roster")
                .header("Authorization", "Bearer " + launchAs(page, "student-2"))
                .build());
    assertEquals(403, denied.statusCode(), denied.body());
  }

  @Test
  void teacherSeesGradeDeliveriesOfTheCourseAndStudentsCannot() {
    String page = placeExercise("Deliveries check");
    Http http = new Http(base.toString());
    String teacher = launchAs(page, "teacher-1");
    HttpResponse<String> list =
        http.send(
            http.request("api/course/score-deliveries")
                .header("Authorization", "Bearer " + teacher)
                .build());
    assertEquals(200, list.statusCode(), list.body());
    assertTrue(list.body().startsWith("["), list.body());

    HttpResponse<String> unknown =
        http.send(
            http.request("api/course/score-deliveries/987654/retry")
                .header("Authorization", "Bearer " + teacher)
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());
    assertEquals(404, unknown.statusCode(), unknown.body());

    HttpResponse<String> denied =
        http.send(
            http.request("api/course/score-deliveries")
                .header("Authorization", "Bearer " + launchAs(page, "student-4"))
                .build());
    assertEquals(403, denied.statusCode(), denied.body());
  }

  @Test
  void keyRotationKeepsTheOldKeyPublishedAndLaunchesWorking() {
    Http http = new Http(base.toString());
    int before = Http.json(http.get("lti/jwks")).asJsonObject().getJsonArray("keys").size();
    HttpResponse<String> rotated = http.postAsAdmin("api/admin/keys/rotate");
    assertEquals(200, rotated.statusCode(), rotated.body());
    String kid = Http.json(rotated).asJsonObject().getString("activeKid");
    JsonObject jwks = Http.json(http.get("lti/jwks")).asJsonObject();
    assertEquals(before + 1, jwks.getJsonArray("keys").size(), jwks.toString());
    assertTrue(jwks.toString().contains(kid));
    // Deep linking responses are now signed with the new key and the platform still accepts them.
    assertTrue(placeExercise("After rotation").contains("After rotation"));
  }

  /**
   * Third-party cookies blocked: the state goes through the platform's postMessage storage ({@code
   * lti_storage_target}) instead. Returns the launch form the platform posts, after the login page
   * that stored the state, plus that state.
   */
  private Map<String, String> launchFormWithStorageTarget(
      String coursePage, Map<String, String> out) {
    Matcher launch =
        Pattern.compile("href=\"(launch\\?user=student-3&amp;link=[^\"]+)\"").matcher(coursePage);
    String link = null;
    while (launch.find()) {
      link = launch.group(1);
    }
    Http http = new Http(base.toString());
    HttpResponse<String> toLogin =
        http.send(http.request("dev-lms/" + Browser.unescape(link)).GET().build());
    assertEquals(303, toLogin.statusCode());
    String login =
        toLogin.headers().firstValue("Location").orElseThrow() + "&lti_storage_target=_parent";
    Browser b = new Browser();
    Browser.Page loginPage = b.get(URI.create(login));
    assertEquals(200, loginPage.status(), loginPage.body());
    assertTrue(loginPage.body().contains("lti.put_data"), loginPage.body());
    Matcher state = Pattern.compile("key:'state_([^']+)'").matcher(loginPage.body());
    assertTrue(state.find(), loginPage.body());
    Matcher next =
        Pattern.compile("window.location.replace\\('([^']+)'\\)").matcher(loginPage.body());
    assertTrue(next.find(), loginPage.body());
    Browser.Page autoPost = b.get(URI.create(next.group(1).replace("\\u0026", "&")));
    Map<String, String> form = new java.util.LinkedHashMap<>(Browser.firstForm(autoPost));
    form.put("lti_storage_target", "_parent");
    out.put("state", state.group(1));
    return form;
  }

  @Test
  void stateFromPlatformStorageReplacesABlockedCookie() {
    String page = placeExercise("Storage check");
    Map<String, String> info = new java.util.HashMap<>();
    Map<String, String> form = launchFormWithStorageTarget(page, info);

    // No cookie: the tool first asks the platform's storage, validating nothing yet.
    Browser.Page ask = new Browser().post(url("lti/launch"), form);
    assertEquals(200, ask.status(), ask.body());
    assertTrue(ask.body().contains("lti.get_data"), ask.body());

    // The page posts the stored state back: the launch is accepted.
    form.put("lti_storage_state", info.get("state"));
    Browser.Page home = new Browser().post(url("lti/launch"), form);
    assertEquals(200, home.status(), home.body());
    assertTrue(home.url().getPath().endsWith("/app/home"), home.url().toString());
  }

  @Test
  void wrongStateFromPlatformStorageIsRejected() {
    String page = placeExercise("Storage forgery");
    Map<String, String> form = launchFormWithStorageTarget(page, new java.util.HashMap<>());
    form.put("lti_storage_state", "not-the-state");
    Browser.Page r = new Browser().post(url("lti/launch"), form);
    assertEquals(401, r.status(), r.body());
  }

  @Test
  void replayedIdTokenIsRejected() {
    Browser browser = new Browser();
    Browser.Page autoPost = browser.get(url("dev-lms/add"));
    Map<String, String> form = Browser.firstForm(autoPost);
    Browser.Page first = browser.submitForm(autoPost);
    assertEquals(200, first.status(), first.body());
    // The same id_token and state again: the state is spent and the nonce is known.
    Browser.Page replay = browser.post(url("lti/launch"), form);
    assertEquals(401, replay.status(), replay.body());
    assertTrue(replay.body().contains("The LMS launch failed"), replay.body());
  }

  @Test
  void launchWithoutBrowserStateIsRejected() {
    Browser browser = new Browser();
    Browser.Page autoPost = browser.get(url("dev-lms/add"));
    Map<String, String> form = Browser.firstForm(autoPost);
    Browser other = new Browser(); // a different browser: no state cookie
    Browser.Page r = other.post(url("lti/launch"), form);
    assertEquals(401, r.status(), r.body());
    assertTrue(r.body().contains("STATE"), r.body());
  }

  @Test
  void malformedLaunchIsA400Page() {
    Browser browser = new Browser();
    Browser.Page r = browser.post(url("lti/launch"), Map.of("id_token", "not-a-jwt", "state", "x"));
    assertEquals(400, r.status(), r.body());
    assertTrue(r.response().headers().firstValue("Content-Type").orElse("").contains("html"));
  }

  @Test
  void loginWithUnknownPlatformIsRejected() {
    Browser browser = new Browser();
    Browser.Page r =
        browser.get(
            url(
                "lti/login?iss=https://unknown.example&login_hint=u&target_link_uri="
                    + url("lti/launch")));
    assertEquals(400, r.status(), r.body());
    assertTrue(r.body().contains("REGISTRATION_UNKNOWN"), r.body());
  }

  @Test
  void toolKeySetIsPublishedTwiceAndHoldsNoPrivateParts() {
    Http http = new Http(base.toString());
    HttpResponse<String> a = http.get(".well-known/jwks.json");
    HttpResponse<String> b = http.get("lti/jwks");
    assertEquals(200, a.statusCode());
    assertEquals(a.body(), b.body());
    JsonObject key = Http.json(a).asJsonObject().getJsonArray("keys").getJsonObject(0);
    assertEquals("RSA", key.getString("kty"));
    assertFalse(key.getString("kid").isBlank());
    assertFalse(key.containsKey("d"), "no private exponent in the public key set");
  }

  @Test
  void adminRegistersListsAndRemovesAPlatform() {
    Http http = new Http(base.toString());
    String body =
        """
        {"issuer":"https://canvas.instructure.com","clientId":"10000000000042",
         "deploymentIds":["1:abc"],"authLoginUrl":"https://sso.canvaslms.com/api/lti/authorize_redirect",
         "tokenUrl":"https://sso.canvaslms.com/login/oauth2/token",
         "jwksUrl":"https://sso.canvaslms.com/api/lti/security/jwks","name":"Canvas"}
        """;
    HttpResponse<String> created =
        http.send(
            http.request("api/admin/platforms")
                .header("Authorization", "Bearer " + Deployments.ADMIN_TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    assertEquals(201, created.statusCode(), created.body());
    long id = Http.json(created).asJsonObject().getJsonNumber("id").longValue();
    assertTrue(http.getAsAdmin("api/admin/platforms").body().contains("10000000000042"));
    assertEquals(200, http.getAsAdmin("api/admin/platforms/" + id).statusCode());

    HttpResponse<String> bad =
        http.send(
            http.request("api/admin/platforms")
                .header("Authorization", "Bearer " + Deployments.ADMIN_TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.replace("https://sso", "ftp://sso")))
                .build());
    assertEquals(400, bad.statusCode(), bad.body());
    assertTrue(bad.body().contains("must be an http(s) URL"), bad.body());

    HttpResponse<String> anonymous = http.get("api/admin/platforms");
    assertEquals(401, anonymous.statusCode());

    HttpResponse<String> deleted =
        http.send(
            http.request("api/admin/platforms/" + id)
                .header("Authorization", "Bearer " + Deployments.ADMIN_TOKEN)
                .DELETE()
                .build());
    assertEquals(204, deleted.statusCode());
    assertEquals(404, http.getAsAdmin("api/admin/platforms/" + id).statusCode());
    assertNotEquals(
        404,
        http.getAsAdmin("api/admin/platforms").statusCode(),
        "listing still works after a delete");
  }

  @Test
  void expiredOrForgedSessionTokenIsA401() {
    Http http = new Http(base.toString());
    HttpResponse<String> r = http.get("app/home?session=forged");
    assertEquals(401, r.statusCode());
    // A browser gets the error as a page in plain words, with the same status.
    HttpResponse<String> page =
        http.send(
            http.request("app/home?session=forged")
                .header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8")
                .build());
    assertEquals(401, page.statusCode());
    assertTrue(
        page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"),
        page.headers().toString());
    assertTrue(page.body().contains("open VisionGrade again from your course page"), page.body());
  }

  private static String Page(String s) {
    return io.visiongrade.web.Page.e(s);
  }
}
