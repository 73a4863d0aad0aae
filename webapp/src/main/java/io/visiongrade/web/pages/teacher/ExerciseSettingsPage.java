package io.visiongrade.web.pages.teacher;

import static io.visiongrade.web.Page.e;

import io.visiongrade.lms.application.DatasetLibrary;
import io.visiongrade.lms.application.ExerciseSetup;
import io.visiongrade.lms.application.Rescoring;
import io.visiongrade.lms.domain.DomainException;
import io.visiongrade.lms.domain.course.ComputeCaps;
import io.visiongrade.lms.domain.course.Exercise;
import io.visiongrade.lms.domain.course.ImagePrompt;
import io.visiongrade.lms.domain.course.SubmissionKind;
import io.visiongrade.lms.domain.dataset.Dataset;
import io.visiongrade.lms.domain.grading.Rubric;
import io.visiongrade.lms.infrastructure.lti.LaunchSession;
import io.visiongrade.web.app.Sessions;
import io.visiongrade.web.course.ExerciseSettingsInput;
import io.visiongrade.web.pages.Messages;
import io.visiongrade.web.pages.PageContext;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The teacher's settings page of one exercise: a plain HTML form of every setting (it works without
 * JavaScript). Saving posts the form here; the server turns it into the REST API's {@link
 * ExerciseSettingsInput}, checks it with the same Bean Validation constraints and saves it through
 * the same use case ({@link ExerciseSetup#configure}); a refused setting re-renders the form with
 * the message next to its field, a saved one redirects back (Post/Redirect/Get).
 */
@Path("app/teach/exercises")
@Produces(MediaType.TEXT_HTML + ";charset=utf-8")
public class ExerciseSettingsPage {

  static final String NAV = "app/home";

  /** JSON-B, made on first use (the form's pure functions run without a provider in tests). */
  private static final class Binding {
    static final Jsonb JSONB = JsonbBuilder.create();
  }

  private static final Pattern PROMPT = Pattern.compile("prompts\\[(\\d{1,3})\\]\\.(text|class)");
  private static final Pattern LOCAL =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?");

  /** Whole-number fields (int range). */
  private static final Set<String> INTS =
      Set.of(
          "inputWidth",
          "inputHeight",
          "inputChannels",
          "maxAttempts",
          "dailyCap",
          "computeCaps.wallSeconds",
          "computeCaps.maxEpochs");

  /** Whole-number fields (long range). */
  private static final Set<String> LONGS =
      Set.of("datasetId", "splitSeed", "minIntervalSeconds", "computeCaps.maxParameters");

  /** Decimal fields. */
  private static final Set<String> DECIMALS =
      Set.of(
          "late.percentPerDay",
          "late.capPercent",
          "publicTestFraction",
          "acceptThreshold",
          "rejectThreshold",
          "rubric.baseline",
          "rubric.target",
          "maxScore");

  /**
   * Words of the domain's and Bean Validation's messages and the form field they concern, to put a
   * refused setting's message next to its field (the earliest word in the message wins).
   */
  private static final Map<String, String> FIELD_WORDS = new LinkedHashMap<>();

  static {
    for (String f :
        List.of(
            "datasetId",
            "inputWidth",
            "inputHeight",
            "inputChannels",
            "splitSeed",
            "opensAt",
            "dueAt",
            "maxAttempts",
            "minIntervalSeconds",
            "dailyCap",
            "attemptSelection",
            "publicTestFraction",
            "allowedKinds",
            "acceptThreshold",
            "rejectThreshold")) {
      FIELD_WORDS.put(f, f);
    }
    FIELD_WORDS.put("percentPerDay", "late.percentPerDay");
    FIELD_WORDS.put("capPercent", "late.capPercent");
    FIELD_WORDS.put("extension", "extensions");
    FIELD_WORDS.put("wallSeconds", "computeCaps.wallSeconds");
    FIELD_WORDS.put("maxParameters", "computeCaps.maxParameters");
    FIELD_WORDS.put("maxEpochs", "computeCaps.maxEpochs");
    FIELD_WORDS.put("publicFraction", "publicTestFraction");
    FIELD_WORDS.put("prompt", "prompts");
    FIELD_WORDS.put("baseline", "rubric.baseline");
    FIELD_WORDS.put("target", "rubric.target");
    FIELD_WORDS.put("metric", "rubric.metric");
    FIELD_WORDS.put("maxScore", "maxScore");
    FIELD_WORDS.put("maximum score", "maxScore");
  }

  @Inject Sessions sessions;
  @Inject ExerciseSetup setup;
  @Inject DatasetLibrary datasets;
  @Inject Validator validator;
  @Inject Rescoring rescoring;

  @GET
  @Path("{id}")
  @Operation(hidden = true)
  public Response show(
      @PathParam("id") long id,
      @QueryParam("session") String token,
      @QueryParam("done") String done,
      @Context HttpHeaders headers,
      @Context HttpServletRequest request) {
    LaunchSession s = sessions.require(token, headers);
    PageContext ctx = PageContext.of(s, token, request.getContextPath());
    if (!TeacherPages.isTeacher(s)) {
      return TeacherPages.forbidden(ctx);
    }
    ExerciseSetup.Details d = setup.details(s, id);
    return render(ctx, d, valuesOf(d), new LinkedHashMap<>(), done);
  }

  @POST
  @Path("{id}")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Operation(hidden = true)
  public Response save(
      @PathParam("id") long id,
      @QueryParam("session") String queryToken,
      MultivaluedMap<String, String> form,
      @Context HttpHeaders headers,
      @Context HttpServletRequest request) {
    String token = TeacherPages.token(queryToken, form.getFirst("session"));
    LaunchSession s = sessions.require(token, headers);
    PageContext ctx = PageContext.of(s, token, request.getContextPath());
    if (!TeacherPages.isTeacher(s)) {
      return TeacherPages.forbidden(ctx);
    }
    ExerciseSetup.Details current = setup.details(s, id);
    Map<String, String> values = new LinkedHashMap<>();
    Map<String, String> errors = new LinkedHashMap<>();
    Messages m = ctx.msg();
    JsonObjectBuilder json = toJson(m, form, values, errors);
    try {
      // What could be read is checked even when a field could not: every message at once.
      ExerciseSettingsInput input =
          Binding.JSONB.fromJson(json.build().toString(), ExerciseSettingsInput.class);
      for (ConstraintViolation<ExerciseSettingsInput> v : validator.validate(input)) {
        String field = fieldOfPath(v.getPropertyPath().toString());
        errors.merge(
            field,
            v.getMessage() + " (" + v.getInvalidValue() + ")",
            (a, b) -> a.contains(b) ? a : a + "; " + b);
      }
      if (errors.isEmpty()) {
        setup.configure(s, id, input.toSettings());
        return TeacherPages.seeOther(ctx, "app/teach/exercises/" + id, "saved");
      }
    } catch (DomainException.Invalid | DomainException.NotFound ex) {
      errors.putIfAbsent(fieldOfMessage(ex.getMessage()), ex.getMessage());
    } catch (JsonbException ex) {
      errors.putIfAbsent("", m.get("teacher.ex.unreadable", ex.getMessage()));
    }
    // 200, not 400: the browser shows the form again with the messages next to the fields (a 4xx
    // document would also count as a failed load in the browser's console).
    return render(ctx, current, values, errors, null);
  }

  @POST
  @Path("{id}/rescore")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Operation(hidden = true)
  public Response rescore(
      @PathParam("id") long id,
      @QueryParam("session") String queryToken,
      @FormParam("session") String formToken,
      @Context HttpHeaders headers,
      @Context HttpServletRequest request) {
    String token = TeacherPages.token(queryToken, formToken);
    LaunchSession s = sessions.require(token, headers);
    PageContext ctx = PageContext.of(s, token, request.getContextPath());
    if (!TeacherPages.isTeacher(s)) {
      return TeacherPages.forbidden(ctx);
    }
    Rescoring.Requested r = rescoring.request(s, id);
    return TeacherPages.seeOther(
        ctx, "app/teach/exercises/" + id, r.alreadyQueued() ? "rescorewaiting" : "rescoring");
  }

  // ---------------------------------------------------------------- form -> JSON

  /** The form as the REST API's JSON; values keep what was typed, errors what cannot be read. */
  private static JsonObjectBuilder toJson(
      Messages m,
      MultivaluedMap<String, String> form,
      Map<String, String> values,
      Map<String, String> errors) {
    JsonObjectBuilder b = Json.createObjectBuilder();
    for (String f :
        List.of(
            "datasetId",
            "inputWidth",
            "inputHeight",
            "inputChannels",
            "splitSeed",
            "maxAttempts",
            "minIntervalSeconds",
            "dailyCap",
            "publicTestFraction",
            "acceptThreshold",
            "rejectThreshold",
            "maxScore")) {
      number(m, form, f, values, errors).ifPresent(v -> b.add(f, v));
    }
    for (String f : List.of("opensAt", "dueAt")) {
      String v = text(form, f, values);
      if (!v.isEmpty()) {
        b.add(f, instant(v));
      }
    }
    String selection = text(form, "attemptSelection", values);
    if (!selection.isEmpty()) {
      b.add("attemptSelection", selection);
    }
    // Late policy: both fields or neither (the API then says which is missing).
    JsonObjectBuilder late = Json.createObjectBuilder();
    boolean anyLate = false;
    for (String f : List.of("percentPerDay", "capPercent")) {
      var v = number(m, form, "late." + f, values, errors);
      if (v.isPresent()) {
        late.add(f, v.get());
        anyLate = true;
      }
    }
    if (anyLate) {
      b.add("late", late);
    }
    JsonObjectBuilder caps = Json.createObjectBuilder();
    boolean anyCap = false;
    for (String f : List.of("wallSeconds", "maxParameters", "maxEpochs")) {
      var v = number(m, form, "computeCaps." + f, values, errors);
      if (v.isPresent()) {
        caps.add(f, v.get());
        anyCap = true;
      }
    }
    if (anyCap) {
      b.add("computeCaps", caps);
    }
    String metric = text(form, "rubric.metric", values);
    if (!metric.isEmpty()) {
      JsonObjectBuilder rubric = Json.createObjectBuilder().add("metric", metric);
      number(m, form, "rubric.baseline", values, errors).ifPresent(v -> rubric.add("baseline", v));
      number(m, form, "rubric.target", values, errors).ifPresent(v -> rubric.add("target", v));
      b.add("rubric", rubric);
    }
    List<String> kinds = form.getOrDefault("allowedKinds", List.of());
    values.put("allowedKinds", String.join(",", kinds));
    if (!kinds.isEmpty()) {
      JsonArrayBuilder a = Json.createArrayBuilder();
      kinds.forEach(a::add);
      b.add("allowedKinds", a);
    }
    // Extensions: one "user id = date" per line.
    String ext = text(form, "extensions", values);
    JsonObjectBuilder extensions = Json.createObjectBuilder();
    int line = 0;
    for (String raw : ext.split("\\R")) {
      line++;
      if (raw.isBlank()) {
        continue;
      }
      int eq = raw.lastIndexOf('=');
      if (eq <= 0 || raw.substring(0, eq).isBlank() || raw.substring(eq + 1).isBlank()) {
        errors.putIfAbsent("extensions", m.get("teacher.ex.extensions.line", line));
        continue;
      }
      extensions.add(raw.substring(0, eq).strip(), instant(raw.substring(eq + 1).strip()));
    }
    b.add("extensions", extensions);
    // Prompts: rows by number; blank rows dropped, the rest renumbered from 0.
    Map<Integer, String[]> rows = new java.util.TreeMap<>();
    for (String key : form.keySet()) {
      Matcher pm = PROMPT.matcher(key);
      if (pm.matches()) {
        String[] row = rows.computeIfAbsent(Integer.parseInt(pm.group(1)), k -> new String[2]);
        row[pm.group(2).equals("text") ? 0 : 1] = form.getFirst(key);
      }
    }
    JsonArrayBuilder prompts = Json.createArrayBuilder();
    int n = 0;
    for (String[] row : rows.values()) {
      String text = row[0] == null ? "" : row[0].strip();
      String cls = row[1] == null ? "" : row[1].strip();
      if (text.isEmpty() && cls.isEmpty()) {
        continue;
      }
      values.put("prompts[" + n + "].text", text);
      values.put("prompts[" + n + "].class", cls);
      prompts.add(Json.createObjectBuilder().add("text", text).add("expectedClass", cls));
      n++;
    }
    b.add("prompts", prompts);
    // Re-scoring's settings: a student's own error counts as an attempt (a checkbox: absent = no).
    boolean charge = "on".equals(text(form, "chargeUserErrors", values));
    b.add("chargeUserErrors", charge);
    return b;
  }

  private static String text(MultivaluedMap<String, String> form, String f, Map<String, String> v) {
    String s = form.getFirst(f);
    s = s == null ? "" : s.strip();
    v.put(f, s);
    return s;
  }

  private static java.util.Optional<BigDecimal> number(
      Messages m,
      MultivaluedMap<String, String> form,
      String f,
      Map<String, String> values,
      Map<String, String> errors) {
    String s = text(form, f, values);
    if (s.isEmpty()) {
      return java.util.Optional.empty();
    }
    BigDecimal v;
    try {
      v = new BigDecimal(s);
    } catch (NumberFormatException ex) {
      errors.put(f, m.get("teacher.ex.notNumber", s));
      return java.util.Optional.empty();
    }
    if (INTS.contains(f) || LONGS.contains(f)) {
      try {
        long whole = v.longValueExact();
        if (INTS.contains(f) && (whole > Integer.MAX_VALUE || whole < Integer.MIN_VALUE)) {
          errors.put(f, m.get("teacher.ex.tooLarge", s));
          return java.util.Optional.empty();
        }
        return java.util.Optional.of(BigDecimal.valueOf(whole));
      } catch (ArithmeticException ex) {
        errors.put(f, m.get("teacher.ex.notWhole", s));
        return java.util.Optional.empty();
      }
    }
    return java.util.Optional.of(v);
  }

  /** A datetime-local value ("2026-12-08T09:00") is UTC; anything else goes as typed. */
  static String instant(String v) {
    String s = v.strip();
    if (LOCAL.matcher(s).matches()) {
      return (s.length() == 16 ? s + ":00" : s) + "Z";
    }
    return s;
  }

  static String fieldOfPath(String path) {
    Matcher pm = Pattern.compile("prompts\\[(\\d+)\\]\\.(text|expectedClass)").matcher(path);
    if (pm.lookingAt()) {
      return "prompts[" + pm.group(1) + "]." + (pm.group(2).equals("text") ? "text" : "class");
    }
    for (String f : INTS) {
      if (path.startsWith(f)) {
        return f;
      }
    }
    for (String f : LONGS) {
      if (path.startsWith(f)) {
        return f;
      }
    }
    for (String f : DECIMALS) {
      if (path.startsWith(f)) {
        return f;
      }
    }
    for (String f :
        List.of(
            "opensAt",
            "dueAt",
            "extensions",
            "attemptSelection",
            "allowedKinds",
            "prompts",
            "rubric.metric",
            "late",
            "computeCaps",
            "rubric")) {
      if (path.startsWith(f)) {
        return f.equals("late")
            ? "late.percentPerDay"
            : f.equals("computeCaps")
                ? "computeCaps.wallSeconds"
                : f.equals("rubric") ? "rubric.metric" : f;
      }
    }
    return "";
  }

  /** The field a domain message is about: the earliest field word in it, else "" (the form). */
  static String fieldOfMessage(String message) {
    if (message == null) {
      return "";
    }
    String best = "";
    int at = Integer.MAX_VALUE;
    for (var w : FIELD_WORDS.entrySet()) {
      Matcher wm = Pattern.compile("\\b" + Pattern.quote(w.getKey())).matcher(message);
      if (wm.find() && wm.start() < at) {
        at = wm.start();
        best = w.getValue();
      }
    }
    return best;
  }

  // ---------------------------------------------------------------- exercise -> form

  private static Map<String, String> valuesOf(ExerciseSetup.Details d) {
    Exercise x = d.exercise();
    Map<String, String> v = new HashMap<>();
    x.datasetId().ifPresent(id -> v.put("datasetId", id.toString()));
    x.inputWidth().ifPresent(w -> v.put("inputWidth", w.toString()));
    x.inputHeight().ifPresent(h -> v.put("inputHeight", h.toString()));
    x.inputChannels().ifPresent(c -> v.put("inputChannels", c.toString()));
    if (x.datasetId().isPresent()) {
      v.put("splitSeed", Long.toString(x.splitSeed()));
    }
    x.opensAt().ifPresent(t -> v.put("opensAt", local(t)));
    x.dueAt().ifPresent(t -> v.put("dueAt", local(t)));
    x.latePolicy()
        .ifPresent(
            p -> {
              v.put("late.percentPerDay", TeacherPages.number(p.percentPerDay()));
              v.put("late.capPercent", TeacherPages.number(p.capPercent()));
            });
    StringBuilder ext = new StringBuilder();
    x.extensions().forEach((u, t) -> ext.append(u).append(" = ").append(local(t)).append('\n'));
    v.put("extensions", ext.toString());
    x.maxAttempts().ifPresent(a -> v.put("maxAttempts", a.toString()));
    v.put("minIntervalSeconds", Long.toString(x.minInterval().getSeconds()));
    x.dailyCap().ifPresent(c -> v.put("dailyCap", c.toString()));
    v.put("attemptSelection", x.attemptSelection().name());
    ComputeCaps caps = x.computeCaps();
    v.put("computeCaps.wallSeconds", Integer.toString(caps.wallSeconds()));
    v.put("computeCaps.maxParameters", Long.toString(caps.maxParameters()));
    v.put("computeCaps.maxEpochs", Integer.toString(caps.maxEpochs()));
    x.blindPhase()
        .ifPresent(b -> v.put("publicTestFraction", TeacherPages.number(b.publicFraction())));
    v.put(
        "allowedKinds",
        String.join(",", x.allowedKinds().stream().map(Enum::name).sorted().toList()));
    List<ImagePrompt> prompts = x.prompts();
    for (int i = 0; i < prompts.size(); i++) {
      v.put("prompts[" + i + "].text", prompts.get(i).text());
      v.put("prompts[" + i + "].class", prompts.get(i).expectedClass());
    }
    v.put("maxScore", TeacherPages.number(x.getMaxScore()));
    v.put("chargeUserErrors", x.chargesUserErrors() ? "on" : "");
    v.put("acceptThreshold", TeacherPages.number(x.acceptThreshold()));
    v.put("rejectThreshold", TeacherPages.number(x.rejectThreshold()));
    Rubric r = x.rubric();
    v.put("rubric.metric", r.metric().name());
    if (r.baseline() != null) {
      v.put("rubric.baseline", TeacherPages.number(r.baseline()));
    }
    if (r.target() != null) {
      v.put("rubric.target", TeacherPages.number(r.target()));
    }
    return v;
  }

  private static String local(Instant t) {
    return LocalDateTime.ofInstant(t, ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES).toString();
  }

  // ---------------------------------------------------------------- HTML

  private Response render(
      PageContext ctx,
      ExerciseSetup.Details d,
      Map<String, String> values,
      Map<String, String> errors,
      String done) {
    Messages m = ctx.msg();
    Exercise x = d.exercise();
    boolean image = x.getKind() == Exercise.Kind.IMAGE_ANSWER;
    List<Dataset> all = datasets.list(ctx.session());
    Form f = new Form(m, values, errors);
    StringBuilder b = new StringBuilder();
    b.append("<h1>")
        .append(m.e("teacher.ex.title", x.getTitle()))
        .append("</h1>\n<p class=\"lead\">")
        .append(m.e("home.kind." + x.getKind().name()))
        .append(" · ")
        .append(m.e("common.points", TeacherPages.number(x.getMaxScore())))
        .append("</p>\n");
    b.append(TeacherPages.notice(m, done));
    if (!errors.isEmpty()) {
      b.append("<div class=\"error\" role=\"alert\" id=\"form-errors\" tabindex=\"-1\"><p>")
          .append(m.e("teacher.ex.errors", errors.size()))
          .append("</p><ul>");
      errors.forEach(
          (field, msg) -> {
            b.append("<li>");
            if (!field.isEmpty()) {
              b.append("<a href=\"#").append(Form.id(field)).append("\">");
            }
            b.append(e(msg));
            if (!field.isEmpty()) {
              b.append("</a>");
            }
            b.append("</li>");
          });
      b.append("</ul></div>\n");
    }
    b.append("<form method=\"post\" id=\"settings\" class=\"teacher-form\" novalidate action=\"")
        .append(ctx.href("app/teach/exercises/" + x.getId()))
        .append("\">")
        .append(TeacherPages.sessionField(ctx))
        .append('\n');

    // Dataset and input
    b.append("<fieldset class=\"card\"><legend>")
        .append(m.e("teacher.ex.data"))
        .append("</legend>");
    StringBuilder options = new StringBuilder();
    if (x.datasetId().isEmpty()) {
      options.append("<option value=\"\">").append(m.e("teacher.ex.noDataset")).append("</option>");
    }
    for (Dataset ds : all) {
      options
          .append("<option value=\"")
          .append(ds.requireId())
          .append('"')
          .append(String.valueOf(ds.requireId()).equals(values.get("datasetId")) ? " selected" : "")
          .append(" data-classes=\"")
          .append(e(String.join("\n", ds.classNames())))
          .append("\" data-seed=\"")
          .append(ds.splitSeed())
          .append("\">")
          .append(e(ds.name()))
          .append(" v")
          .append(ds.version())
          .append(" · ")
          .append(m.e("teacher.ex.datasetSummary", ds.imageCount(), ds.classes().size()))
          .append("</option>");
    }
    b.append(f.select("datasetId", "teacher.ex.dataset", "teacher.ex.dataset.hint", options));
    if (all.isEmpty()) {
      b.append("<p class=\"hint\">")
          .append(
              m.html(
                  "teacher.ex.noDatasets",
                  "<a href=\""
                      + ctx.href("app/teach/datasets")
                      + "\">"
                      + m.e("nav.datasets")
                      + "</a>"))
          .append("</p>");
    }
    d.dataset()
        .ifPresent(
            ds ->
                b.append("<p class=\"hint\" id=\"dataset-info\">")
                    .append(
                        m.e(
                            "teacher.ex.datasetInfo",
                            String.join(", ", ds.classNames()),
                            TeacherPages.percent(ds.fractions().train()),
                            TeacherPages.percent(ds.fractions().validation()),
                            TeacherPages.percent(ds.fractions().test())))
                    .append("</p>"));
    b.append("<div class=\"grid narrow\">")
        .append(f.number("splitSeed", "teacher.ex.splitSeed", "teacher.ex.splitSeed.hint", ""))
        .append(f.number("inputWidth", "teacher.ex.inputWidth", null, "min=\"8\" max=\"1024\""))
        .append(f.number("inputHeight", "teacher.ex.inputHeight", null, "min=\"8\" max=\"1024\""))
        .append(f.number("inputChannels", "teacher.ex.inputChannels", null, "min=\"1\" max=\"3\""))
        .append("</div><p class=\"hint\">")
        .append(m.e("teacher.ex.augmentation"))
        .append("</p></fieldset>\n");

    // Image-answer prompts and thresholds
    if (image) {
      List<String> classes = d.dataset().map(Dataset::classNames).orElse(List.of());
      b.append("<fieldset class=\"card\" id=\"prompts\"><legend>")
          .append(m.e("teacher.ex.prompts"))
          .append("</legend><p class=\"hint\">")
          .append(m.e("teacher.ex.prompts.hint"))
          .append("</p>");
      if (errors.containsKey("prompts")) {
        b.append(f.error("prompts"));
      }
      b.append("<datalist id=\"class-names\">");
      for (String c : classes) {
        b.append("<option value=\"").append(e(c)).append("\">");
      }
      b.append("</datalist><ol class=\"prompt-rows\">");
      int rows = 0;
      while (values.containsKey("prompts[" + rows + "].text")) {
        rows++;
      }
      for (int i = 0; i <= rows; i++) { // one empty row to add a prompt without JavaScript
        b.append("<li class=\"prompt-row\">")
            .append(
                f.text("prompts[" + i + "].text", "teacher.ex.prompt.text", "maxlength=\"1000\""))
            .append(
                f.text(
                    "prompts[" + i + "].class",
                    "teacher.ex.prompt.class",
                    "maxlength=\"200\" list=\"class-names\""))
            .append("</li>");
      }
      b.append("</ol><button type=\"button\" class=\"secondary\" id=\"add-prompt\" hidden>")
          .append(m.e("teacher.ex.prompt.add"))
          .append("</button>")
          .append("<div class=\"grid narrow\">")
          .append(
              f.number(
                  "acceptThreshold",
                  "teacher.ex.accept",
                  "teacher.ex.accept.hint",
                  "min=\"0\" max=\"1\" step=\"any\""))
          .append(
              f.number(
                  "rejectThreshold",
                  "teacher.ex.reject",
                  "teacher.ex.reject.hint",
                  "min=\"0\" max=\"1\" step=\"any\""))
          .append("</div><p class=\"hint\" id=\"threshold-check\" aria-live=\"polite\"")
          .append(TeacherPages.scriptMessages(m, "teacher.ex.", "thresholdOrder"))
          .append("></p>")
          .append("</fieldset>\n");
    }

    // Rubric, blind phase and compute (classifier challenges)
    if (!image) {
      b.append("<fieldset class=\"card\"><legend>")
          .append(m.e("teacher.ex.rubric"))
          .append("</legend>");
      StringBuilder metrics = new StringBuilder();
      for (Rubric.Metric r : Rubric.Metric.values()) {
        metrics
            .append("<option value=\"")
            .append(r.name())
            .append('"')
            .append(r.name().equals(values.get("rubric.metric")) ? " selected" : "")
            .append('>')
            .append(m.e("teacher.ex.metric." + r.name()))
            .append("</option>");
      }
      b.append("<div class=\"grid narrow\">")
          .append(f.select("rubric.metric", "teacher.ex.metric", null, metrics))
          .append(
              f.number(
                  "rubric.baseline",
                  "teacher.ex.baseline",
                  "teacher.ex.baseline.hint",
                  "min=\"0\" max=\"1\" step=\"any\""))
          .append(
              f.number(
                  "rubric.target",
                  "teacher.ex.target",
                  "teacher.ex.target.hint",
                  "min=\"0\" max=\"1\" step=\"any\""))
          .append(
              f.number(
                  "publicTestFraction",
                  "teacher.ex.blind",
                  "teacher.ex.blind.hint",
                  "min=\"0\" max=\"1\" step=\"any\""))
          .append("</div></fieldset>\n");
      b.append("<fieldset class=\"card\"><legend>")
          .append(m.e("teacher.ex.compute"))
          .append("</legend><div class=\"grid narrow\">")
          .append(
              f.number(
                  "computeCaps.wallSeconds",
                  "teacher.ex.wallSeconds",
                  null,
                  "min=\"10\" max=\"86400\""))
          .append(
              f.number(
                  "computeCaps.maxParameters",
                  "teacher.ex.maxParameters",
                  null,
                  "min=\"1\" max=\"100000000\""))
          .append(
              f.number(
                  "computeCaps.maxEpochs", "teacher.ex.maxEpochs", null, "min=\"1\" max=\"1000\""))
          .append("</div></fieldset>\n");
    }

    // Dates and late policy
    b.append("<fieldset class=\"card\"><legend>")
        .append(m.e("teacher.ex.dates"))
        .append("</legend><div class=\"grid narrow\">")
        .append(f.input("opensAt", "datetime-local", "teacher.ex.opensAt", "teacher.ex.utc", ""))
        .append(f.input("dueAt", "datetime-local", "teacher.ex.dueAt", "teacher.ex.utc", ""))
        .append(
            f.number(
                "late.percentPerDay",
                "teacher.ex.latePercent",
                "teacher.ex.latePercent.hint",
                "min=\"0\" max=\"100\" step=\"any\""))
        .append(
            f.number(
                "late.capPercent",
                "teacher.ex.lateCap",
                "teacher.ex.lateCap.hint",
                "min=\"0\" max=\"100\" step=\"any\""))
        .append("</div>")
        .append(f.textarea("extensions", "teacher.ex.extensions", "teacher.ex.extensions.hint"))
        .append("</fieldset>\n");

    // Attempts and throttling
    b.append("<fieldset class=\"card\"><legend>")
        .append(m.e("teacher.ex.attempts"))
        .append("</legend><div class=\"grid narrow\">")
        .append(
            f.number("maxAttempts", "teacher.ex.maxAttempts", "teacher.ex.unlimited", "min=\"0\""))
        .append(
            f.number(
                "minIntervalSeconds",
                "teacher.ex.minInterval",
                "teacher.ex.minInterval.hint",
                "min=\"0\""))
        .append(f.number("dailyCap", "teacher.ex.dailyCap", "teacher.ex.unlimited", "min=\"0\""))
        .append(f.number("maxScore", "teacher.ex.maxScore", null, "min=\"0\" max=\"10000\""))
        .append("</div><label class=\"check\"><input type=\"checkbox\" name=\"chargeUserErrors\"")
        .append(" id=\"f-chargeUserErrors\" value=\"on\"")
        .append("on".equals(values.get("chargeUserErrors")) ? " checked" : "")
        .append("> ")
        .append(m.e("teacher.ex.chargeUserErrors"))
        .append("</label>");
    b.append("<fieldset class=\"inline\"><legend>")
        .append(m.e("teacher.ex.selection"))
        .append("</legend>");
    for (String sel : List.of("BEST", "LAST")) {
      b.append("<label class=\"check\"><input type=\"radio\" name=\"attemptSelection\" value=\"")
          .append(sel)
          .append('"')
          .append(sel.equals(values.getOrDefault("attemptSelection", "BEST")) ? " checked" : "")
          .append("> ")
          .append(m.e("teacher.ex.selection." + sel))
          .append("</label>");
    }
    b.append(f.error("attemptSelection")).append("</fieldset>");
    b.append("<fieldset class=\"inline\" id=\"allowedKinds\" tabindex=\"-1\"><legend>")
        .append(m.e("teacher.ex.kinds"))
        .append("</legend>");
    Set<String> chosen = new TreeSet<>(List.of(values.getOrDefault("allowedKinds", "").split(",")));
    for (SubmissionKind k : SubmissionKind.possibleFor(x.getKind())) {
      b.append("<label class=\"check\"><input type=\"checkbox\" name=\"allowedKinds\" value=\"")
          .append(k.name())
          .append('"')
          .append(chosen.contains(k.name()) ? " checked" : "")
          .append("> ")
          .append(m.e("teacher.ex.kind." + k.name()))
          .append("</label>");
    }
    b.append(f.error("allowedKinds")).append("</fieldset></fieldset>\n");

    b.append("<div class=\"row\"><button type=\"submit\" id=\"save\">")
        .append(m.e("common.save"))
        .append("</button></div></form>\n");
    // Re-scoring (saving settings that change grades re-scores by itself; this is on demand).
    b.append("<form method=\"post\" class=\"card\" id=\"rescore\" action=\"")
        .append(ctx.href("app/teach/exercises/" + x.getId() + "/rescore"))
        .append("\"><h2>")
        .append(m.e("teacher.ex.rescore"))
        .append("</h2><p class=\"hint\">")
        .append(m.e("teacher.ex.rescore.hint"))
        .append("</p>")
        .append(TeacherPages.sessionField(ctx))
        .append("<button type=\"submit\" class=\"secondary\" id=\"rescore-button\">")
        .append(m.e("teacher.ex.rescore.button"))
        .append("</button></form>\n");
    return TeacherPages.ok(
        ctx,
        m.get("teacher.ex.title", x.getTitle()),
        NAV,
        b.toString(),
        List.of("teacher-exercise.js"));
  }

  /** Form controls that show the value typed and the field's error next to it. */
  private record Form(Messages m, Map<String, String> values, Map<String, String> errors) {

    static String id(String field) {
      return "f-" + field.replaceAll("[^A-Za-z0-9]+", "-").replaceAll("-$", "");
    }

    String label(String field, String labelKey, String hintKey) {
      return "<label for=\""
          + id(field)
          + "\">"
          + m.e(labelKey)
          + (hintKey == null ? "" : " <span class=\"hint\">" + m.e(hintKey) + "</span>")
          + "</label>";
    }

    String aria(String field) {
      return errors.containsKey(field)
          ? " aria-invalid=\"true\" aria-describedby=\"err-" + id(field) + "\""
          : "";
    }

    String error(String field) {
      String msg = errors.get(field);
      return msg == null
          ? ""
          : "<p class=\"field-error\" id=\"err-" + id(field) + "\">" + e(msg) + "</p>";
    }

    String input(String field, String type, String labelKey, String hintKey, String attrs) {
      return "<div class=\"field\">"
          + label(field, labelKey, hintKey)
          + "<input id=\""
          + id(field)
          + "\" name=\""
          + e(field)
          + "\" type=\""
          + type
          + "\" value=\""
          + e(values.getOrDefault(field, ""))
          + "\" "
          + attrs
          + aria(field)
          + ">"
          + error(field)
          + "</div>";
    }

    String number(String field, String labelKey, String hintKey, String attrs) {
      // type=text + inputmode: the browser keeps what was typed, so the server can say what is
      // wrong with it (a type=number field sends "" for "abc").
      return input(field, "text", labelKey, hintKey, "inputmode=\"decimal\" " + attrs);
    }

    String text(String field, String labelKey, String attrs) {
      return input(field, "text", labelKey, null, attrs);
    }

    String textarea(String field, String labelKey, String hintKey) {
      return "<div class=\"field\">"
          + label(field, labelKey, hintKey)
          + "<textarea id=\""
          + id(field)
          + "\" name=\""
          + e(field)
          + "\" rows=\"3\""
          + aria(field)
          + ">"
          + e(values.getOrDefault(field, ""))
          + "</textarea>"
          + error(field)
          + "</div>";
    }

    String select(String field, String labelKey, String hintKey, CharSequence options) {
      return "<div class=\"field\">"
          + label(field, labelKey, hintKey)
          + "<select id=\""
          + id(field)
          + "\" name=\""
          + e(field)
          + "\""
          + aria(field)
          + ">"
          + options
          + "</select>"
          + error(field)
          + "</div>";
    }
  }
}
