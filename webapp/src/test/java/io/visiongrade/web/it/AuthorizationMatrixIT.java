package io.visiongrade.web.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.visiongrade.web.HomeResource;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.HttpMethod;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.function.Executable;

/**
 * Who may call what: every REST endpoint under {@code /api/course/} and {@code /api/admin/} and
 * every page under {@code /app/}, for each of seven callers (anonymous, a student of course A,
 * another student of course A, a student of course B, the teacher of course A, the teacher of
 * course B, the administrator token), with the exact status each gets. The objects are course A's
 * (an exercise, a dataset, a graded submission, a course model, an image answer waiting for review,
 * a score delivery); course B is the emulator's second course. Rules (webapp/docs/security.md):
 *
 * <ul>
 *   <li>no or an unknown token: 401; the admin token is no course session (401 on course
 *       endpoints), a course session is no admin token (401 on admin endpoints);
 *   <li>a role that may never do it (a student on a teacher endpoint, a teacher submitting): 403,
 *       whatever the id;
 *   <li>an object of another course, or another student's own object: 404, exactly as for an id
 *       that does not exist (checked for every denied caller of every endpoint with an id), so ids
 *       leak nothing;
 *   <li>lists hold only the caller's course (and, for students, only their own work);
 *   <li>a teacher may open any submission of their course; a student on a teacher page ({@code
 *       /app/teach/}) gets the HTML 403 page.
 * </ul>
 *
 * <p>The table must list every resource method: {@link #theMatrixListsEveryEndpoint} reflects over
 * the WAR's JAX-RS classes and fails on one that is missing or gone.
 */
@ExtendWith(ArquillianExtension.class)
class AuthorizationMatrixIT {

  /** An id no object has. */
  static final long ABSENT = 987_654_321_987L;

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.war();
  }

  @ArquillianResource URL base;

  enum Caller {
    ANONYMOUS("anon"),
    ADMIN("admin"),
    OTHER_STUDENT_A("sA2"),
    STUDENT_B("sB"),
    TEACHER_B("tB"),
    STUDENT_A("sA"),
    TEACHER_A("tA");

    final String code;

    Caller(String code) {
      this.code = code;
    }

    static Caller of(String code) {
      for (Caller c : values()) {
        if (c.code.equals(code)) {
          return c;
        }
      }
      throw new IllegalArgumentException("no caller " + code);
    }
  }

  /** Course A's and B's objects and the callers' tokens (null for anonymous). */
  record Fixture(
      Map<Caller, String> tokens,
      String titleA,
      String titleB,
      long exerciseA,
      long imageExerciseA,
      long datasetA,
      long submissionA,
      long modelA,
      long answerA,
      long deliveryA,
      long exerciseB,
      long datasetB,
      long submissionB,
      long engineCheck,
      long platform,
      long emulatorPlatform,
      String goner,
      String testImageId) {}

  private static Fixture fixture;

  /** A request body. */
  record Body(String type, byte[] bytes) {
    static Body json(String s) {
      return new Body("application/json", s.getBytes(StandardCharsets.UTF_8));
    }
  }

  /** What a 200 body must (or must not) show to some callers. */
  record Shows(Set<Caller> callers, boolean present, Function<Fixture, String> regex) {}

  /**
   * One line of the matrix: the resource method it covers, the request (path template, ids filled
   * in order, query, body) and the status of each caller.
   */
  record Row(
      String endpoint,
      String method,
      String template,
      Function<Fixture, List<Object>> ids,
      Function<Fixture, String> query,
      Function<Fixture, Body> body,
      Map<Caller, Set<Integer>> expected,
      List<Shows> shows) {

    Row shows(String callers, Function<Fixture, String> regex) {
      List<Shows> all = new ArrayList<>(shows);
      all.add(new Shows(callers(callers), true, regex));
      return new Row(endpoint, method, template, ids, query, body, expected, all);
    }

    Row hides(String callers, Function<Fixture, String> regex) {
      List<Shows> all = new ArrayList<>(shows);
      all.add(new Shows(callers(callers), false, regex));
      return new Row(endpoint, method, template, ids, query, body, expected, all);
    }

    String path(Fixture f, boolean absent) {
      String p = template;
      List<Object> values = ids.apply(f);
      for (int i = 0; i < values.size(); i++) {
        Object v = i == 0 && absent ? ABSENT : values.get(i);
        p = p.replaceFirst("\\{[^}]+}", String.valueOf(v));
      }
      String q = query.apply(f);
      return p + (q.isEmpty() ? "" : "?" + q);
    }
  }

  static Set<Caller> callers(String codes) {
    Set<Caller> out = new TreeSet<>();
    for (String c : codes.split(",")) {
      out.add(Caller.of(c.strip()));
    }
    return out;
  }

  /** Parses "anon 401 | sA 200/409 | ..." (every caller once). */
  static Map<Caller, Set<Integer>> expect(String table) {
    Map<Caller, Set<Integer>> out = new EnumMap<>(Caller.class);
    for (String cell : table.split("\\|")) {
      String[] kv = cell.strip().split("\\s+");
      Set<Integer> codes = new TreeSet<>();
      for (String s : kv[1].split("/")) {
        codes.add(Integer.parseInt(s));
      }
      if (out.put(Caller.of(kv[0]), codes) != null) {
        throw new IllegalArgumentException("caller twice in " + table);
      }
    }
    if (out.size() != Caller.values().length) {
      throw new IllegalArgumentException("every caller needs a status: " + table);
    }
    return out;
  }

  static Row row(
      String endpoint,
      String method,
      String template,
      Function<Fixture, List<Object>> ids,
      String query,
      Function<Fixture, Body> body,
      String table) {
    return new Row(endpoint, method, template, ids, f -> query, body, expect(table), List.of());
  }

  /** A row whose query string needs the fixture's ids. */
  static Row rowQ(
      String endpoint,
      String method,
      String template,
      Function<Fixture, List<Object>> ids,
      Function<Fixture, String> query,
      Function<Fixture, Body> body,
      String table) {
    return new Row(endpoint, method, template, ids, query, body, expect(table), List.of());
  }

  static Row row(String endpoint, String method, String template, String table) {
    return row(endpoint, method, template, f -> List.of(), "", null, table);
  }

  static Row row(
      String endpoint,
      String method,
      String template,
      Function<Fixture, List<Object>> ids,
      String table) {
    return row(endpoint, method, template, ids, "", null, table);
  }

  /** An HTML form's body. */
  static Body form(String fields) {
    return new Body("application/x-www-form-urlencoded", fields.getBytes(StandardCharsets.UTF_8));
  }

  /** A JSON key "id" with this value. */
  static String id(long id) {
    return "\"id\":" + id + "\\b";
  }

  // The rows run in this order, each caller in Caller order (the owner and teacher of course A
  // last), so the few that change something (decide, delete, promote) change it once, at the end.
  static final String COURSE_ONLY_TEACHER =
      "anon 401 | admin 401 | sA 403 | sA2 403 | sB 403 | tA 200 | tB 404";
  static final String COURSE_TEACHER_LIST =
      "anon 401 | admin 401 | sA 403 | sA2 403 | sB 403 | tA 200 | tB 200";
  static final String OWN_STUDENT_OBJECT =
      "anon 401 | admin 401 | sA 200 | sA2 404 | sB 404 | tA 404 | tB 404";

  /** A student's own work, which the course's teachers may open too (a submission). */
  static final String STUDENT_OBJECT_TEACHER_TOO =
      "anon 401 | admin 401 | sA 200 | sA2 404 | sB 404 | tA 200 | tB 404";

  static final String ANY_SESSION =
      "anon 401 | admin 401 | sA 200 | sA2 200 | sB 200 | tA 200 | tB 200";
  static final String ADMIN_ONLY =
      "anon 401 | admin 200 | sA 401 | sA2 401 | sB 401 | tA 401 | tB 401";
  static final String DEEP_LINKING_ONLY =
      "anon 401 | admin 401 | sA 400 | sA2 400 | sB 400 | tA 400 | tB 400";

  static List<Row> matrix() {
    String badSpec =
        "{\"input\": {\"width\": 16, \"height\": 16, \"channels\": 1}, \"layers\": []}";
    return List.of(
        // --- exercises
        row("ExerciseResource.list", "GET", "api/course/exercises", ANY_SESSION)
            .shows("sA,sA2,tA", f -> id(f.exerciseA()))
            .hides("sB,tB", f -> id(f.exerciseA()))
            .shows("sB,tB", f -> id(f.exerciseB()))
            .hides("sA,sA2,tA", f -> id(f.exerciseB())),
        row(
                "ExerciseResource.get",
                "GET",
                "api/course/exercises/{id}",
                f -> List.of(f.exerciseA()),
                "anon 401 | admin 401 | sA 200 | sA2 200 | sB 404 | tA 200 | tB 404")
            .shows("tA", f -> "\"splitSeed\"")
            .hides("sA,sA2", f -> "\"splitSeed\"|\"contentHash\"|\"expectedClass\""),
        row(
            "ExerciseResource.configure",
            "PUT",
            "api/course/exercises/{id}/settings",
            f -> List.of(f.exerciseA()),
            "",
            f -> Body.json(challengeSettings(f.datasetA())),
            COURSE_ONLY_TEACHER),
        // --- datasets
        row(
            "DatasetResource.uploadZip",
            "POST",
            "api/course/datasets",
            f -> List.of(),
            "name=matrix",
            f -> new Body("application/zip", "not a zip".getBytes(StandardCharsets.UTF_8)),
            "anon 401 | admin 401 | sA 403 | sA2 403 | sB 403 | tA 400 | tB 400"),
        row(
            "DatasetResource.uploadForm",
            "POST",
            "api/course/datasets",
            f -> List.of(),
            "",
            f ->
                new Body(
                    "multipart/form-data; boundary=XyZ",
                    ("--XyZ\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nmatrix\r\n"
                            + "--XyZ--\r\n")
                        .getBytes(StandardCharsets.UTF_8)),
            "anon 401 | admin 401 | sA 403 | sA2 403 | sB 403 | tA 400 | tB 400"),
        row("DatasetResource.list", "GET", "api/course/datasets", COURSE_TEACHER_LIST)
            .shows("tA", f -> id(f.datasetA()))
            .hides("tB", f -> id(f.datasetA())),
        row(
            "DatasetResource.get",
            "GET",
            "api/course/datasets/{id}",
            f -> List.of(f.datasetA()),
            COURSE_ONLY_TEACHER),
        row(
            "DatasetResource.thumbnail",
            "GET",
            "api/course/datasets/{id}/thumbnails/{cls}/{n}.png",
            f -> List.of(f.datasetA(), 0, 0),
            COURSE_ONLY_TEACHER),
        // --- course models
        row("CourseModelResource.list", "GET", "api/course/models", COURSE_TEACHER_LIST)
            .shows("tA", f -> id(f.modelA()))
            .hides("tB", f -> id(f.modelA())),
        row(
            "CourseModelResource.get",
            "GET",
            "api/course/models/{id}",
            f -> List.of(f.modelA()),
            COURSE_ONLY_TEACHER),
        // The version is trained: one "model" event, then the stream ends.
        row(
                "CourseModelEventsResource.events",
                "GET",
                "api/course/models/{id}/events",
                f -> List.of(f.modelA()),
                COURSE_ONLY_TEACHER)
            .shows("tA", f -> "event: ?model"),
        row(
            "CourseModelResource.train",
            "POST",
            "api/course/models",
            f -> List.of(),
            "",
            f -> Body.json("{\"datasetId\": " + f.datasetA() + ", \"spec\": " + badSpec + "}"),
            "anon 401 | admin 401 | sA 403 | sA2 403 | sB 403 | tA 400 | tB 404"),
        // --- challenge submissions
        row(
            "ExerciseSubmissionsResource.submit",
            "POST",
            "api/course/exercises/{id}/submissions",
            f -> List.of(f.exerciseA()),
            "",
            f -> Body.json(badSpec),
            "anon 401 | admin 401 | sA 400 | sA2 400 | sB 404 | tA 403 | tB 403"),
        row("SubmissionResource.list", "GET", "api/course/submissions", ANY_SESSION)
            .shows("sA", f -> id(f.submissionA()))
            .hides("sA2,sB,tA,tB", f -> id(f.submissionA()))
            .shows("sB", f -> id(f.submissionB()))
            .hides("sA,sA2,tA,tB", f -> id(f.submissionB())),
        row(
                "SubmissionResource.get",
                "GET",
                "api/course/submissions/{id}",
                f -> List.of(f.submissionA()),
                STUDENT_OBJECT_TEACHER_TOO)
            // Graded against the hidden test split: nothing about a single test image comes back.
            .shows("sA", f -> "\"status\":\"GRADED\"")
            .hides("sA,tA", f -> "\\.png|circle/|square/|triangle/"),
        row(
            "SubmissionResource.events",
            "GET",
            "api/course/submissions/{id}/events",
            f -> List.of(f.submissionA()),
            STUDENT_OBJECT_TEACHER_TOO),
        row(
            "SubmissionResource.cancel",
            "POST",
            "api/course/submissions/{id}/cancel",
            f -> List.of(f.submissionA()),
            "",
            f -> new Body("application/json", new byte[0]),
            "anon 401 | admin 401 | sA 409 | sA2 404 | sB 404 | tA 403 | tB 403"),
        // --- image answers
        row(
            "ExerciseAnswersResource.answer",
            "POST",
            "api/course/exercises/{id}/answers",
            f -> List.of(f.imageExerciseA()),
            "prompt=0",
            f -> new Body("image/png", "not an image".getBytes(StandardCharsets.UTF_8)),
            "anon 401 | admin 401 | sA 400 | sA2 400 | sB 404 | tA 403 | tB 403"),
        row("ImageAnswerResource.list", "GET", "api/course/answers", ANY_SESSION)
            .shows("sA", f -> id(f.answerA()))
            .hides("sA2,sB,tA,tB", f -> id(f.answerA())),
        row(
            "ImageAnswerResource.get",
            "GET",
            "api/course/answers/{id}",
            f -> List.of(f.answerA()),
            OWN_STUDENT_OBJECT),
        row(
            "ImageAnswerResource.heatmap",
            "GET",
            "api/course/answers/{id}/heatmap.png",
            f -> List.of(f.answerA()),
            OWN_STUDENT_OBJECT),
        row("ReviewResource.pending", "GET", "api/course/reviews", COURSE_TEACHER_LIST)
            .shows("tA", f -> id(f.answerA()))
            .hides("tB", f -> id(f.answerA())),
        row(
            "ReviewResource.image",
            "GET",
            "api/course/reviews/{answerId}/image",
            f -> List.of(f.answerA()),
            COURSE_ONLY_TEACHER),
        // --- roster and grade delivery
        row("RosterResource.members", "GET", "api/course/roster", COURSE_TEACHER_LIST)
            .shows("tA", f -> "\"userId\":\"student-1\"")
            .hides("tA", f -> "\"userId\":\"b-student-1\"")
            .shows("tB", f -> "\"userId\":\"b-student-1\"")
            .hides("tB", f -> "\"userId\":\"student-1\""),
        row(
                "GradeDeliveriesResource.list",
                "GET",
                "api/course/score-deliveries",
                COURSE_TEACHER_LIST)
            .shows("tA", f -> id(f.deliveryA()))
            .hides("tB", f -> id(f.deliveryA())),
        row(
            "GradeDeliveriesResource.retry",
            "POST",
            "api/course/score-deliveries/{id}/retry",
            f -> List.of(f.deliveryA()),
            "",
            f -> new Body("application/json", new byte[0]),
            "anon 401 | admin 401 | sA 403 | sA2 403 | sB 403 | tA 200/409 | tB 404"),
        row(
            "ReviewResource.heatmap",
            "GET",
            "api/course/reviews/{answerId}/heatmap.png",
            f -> List.of(f.answerA()),
            COURSE_ONLY_TEACHER),
        // --- teachers' views of the course's work
        row(
                "ExerciseSubmissionsResource.all",
                "GET",
                "api/course/exercises/{id}/submissions",
                f -> List.of(f.exerciseA()),
                COURSE_ONLY_TEACHER)
            .shows("tA", f -> id(f.submissionA())),
        row("GradebookResource.json", "GET", "api/course/gradebook", COURSE_TEACHER_LIST)
            .shows("tA", f -> Pattern.quote(f.titleA()))
            .shows("tA", f -> "\"userId\":\"student-3\"")
            .hides("tB", f -> Pattern.quote(f.titleA()) + "|\"userId\":\"student-3\"")
            .shows("tB", f -> Pattern.quote(f.titleB())),
        row("GradebookResource.csv", "GET", "api/course/gradebook.csv", COURSE_TEACHER_LIST)
            .shows("tA", f -> Pattern.quote(f.titleA()))
            .hides("tB", f -> Pattern.quote(f.titleA()))
            .shows("tB", f -> Pattern.quote(f.titleB())),
        row(
            "ExerciseResource.rescorings",
            "GET",
            "api/course/exercises/{id}/rescore",
            f -> List.of(f.exerciseA()),
            COURSE_ONLY_TEACHER),
        // --- what students download and check
        row(
            "TestImagesResource.download",
            "GET",
            "api/course/exercises/{id}/test-images.zip",
            f -> List.of(f.exerciseA()),
            "anon 401 | admin 401 | sA 200 | sA2 200 | sB 404 | tA 200 | tB 404"),
        rowQ(
                "SpecCheckResource.check",
                "POST",
                "api/course/specs/check",
                f -> List.of(),
                f -> "exercise=" + f.exerciseA(),
                f -> Body.json(ChallengeIT.SPEC),
                "anon 401 | admin 401 | sA 200 | sA2 200 | sB 404 | tA 200 | tB 404")
            .shows("sA", f -> "\"totalParameters\""),
        rowQ(
            "ValidationImagesResource.image",
            "GET",
            "api/course/submissions/{id}/validation-images",
            f -> List.of(f.submissionA()),
            // A test image's id: never served, not even to the owner (only misclassified
            // validation images are; a graded predictions CSV has none).
            f -> "image=" + java.net.URLEncoder.encode(f.testImageId(), StandardCharsets.UTF_8),
            null,
            "anon 401 | admin 401 | sA 404 | sA2 404 | sB 404 | tA 404 | tB 404"),
        // --- privacy
        row("PrivacyResource.retention", "GET", "api/course/privacy", ANY_SESSION)
            .shows("sA", f -> "\"policy\""),
        row("PrivacyResource.export", "GET", "api/course/me/export.zip", ANY_SESSION),
        // --- pages
        row("AppResource.home", "GET", "app/home", ANY_SESSION)
            .shows("tA", f -> Pattern.quote(f.titleA()))
            .hides("tB,sB", f -> Pattern.quote(f.titleA()))
            .shows("tB", f -> Pattern.quote(f.titleB()))
            .hides("tA,sA,sA2", f -> Pattern.quote(f.titleB())),
        row("AppResource.picker", "GET", "app/deep-link", DEEP_LINKING_ONLY),
        row(
            "AppResource.choose",
            "POST",
            "app/deep-link",
            f -> List.of(),
            "",
            f ->
                new Body(
                    "application/x-www-form-urlencoded",
                    ("exercise=" + f.exerciseA()).getBytes(StandardCharsets.UTF_8)),
            DEEP_LINKING_ONLY),
        row(
                "StudentExercisePage.page",
                "GET",
                "app/exercises/{id}",
                f -> List.of(f.exerciseA()),
                "anon 401 | admin 401 | sA 200 | sA2 200 | sB 404 | tA 303 | tB 404")
            .shows("sA,sA2", f -> Pattern.quote(f.titleA())),
        row(
                "StudentSubmissionPage.page",
                "GET",
                "app/submissions/{id}",
                f -> List.of(f.submissionA()),
                STUDENT_OBJECT_TEACHER_TOO)
            .shows("sA,tA", f -> Pattern.quote(f.titleA())),
        // --- teacher pages (a student gets the HTML 403 page; forms answer 200 with the
        // messages when what was sent cannot be used, 303 after an action)
        row("DatasetsPage.show", "GET", "app/teach/datasets", COURSE_TEACHER_LIST),
        row(
            "DatasetsPage.upload",
            "POST",
            "app/teach/datasets",
            f -> List.of(),
            "",
            f ->
                new Body(
                    "multipart/form-data; boundary=XyZ",
                    ("--XyZ\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nmatrix\r\n"
                            + "--XyZ--\r\n")
                        .getBytes(StandardCharsets.UTF_8)),
            COURSE_TEACHER_LIST),
        row("ModelsPage.show", "GET", "app/teach/models", COURSE_TEACHER_LIST),
        // An unknown preset: the form again with the message, nothing trained; course B's
        // dataset is as absent for course A's teacher.
        row(
            "ModelsPage.train",
            "POST",
            "app/teach/models",
            f -> List.of(),
            "",
            f -> form("datasetId=" + f.datasetB() + "&preset=no-such-preset"),
            COURSE_TEACHER_LIST),
        row("GradebookPage.show", "GET", "app/teach/gradebook", COURSE_TEACHER_LIST)
            .shows("tA", f -> Pattern.quote(f.titleA()))
            .hides("tB", f -> Pattern.quote(f.titleA())),
        row("ReviewsPage.show", "GET", "app/teach/reviews", COURSE_TEACHER_LIST),
        row(
                "ExerciseSettingsPage.show",
                "GET",
                "app/teach/exercises/{id}",
                f -> List.of(f.exerciseA()),
                COURSE_ONLY_TEACHER)
            .shows("tA", f -> Pattern.quote(f.titleA())),
        // A dataset id that is no number: the form again with the message, nothing saved.
        row(
                "ExerciseSettingsPage.save",
                "POST",
                "app/teach/exercises/{id}",
                f -> List.of(f.exerciseA()),
                "",
                f -> form("datasetId=none"),
                COURSE_ONLY_TEACHER)
            .shows("tA", f -> "class=\"error"),
        // --- administration
        row("PlatformsResource.list", "GET", "api/admin/platforms", ADMIN_ONLY),
        row(
            "PlatformsResource.get",
            "GET",
            "api/admin/platforms/{id}",
            f -> List.of(f.platform()),
            ADMIN_ONLY),
        row(
            "PlatformsResource.register",
            "POST",
            "api/admin/platforms",
            f -> List.of(),
            "",
            f -> Body.json(platformJson("https://matrix-" + System.nanoTime() + ".invalid")),
            ADMIN_ONLY.replace("admin 200", "admin 201")),
        row("DiagnosticsResource.list", "GET", "api/admin/diagnostics/engine-checks", ADMIN_ONLY),
        row(
            "DiagnosticsResource.get",
            "GET",
            "api/admin/diagnostics/engine-checks/{id}",
            f -> List.of(f.engineCheck()),
            ADMIN_ONLY),
        row(
            "DiagnosticsResource.run",
            "POST",
            "api/admin/diagnostics/engine-checks",
            f -> List.of(),
            "",
            f -> new Body("application/json", new byte[0]),
            ADMIN_ONLY.replace("admin 200", "admin 201")),
        row(
            "KeysResource.rotate",
            "POST",
            "api/admin/keys/rotate",
            f -> List.of(),
            "",
            f -> new Body("application/json", new byte[0]),
            ADMIN_ONLY),
        // --- the ones that change something, last
        row(
            "ExerciseResource.rescore",
            "POST",
            "api/course/exercises/{id}/rescore",
            f -> List.of(f.exerciseA()),
            "",
            f -> new Body("application/json", new byte[0]),
            COURSE_ONLY_TEACHER.replace("tA 200", "tA 202")),
        // Back to the default ("keep until deleted"), which both courses have unless a test sets
        // one.
        row(
            "PrivacyResource.setRetention",
            "PUT",
            "api/course/privacy",
            f -> List.of(),
            "",
            f -> Body.json("{\"courseEndsOn\": null, \"deleteAfterDays\": null}"),
            COURSE_TEACHER_LIST),
        // A throw-away student of course A who only launched once; in course B no one has that
        // id, which deletes nothing, as for any unknown id.
        row(
            "PrivacyResource.delete",
            "DELETE",
            "api/course/students/{sub}/data",
            f -> List.of(f.goner()),
            COURSE_TEACHER_LIST),
        rowQ(
            "StudentDataResource.delete",
            "DELETE",
            "api/admin/student-data",
            f -> List.of(),
            f ->
                "platform="
                    + f.emulatorPlatform()
                    + "&context="
                    + LmsLaunches.COURSE_A
                    + "&sub="
                    + f.goner(),
            null,
            ADMIN_ONLY),
        row(
            "CourseModelResource.promote",
            "POST",
            "api/course/models/{id}/promote",
            f -> List.of(f.modelA()),
            "",
            f -> new Body("application/json", new byte[0]),
            COURSE_ONLY_TEACHER),
        row(
            "ExerciseSettingsPage.rescore",
            "POST",
            "app/teach/exercises/{id}/rescore",
            f -> List.of(f.exerciseA()),
            "",
            f -> form(""),
            COURSE_ONLY_TEACHER.replace("tA 200", "tA 303")),
        row(
            "GradebookPage.retry",
            "POST",
            "app/teach/gradebook/deliveries/{id}/retry",
            f -> List.of(f.deliveryA()),
            "",
            f -> form(""),
            COURSE_ONLY_TEACHER.replace("tA 200", "tA 200/303")),
        row(
            "ModelsPage.promote",
            "POST",
            "app/teach/models/{id}/promote",
            f -> List.of(f.modelA()),
            "",
            f -> form(""),
            COURSE_ONLY_TEACHER.replace("tA 200", "tA 303")),
        row(
            "ReviewResource.decide",
            "POST",
            "api/course/reviews/{answerId}",
            f -> List.of(f.answerA()),
            "",
            f -> Body.json("{\"verdict\": \"ACCEPT\"}"),
            COURSE_ONLY_TEACHER),
        // After the REST decision: a teacher may change a decision (303 back to the list);
        // course B's teacher gets the 404 of any absent id.
        row(
            "ReviewsPage.decide",
            "POST",
            "app/teach/reviews/{answerId}",
            f -> List.of(f.answerA()),
            "",
            f -> form("verdict=REJECT"),
            COURSE_ONLY_TEACHER.replace("tA 200", "tA 303")),
        row(
            "PlatformsResource.delete",
            "DELETE",
            "api/admin/platforms/{id}",
            f -> List.of(f.platform()),
            ADMIN_ONLY.replace("admin 200", "admin 204")));
  }

  // ------------------------------------------------------------------------------------ tests

  @Test
  void theMatrixListsEveryEndpoint() throws Exception {
    Map<String, String> actual = new TreeMap<>();
    for (Class<?> c : webClasses()) {
      jakarta.ws.rs.Path classPath = c.getAnnotation(jakarta.ws.rs.Path.class);
      if (classPath == null) {
        continue;
      }
      for (Method m : c.getDeclaredMethods()) {
        String verb = httpMethod(m);
        jakarta.ws.rs.Path methodPath = m.getAnnotation(jakarta.ws.rs.Path.class);
        if (verb == null && methodPath == null) {
          continue;
        }
        String path = join(classPath.value(), methodPath == null ? "" : methodPath.value());
        if (path.startsWith("api/course")
            || path.startsWith("api/admin")
            || path.startsWith("app")) {
          actual.put(c.getSimpleName() + "." + m.getName(), verb + " " + path);
        }
      }
    }
    Map<String, String> listed = new TreeMap<>();
    for (Row r : matrix()) {
      if (listed.put(r.endpoint(), r.method() + " " + r.template()) != null) {
        fail("the matrix lists " + r.endpoint() + " twice");
      }
    }
    assertTrue(actual.size() > 30, "found only " + actual);
    assertEquals(
        actual,
        listed,
        "every resource method under api/course, api/admin and app must be in the matrix, with"
            + " its HTTP method and path");
  }

  @Test
  void everyCallerGetsExactlyWhatTheMatrixSays() throws Exception {
    Fixture f = fixture();
    Http http = new Http(base.toString());
    List<Executable> checks = new ArrayList<>();
    for (Row r : matrix()) {
      for (Caller c : Caller.values()) {
        HttpResponse<String> real = send(http, r, f, c, false);
        Set<Integer> want = r.expected().get(c);
        String what = r.endpoint() + " as " + c + ": " + r.method() + " " + r.path(f, false);
        int got = real.statusCode();
        checks.add(
            () ->
                assertTrue(
                    want.contains(got),
                    what + " -> " + got + ", expected " + want + ": " + cut(real.body())));
        if (got == 401 || got == 403 || got == 404) {
          checks.add(() -> assertProblem(what, real));
        }
        if (!r.ids().apply(f).isEmpty() && Set.of(401, 403, 404).containsAll(want)) {
          HttpResponse<String> absent = send(http, r, f, c, true);
          checks.add(
              () ->
                  assertEquals(
                      got,
                      absent.statusCode(),
                      what
                          + ": an existing id that is not yours must look exactly like one that"
                          + " does not exist: "
                          + cut(absent.body())));
        }
        if (got == 200) {
          for (Shows s : r.shows()) {
            if (s.callers().contains(c)) {
              boolean found = Pattern.compile(s.regex().apply(f)).matcher(real.body()).find();
              checks.add(
                  () ->
                      assertEquals(
                          s.present(),
                          found,
                          what
                              + (s.present() ? " must show " : " must not show ")
                              + s.regex().apply(f)
                              + ": "
                              + cut(real.body())));
            }
          }
        }
      }
    }
    assertAll(checks);
  }

  @Test
  void courseBsObjectsAreNotFoundFromCourseA() throws Exception {
    Fixture f = fixture();
    Http http = new Http(base.toString());
    String tA = f.tokens().get(Caller.TEACHER_A);
    String sA = f.tokens().get(Caller.STUDENT_A);
    assertAll(
        () -> assertEquals(404, get(http, "api/course/datasets/" + f.datasetB(), tA).statusCode()),
        () ->
            assertEquals(404, get(http, "api/course/exercises/" + f.exerciseB(), tA).statusCode()),
        () ->
            assertEquals(404, get(http, "api/course/exercises/" + f.exerciseB(), sA).statusCode()),
        () ->
            assertEquals(
                404, get(http, "api/course/submissions/" + f.submissionB(), sA).statusCode()),
        () ->
            assertEquals(
                200,
                get(http, "api/course/exercises/" + f.exerciseB(), f.tokens().get(Caller.TEACHER_B))
                    .statusCode()));
  }

  // ---------------------------------------------------------------------------------- helpers

  static void assertProblem(String what, HttpResponse<String> r) {
    String type = r.headers().firstValue("Content-Type").orElse("");
    if (r.statusCode() == 403
        && r.uri().getPath().contains("/app/teach/")
        && type.startsWith("text/html")) {
      // The teacher pages answer a student with a page a person reads, not problem+json.
      assertTrue(r.body().contains("id=\"forbidden\""), what + ": the 403 page: " + cut(r.body()));
      return;
    }
    assertTrue(
        type.startsWith("application/problem+json"), what + ": a denial is problem+json: " + type);
    JsonObject p = Http.json(r).asJsonObject();
    assertEquals(r.statusCode(), p.getInt("status"), what + ": " + r.body());
    assertTrue(!p.getString("detail", "").isBlank(), what + ": says why: " + r.body());
  }

  static HttpResponse<String> send(Http http, Row r, Fixture f, Caller c, boolean absent) {
    HttpRequest.Builder b = http.request(r.path(f, absent));
    String token = f.tokens().get(c);
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    Body body = r.body() == null ? null : r.body().apply(f);
    if (body == null) {
      b.method(r.method(), HttpRequest.BodyPublishers.noBody());
    } else {
      b.header("Content-Type", body.type())
          .method(r.method(), HttpRequest.BodyPublishers.ofByteArray(body.bytes()));
    }
    return http.send(b.build());
  }

  static HttpResponse<String> get(Http http, String path, String token) {
    return http.send(http.request(path).header("Authorization", "Bearer " + token).build());
  }

  static String cut(String s) {
    return s.length() <= 300 ? s : s.substring(0, 300) + "...";
  }

  static String httpMethod(Method m) {
    for (Annotation a : m.getAnnotations()) {
      HttpMethod h = a.annotationType().getAnnotation(HttpMethod.class);
      if (h != null) {
        return h.value();
      }
    }
    return null;
  }

  static String join(String a, String b) {
    String p = (strip(a) + "/" + strip(b));
    return strip(p);
  }

  static String strip(String s) {
    String t = s;
    while (t.startsWith("/")) {
      t = t.substring(1);
    }
    while (t.endsWith("/")) {
      t = t.substring(0, t.length() - 1);
    }
    return t;
  }

  /** Every class of the WAR's io.visiongrade.web packages (from the module's build output). */
  static List<Class<?>> webClasses() throws Exception {
    Path root =
        Path.of(HomeResource.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<Class<?>> out = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root.resolve("io/visiongrade/web"))) {
      for (Path p :
          files
              .filter(x -> x.toString().endsWith(".class"))
              .filter(x -> !x.toString().contains("package-info"))
              .toList()) {
        String name = root.relativize(p).toString().replace('/', '.').replaceAll("\\.class$", "");
        out.add(Class.forName(name, false, AuthorizationMatrixIT.class.getClassLoader()));
      }
    }
    return out;
  }

  static String challengeSettings(long datasetId) {
    return """
        {"datasetId": %d, "computeCaps": {"wallSeconds": 120, "maxParameters": 100000,
         "maxEpochs": 2}, "rubric": {"metric": "ACCURACY", "baseline": 0.0, "target": 1.0}}
        """
        .formatted(datasetId);
  }

  static String platformJson(String issuer) {
    return """
        {"issuer": "%s", "clientId": "matrix", "deploymentIds": ["d1"],
         "authLoginUrl": "%s/auth", "tokenUrl": "%s/token", "jwksUrl": "%s/jwks",
         "name": "Matrix throwaway"}
        """
        .formatted(issuer, issuer, issuer, issuer);
  }

  // --------------------------------------------------------------------------------- fixtures

  synchronized Fixture fixture() throws Exception {
    if (fixture == null) {
      fixture = build(new Http(base.toString()));
    }
    return fixture;
  }

  /**
   * Course A: a challenge with a dataset and a graded CSV submission of student-3 (and so a score
   * delivery), an image-answer exercise with a promoted model (trained once, a few seconds) and an
   * answer of student-3 waiting for review (accept threshold 1). Course B: a challenge with a
   * dataset and a submission of b-student-1. Plus an engine check and a throwaway platform.
   */
  Fixture build(Http http) throws Exception {
    http.awaitReady(120);
    LmsLaunches lms = new LmsLaunches(base.toString());
    long stamp = System.nanoTime();
    String titleA = "Matrix A " + stamp;
    String pageA = lms.placeExercise(LmsLaunches.COURSE_A, titleA, "CLASSIFIER_CHALLENGE", 10);
    Map<Caller, String> tokens = new EnumMap<>(Caller.class);
    tokens.put(Caller.TEACHER_A, lms.launchAs(pageA, "teacher-1"));
    tokens.put(Caller.STUDENT_A, lms.launchAs(pageA, "student-3"));
    tokens.put(Caller.OTHER_STUDENT_A, lms.launchAs(pageA, "student-5"));
    tokens.put(Caller.ADMIN, Deployments.ADMIN_TOKEN);
    String tA = tokens.get(Caller.TEACHER_A);
    String sA = tokens.get(Caller.STUDENT_A);
    byte[] zip = ChallengeIT.shapesZip();
    long exerciseA = lms.exerciseId(http, tA, titleA);
    long datasetA = upload(http, tA, zip);
    configure(http, tA, exerciseA, challengeSettings(datasetA));

    // A throw-away student of course A whose data the privacy rows delete.
    String goner = "matrix-gone-" + stamp;
    HttpResponse<String> added =
        http.send(
            http.request("dev-lms/students")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "id=" + goner + "&name=Matrix+Gone&email=" + goner + "%40matrix.invalid"))
                .build());
    assertEquals(303, added.statusCode(), added.body());
    String imageTitle = "Matrix A draw " + stamp;
    String imagePage = lms.placeExercise(LmsLaunches.COURSE_A, imageTitle, "IMAGE_ANSWER", 10);
    lms.launchAs(imagePage, goner);
    long imageExerciseA = lms.exerciseId(http, tA, imageTitle);
    configure(
        http,
        tA,
        imageExerciseA,
        """
        {"datasetId": %d, "prompts": [ {"text": "Draw a triangle", "expectedClass": "triangle"} ],
         "acceptThreshold": 1.0, "rejectThreshold": 0.0}
        """
            .formatted(datasetA));
    HttpResponse<String> queued =
        ImageAnswersIT.post(
            http,
            "api/course/models",
            tA,
            "application/json",
            ("{\"datasetId\": " + datasetA + ", \"spec\": " + ChallengeIT.SPEC + "}").getBytes());
    assertEquals(202, queued.statusCode(), queued.body());
    long modelA = Http.json(queued).asJsonObject().getJsonNumber("id").longValue();

    // Course B meanwhile.
    String titleB = "Matrix B " + stamp;
    String pageB = lms.placeExercise(LmsLaunches.COURSE_B, titleB, "CLASSIFIER_CHALLENGE", 10);
    tokens.put(Caller.TEACHER_B, lms.launchAs(pageB, "b-teacher-1"));
    tokens.put(Caller.STUDENT_B, lms.launchAs(pageB, "b-student-1"));
    String tB = tokens.get(Caller.TEACHER_B);
    long exerciseB = lms.exerciseId(http, tB, titleB);
    long datasetB = upload(http, tB, zip);
    configure(http, tB, exerciseB, challengeSettings(datasetB));
    // Predictions name the test images by their public ids, which differ per exercise.
    Map<String, Integer> idsB = CsvChallenges.labelledIds(http, tB, exerciseB);
    Map<String, Integer> idsA = CsvChallenges.labelledIds(http, tA, exerciseA);
    long submissionB =
        submitCsv(
            http,
            tokens.get(Caller.STUDENT_B),
            exerciseB,
            CsvChallenges.perfect(idsB).getBytes(StandardCharsets.UTF_8));
    long submissionA =
        submitCsv(
            http, sA, exerciseA, CsvChallenges.perfect(idsA).getBytes(StandardCharsets.UTF_8));

    JsonObject model = ImageAnswersIT.awaitModel(http, tA, modelA);
    assertEquals("READY", model.getString("state"), model.toString());
    HttpResponse<String> promoted =
        ImageAnswersIT.post(
            http, "api/course/models/" + modelA + "/promote", tA, "application/json", new byte[0]);
    assertEquals(200, promoted.statusCode(), promoted.body());
    HttpResponse<String> answered =
        ImageAnswersIT.post(
            http,
            "api/course/exercises/" + imageExerciseA + "/answers?prompt=0",
            sA,
            "image/png",
            ImageAnswersIT.trianglePng());
    assertEquals(201, answered.statusCode(), answered.body());
    JsonObject answer = Http.json(answered).asJsonObject();
    assertEquals("REVIEW", answer.getString("decision"), answered.body());
    long answerA = answer.getJsonNumber("id").longValue();

    JsonObject graded = ChallengeIT.awaitFinal(http, sA, submissionA);
    assertEquals("GRADED", graded.getString("status"), graded.toString());
    long deliveryA = awaitDelivery(http, tA, "student-3", titleA);

    HttpResponse<String> check = http.postAsAdmin("api/admin/diagnostics/engine-checks");
    assertEquals(201, check.statusCode(), check.body());
    HttpResponse<String> platform =
        http.send(
            http.request("api/admin/platforms")
                .header("Authorization", "Bearer " + Deployments.ADMIN_TOKEN)
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        platformJson("https://matrix-fixture-" + stamp + ".invalid")))
                .build());
    assertEquals(201, platform.statusCode(), platform.body());
    HttpResponse<String> platforms = get(http, "api/admin/platforms", Deployments.ADMIN_TOKEN);
    assertEquals(200, platforms.statusCode(), platforms.body());
    long emulator =
        Http.json(platforms).asJsonArray().stream()
            .map(JsonValue::asJsonObject)
            .filter(p -> p.getString("issuer").contains("/dev-lms"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no emulator platform: " + platforms.body()))
            .getJsonNumber("id")
            .longValue();
    String testImageId = idsA.keySet().iterator().next();
    return new Fixture(
        tokens,
        titleA,
        titleB,
        exerciseA,
        imageExerciseA,
        datasetA,
        submissionA,
        modelA,
        answerA,
        deliveryA,
        exerciseB,
        datasetB,
        submissionB,
        Http.json(check).asJsonObject().getJsonNumber("id").longValue(),
        Http.json(platform).asJsonObject().getJsonNumber("id").longValue(),
        emulator,
        goner,
        testImageId);
  }

  static long upload(Http http, String teacher, byte[] zip) {
    HttpResponse<String> r =
        ImageAnswersIT.post(
            http,
            "api/course/datasets?name=matrix&width=16&channels=1&seed=3",
            teacher,
            "application/zip",
            zip);
    assertEquals(201, r.statusCode(), r.body());
    return Http.json(r).asJsonObject().getJsonNumber("id").longValue();
  }

  static void configure(Http http, String teacher, long exercise, String settings) {
    HttpResponse<String> saved =
        http.send(
            http.request("api/course/exercises/" + exercise + "/settings")
                .header("Authorization", "Bearer " + teacher)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(settings))
                .build());
    assertEquals(200, saved.statusCode(), saved.body());
  }

  static long submitCsv(Http http, String student, long exercise, byte[] csv) {
    HttpResponse<String> r = ChallengeIT.submit(http, student, exercise, "text/csv", csv);
    assertEquals(202, r.statusCode(), r.body());
    return Http.json(r).asJsonObject().getJsonNumber("id").longValue();
  }

  /** The newest score delivery of the user in the teacher's course for the exercise's column. */
  static long awaitDelivery(Http http, String teacher, String user, String title)
      throws InterruptedException {
    long until = System.nanoTime() + 60_000_000_000L;
    while (true) {
      HttpResponse<String> r = get(http, "api/course/score-deliveries", teacher);
      assertEquals(200, r.statusCode(), r.body());
      for (JsonValue v : Http.json(r).asJsonArray()) {
        JsonObject d = v.asJsonObject();
        if (d.getString("userId").equals(user)) {
          return d.getJsonNumber("id").longValue();
        }
      }
      assertTrue(System.nanoTime() < until, "no delivery for " + user + " (" + title + ")");
      Thread.sleep(300);
    }
  }
}
