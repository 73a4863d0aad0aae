package io.visiongrade.web.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sessions through the built-in LMS emulator (demo mode), as {@link LtiFlowIT} gets them: a teacher
 * places an exercise by Deep Linking, then users launch it from the course page and get a session
 * token for the REST API.
 */
final class LmsLaunches {

  private final String base;

  LmsLaunches(String base) {
    this.base = base.endsWith("/") ? base : base + "/";
  }

  private URI url(String path) {
    return URI.create(base).resolve(path);
  }

  /**
   * Places an exercise as the teacher (Deep Linking) and returns the course page that now lists it.
   */
  String placeExercise(String title, String kind, int maxScore) {
    return placeExercise(COURSE_A, title, kind, maxScore);
  }

  /** The first course of the emulator (teacher-1, student-1 ... student-5). */
  static final String COURSE_A = "course-1";

  /** The second course of the emulator (b-teacher-1, b-student-1 ... b-student-5). */
  static final String COURSE_B = "course-2";

  /**
   * Places an exercise in a course ({@link #COURSE_A} or {@link #COURSE_B}) as its teacher and
   * returns that course's page.
   */
  String placeExercise(String course, String title, String kind, int maxScore) {
    Browser teacher = new Browser();
    Browser.Page picker = teacher.submitForm(teacher.get(url("dev-lms/add?course=" + course)));
    assertEquals(200, picker.status(), picker.body());
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
                kind,
                "maxScore",
                Integer.toString(maxScore)));
    assertEquals(200, teacher.submitForm(response).status());
    return new Browser().get(url("dev-lms/?course=" + course)).body();
  }

  /** Launches the last placed activity of the course page as {@code user}; its session token. */
  String launchAs(String coursePage, String user) {
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

  /** The id of the course's exercise with this title, from the REST list. */
  long exerciseId(Http http, String teacherToken, String title) {
    HttpResponse<String> list =
        http.send(
            http.request("api/course/exercises")
                .header("Authorization", "Bearer " + teacherToken)
                .build());
    assertEquals(200, list.statusCode(), list.body());
    for (JsonValue v : Http.json(list).asJsonArray()) {
      JsonObject o = v.asJsonObject();
      if (o.getString("title").equals(title)) {
        return o.getJsonNumber("id").longValue();
      }
    }
    throw new AssertionError("no exercise '" + title + "' in " + list.body());
  }
}
