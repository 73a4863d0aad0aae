package io.visiongrade.web.demo;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import io.visiongrade.lms.application.CourseCatalog;
import io.visiongrade.lms.application.CourseModels;
import io.visiongrade.lms.application.DatasetLibrary;
import io.visiongrade.lms.application.ExerciseSettings;
import io.visiongrade.lms.application.ExerciseSetup;
import io.visiongrade.lms.application.JobQueue;
import io.visiongrade.lms.domain.course.Exercise;
import io.visiongrade.lms.domain.course.ImagePrompt;
import io.visiongrade.lms.domain.course.SubmissionKind;
import io.visiongrade.lms.domain.coursemodel.CourseModel;
import io.visiongrade.lms.domain.dataset.Dataset;
import io.visiongrade.lms.domain.job.JobFinished;
import io.visiongrade.lms.domain.job.JobProgress;
import io.visiongrade.lms.domain.job.JobState;
import io.visiongrade.lms.domain.job.JobView;
import io.visiongrade.lms.infrastructure.config.Settings;
import io.visiongrade.lms.infrastructure.lti.LaunchSession;
import io.visiongrade.lms.infrastructure.persistence.DatabaseMigrator;
import io.visiongrade.lms.lti.LtiClaims;
import io.visiongrade.lms.lti.ToolConfiguration;
import io.visiongrade.lms.lti.deeplinking.DeepLinkingResponseBuilder;
import io.visiongrade.lms.lti.deeplinking.ResourceLinkItem;
import io.visiongrade.lms.lti.launch.DeepLinkingSettings;
import io.visiongrade.lms.lti.launch.LtiMessageType;
import io.visiongrade.lms.lti.launch.LtiRole;
import io.visiongrade.lms.lti.platform.AuthResponse;
import io.visiongrade.lms.lti.platform.EmulatedUser;
import io.visiongrade.lms.lti.platform.PlatformEmulator;
import io.visiongrade.lms.lti.platform.ResourceLinkPlacement;
import io.visiongrade.lms.lti.registration.RegistrationKey;
import io.visiongrade.lms.lti.support.Randoms;
import io.visiongrade.lms.lti.support.Urls;
import io.visiongrade.web.devlms.DevLms;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.net.URI;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Fills the LMS emulator's course at start-up in demo mode (unless {@code
 * visiongrade.demo.seed=false}): the built-in "demo shapes" dataset (hand-drawn-looking circles,
 * squares, stars and triangles), a course model trained on it as a normal training job and promoted
 * when it is ready, an image-answer exercise "Draw a triangle" and a classifier challenge on the
 * same dataset, both placed in the emulated course through a Deep Linking response, so that the dev
 * LMS's course page lists them with their "Launch as ..." links.
 *
 * <p>Idempotent across restarts: the database keeps the course, dataset, exercises and models, so a
 * restart finds them (by title and kind) and creates nothing twice, and trains only when no model
 * of the demo dataset is ready, training or promoted. The emulator keeps its placements in memory
 * only, so they are placed again after each start. The seeder acts as the emulated course's
 * teacher, with the identity and course the emulator's launches carry.
 */
@ApplicationScoped
public class DemoSeeder {

  private static final Logger LOG = Logger.getLogger(DemoSeeder.class);

  /** Title of the image-answer exercise. */
  public static final String DRAW_TITLE = "Draw a triangle";

  /** Title of the classifier challenge. */
  public static final String CHALLENGE_TITLE = "Build a shape classifier";

  /** τ_accept and τ_reject of the drawing exercise: hand drawings are less clear than the data. */
  static final double ACCEPT_THRESHOLD = 0.6;

  static final double REJECT_THRESHOLD = 0.25;

  /**
   * The demo course model: three small convolution blocks (with batch normalisation, which
   * converges in few epochs), sized for the demo dataset (32x32 grayscale): about 13,000 training
   * images in all, tens of seconds on two cores.
   */
  static final String MODEL_SPEC =
      """
      { "input": {"width": 32, "height": 32, "channels": 1},
        "layers": [ {"type": "conv2d", "filters": 16, "kernel": [3, 3], "padding": "same",
                     "activation": "relu"},
                    {"type": "batchnorm"},
                    {"type": "maxpool2d", "pool": [2, 2]},
                    {"type": "conv2d", "filters": 32, "kernel": [3, 3], "padding": "same",
                     "activation": "relu"},
                    {"type": "batchnorm"},
                    {"type": "maxpool2d", "pool": [2, 2]},
                    {"type": "conv2d", "filters": 32, "kernel": [3, 3], "padding": "same",
                     "activation": "relu"},
                    {"type": "maxpool2d", "pool": [2, 2]},
                    {"type": "flatten"},
                    {"type": "dense", "units": 64, "activation": "relu"},
                    {"type": "dense", "units": "classes"} ],
        "initializer": {"type": "he"},
        "optimizer": {"type": "adam", "learningRate": 0.002},
        "training": {"epochs": 12, "batchSize": 32, "seed": 42, "earlyStoppingPatience": 4},
        "augmentation": {} }
      """;

  @Inject Settings settings;
  @Inject DevLms devLms;
  @Inject CourseCatalog catalog;
  @Inject DatasetLibrary datasets;
  @Inject ExerciseSetup setup;
  @Inject CourseModels models;
  @Inject JobQueue jobs;
  @Inject ToolConfiguration tool;
  @Inject DeepLinkingResponseBuilder deepLinking;

  private volatile Long courseId;
  private volatile Long jobId;
  private volatile String state = "off";

  void onStartup(@Observes @Priority(DatabaseMigrator.STARTUP_PRIORITY + 40) Startup event) {
    Optional<PlatformEmulator> lms = devLms.emulator();
    if (!settings.demo() || lms.isEmpty()) {
      return;
    }
    if (!settings.demoSeed()) {
      LOG.info("Demo course not seeded (visiongrade.demo.seed=false)");
      return;
    }
    try {
      seed(lms.get());
    } catch (RuntimeException e) {
      // The dev LMS works without its demo content: say what went wrong and carry on.
      state = "failed: " + e.getMessage();
      LOG.error("Seeding the demo course failed; the dev LMS works without it", e);
    }
  }

  /** Creates what is missing, places the exercises, and trains or promotes the course model. */
  void seed(PlatformEmulator lms) {
    state = "seeding";
    long started = System.nanoTime();
    LaunchSession teacher = teacherSession(lms, Optional.empty());
    long course = catalog.courseOf(teacher).getId();
    courseId = course;
    Dataset shapes = datasets.demoShapes(course);
    List<Exercise> existing = catalog.exercises(teacher);
    Exercise draw =
        find(existing, Exercise.Kind.IMAGE_ANSWER, DRAW_TITLE)
            .orElseGet(() -> createDrawing(teacher, shapes));
    Exercise challenge =
        find(existing, Exercise.Kind.CLASSIFIER_CHALLENGE, CHALLENGE_TITLE)
            .orElseGet(() -> createChallenge(teacher, shapes));
    place(lms, List.of(draw, challenge));

    Optional<CourseModel> promoted = models.promoted(course);
    if (promoted.isPresent()) {
      ready(promoted.get());
      return;
    }
    List<CourseModel> ofShapes =
        models.list(teacher).stream()
            .filter(m -> m.datasetId() == shapes.requireId())
            .sorted(Comparator.comparingInt(CourseModel::version).reversed())
            .toList();
    Optional<CourseModel> readyOne =
        ofShapes.stream().filter(m -> m.state() == CourseModel.State.READY).findFirst();
    if (readyOne.isPresent()) {
      ready(models.promote(teacher, readyOne.get().requireId()));
      return;
    }
    CourseModel training =
        ofShapes.stream()
            .filter(m -> m.state() == CourseModel.State.TRAINING)
            .findFirst()
            .orElseGet(() -> models.train(teacher, shapes.requireId(), MODEL_SPEC));
    jobId = training.jobId();
    state = "training";
    LOG.infof(
        "Demo course seeded in %d ms; training its model (version %d, job %d): the drawing"
            + " exercise grades once it is promoted (progress: %shealth/ready)",
        (System.nanoTime() - started) / 1_000_000,
        training.version(),
        training.jobId(),
        settings.baseUrl());
  }

  /** Promotes the demo model when its training job succeeds (unless one was promoted already). */
  void onJobFinished(@Observes JobFinished event) {
    JobView job = event.job();
    Long course = courseId;
    Long awaited = jobId;
    if (course == null
        || awaited == null
        || job.courseId() != course
        || job.id() != awaited
        || !CourseModels.JOB_KIND.equals(job.kind())) {
      return;
    }
    Optional<PlatformEmulator> lms = devLms.emulator();
    if (lms.isEmpty()) {
      return;
    }
    try {
      if (job.state() != JobState.SUCCEEDED) {
        state = "failed: training " + job.state() + " " + job.message().orElse("");
        LOG.warnf(
            "The demo course model's training ended %s (%s); restart the server to try again",
            job.state(), job.message().orElse("no message"));
        return;
      }
      Optional<CourseModel> promoted = models.promoted(course);
      if (promoted.isPresent()) {
        ready(promoted.get());
        return;
      }
      LaunchSession teacher = teacherSession(lms.get(), Optional.empty());
      models.list(teacher).stream()
          .filter(m -> m.jobId() != null && m.jobId() == job.id())
          .filter(m -> m.state() == CourseModel.State.READY)
          .findFirst()
          .ifPresent(m -> ready(models.promote(teacher, m.requireId())));
    } catch (RuntimeException e) {
      state = "failed: " + e.getMessage();
      LOG.error("Promoting the demo course model failed", e);
    }
  }

  /**
   * Where the seeding is, for {@code /health/ready}: {@code state} seeding, training (with the
   * epoch), ready or failed; empty when demo mode or seeding is off.
   */
  public Optional<Map<String, String>> status() {
    if (courseId == null && state.equals("off")) {
      return Optional.empty();
    }
    Map<String, String> data = new LinkedHashMap<>();
    data.put("state", state);
    if (state.equals("training") && jobId != null) {
      jobs.find(jobId)
          .ifPresent(
              j -> {
                data.put("job", Long.toString(j.id()));
                data.put("job-state", j.state().name());
                j.progress()
                    .filter(p -> p.epochs() > 0)
                    .ifPresent(p -> data.put("epoch", epochText(p)));
              });
    }
    data.put("open", devLmsUrl().toString());
    return Optional.of(data);
  }

  private static String epochText(JobProgress p) {
    return p.epoch() + "/" + p.epochs();
  }

  private void ready(CourseModel model) {
    jobId = null;
    state = "ready";
    LOG.infof("Demo ready: open %s (course model version %d)", devLmsUrl(), model.version());
  }

  private Exercise createDrawing(LaunchSession teacher, Dataset shapes) {
    Exercise x = catalog.createExercise(teacher, Exercise.Kind.IMAGE_ANSWER, DRAW_TITLE, 10);
    setup.configure(
        teacher,
        x.getId(),
        settings(
            shapes,
            EnumSet.of(SubmissionKind.DRAWING, SubmissionKind.IMAGE_UPLOAD),
            List.of(
                new ImagePrompt(
                    "Draw a triangle: any size, any way up, in one go or several strokes.",
                    "triangle")),
            ACCEPT_THRESHOLD,
            REJECT_THRESHOLD));
    LOG.infof("Demo course: exercise \"%s\" (%d) created", DRAW_TITLE, x.getId());
    return x;
  }

  private Exercise createChallenge(LaunchSession teacher, Dataset shapes) {
    Exercise x =
        catalog.createExercise(teacher, Exercise.Kind.CLASSIFIER_CHALLENGE, CHALLENGE_TITLE, 100);
    setup.configure(
        teacher,
        x.getId(),
        settings(
            shapes,
            EnumSet.of(SubmissionKind.SPEC, SubmissionKind.PREDICTIONS_CSV),
            null,
            null,
            null));
    LOG.infof("Demo course: exercise \"%s\" (%d) created", CHALLENGE_TITLE, x.getId());
    return x;
  }

  private static ExerciseSettings settings(
      Dataset shapes,
      Set<SubmissionKind> kinds,
      List<ImagePrompt> prompts,
      Double accept,
      Double reject) {
    return new ExerciseSettings(
        shapes.requireId(),
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        kinds,
        prompts,
        accept,
        reject,
        null,
        null,
        null);
  }

  private static Optional<Exercise> find(List<Exercise> all, Exercise.Kind kind, String title) {
    return all.stream()
        .filter(x -> x.getKind() == kind && x.getTitle().equals(title))
        .min(Comparator.comparing(Exercise::getId));
  }

  /**
   * Places the exercises the emulated course does not show yet, as a teacher would through "add an
   * activity": the emulator's deep linking request, and the tool's signed response with one
   * resource link (and gradebook column) per exercise.
   */
  private void place(PlatformEmulator lms, List<Exercise> exercises) {
    List<Exercise> missing = new ArrayList<>();
    for (Exercise x : exercises) {
      String id = x.getId().toString();
      boolean placed =
          lms.placements().stream()
              .map(ResourceLinkPlacement::custom)
              .anyMatch(c -> id.equals(c.get(LtiClaims.CUSTOM_EXERCISE_ID)));
      if (!placed) {
        missing.add(x);
      }
    }
    if (missing.isEmpty()) {
      return;
    }
    LaunchSession request = teacherSession(lms, Optional.of(deepLinkingData(lms)));
    List<ResourceLinkItem> items =
        missing.stream()
            .map(
                x ->
                    ResourceLinkItem.forExercise(
                        x.getTitle(), tool.launchUrl(), x.getId().toString(), x.getMaxScore()))
            .toList();
    String jwt =
        deepLinking.build(request.deepLinkingRequest(), items, Optional.of("Demo course")).jwt();
    for (ResourceLinkPlacement p : lms.acceptDeepLinkingResponse(jwt)) {
      LOG.infof("Demo course: \"%s\" placed in the dev LMS as %s", p.title(), p.id());
    }
  }

  /**
   * Starts a deep linking request at the emulator for its teacher and reads the {@code data} value
   * of the signed request (checked against the emulator's key), which the response must echo.
   */
  private String deepLinkingData(PlatformEmulator lms) {
    EmulatedUser teacher = teacherOf(lms);
    Map<String, String> login = Urls.parseForm(lms.startDeepLinking(teacher.id()).getRawQuery());
    Map<String, String> auth = new LinkedHashMap<>();
    auth.put("scope", "openid");
    auth.put("response_type", "id_token");
    auth.put("response_mode", "form_post");
    auth.put("prompt", "none");
    auth.put("client_id", lms.clientId());
    auth.put("redirect_uri", tool.launchUrl().toString());
    auth.put("login_hint", teacher.id());
    auth.put("lti_message_hint", login.get("lti_message_hint"));
    auth.put("nonce", Randoms.token());
    auth.put("state", Randoms.token());
    AuthResponse response = lms.authorize(auth);
    try {
      SignedJWT jwt = SignedJWT.parse(response.idToken());
      RSAKey key =
          (RSAKey) JWKSet.parse(lms.publicJwks()).getKeyByKeyId(jwt.getHeader().getKeyID());
      if (key == null || !jwt.verify(new RSASSAVerifier(key))) {
        throw new IllegalStateException("The emulator's deep linking request does not verify");
      }
      Object data =
          jwt.getJWTClaimsSet()
              .getJSONObjectClaim(LtiClaims.DEEP_LINKING_SETTINGS)
              .get(LtiClaims.DL_SETTINGS_DATA);
      if (!(data instanceof String s)) {
        throw new IllegalStateException("The emulator's deep linking request has no data value");
      }
      return s;
    } catch (ParseException | JOSEException e) {
      throw new IllegalStateException("The emulator's deep linking request is malformed", e);
    }
  }

  /** The emulated course's teacher, as the emulator's launches describe them. */
  private LaunchSession teacherSession(PlatformEmulator lms, Optional<String> deepLinkingData) {
    EmulatedUser teacher = teacherOf(lms);
    Instant now = Instant.now();
    Optional<DeepLinkingSettings> dl =
        deepLinkingData.map(
            data ->
                new DeepLinkingSettings(
                    lms.deepLinkReturnUrl(),
                    List.of(LtiClaims.ITEM_LTI_RESOURCE_LINK),
                    List.of("iframe", "window"),
                    List.of(),
                    true,
                    true,
                    true,
                    Optional.empty(),
                    Optional.empty(),
                    Optional.of(data)));
    return new LaunchSession(
        new RegistrationKey(lms.issuer(), lms.clientId()),
        lms.registration().deploymentIds().iterator().next(),
        LtiMessageType.DEEP_LINKING,
        Optional.of(PlatformEmulator.CONTEXT_ID),
        Optional.of(PlatformEmulator.CONTEXT_TITLE),
        Optional.of(teacher.id()),
        Optional.of(teacher.name()),
        LtiRole.TEACHER,
        Optional.empty(),
        Optional.empty(),
        Optional.of(lms.lineItemsUrl()),
        Optional.empty(),
        Set.of(),
        Optional.of(lms.membershipsUrl()),
        dl,
        Optional.of("en"),
        now,
        now.plus(Duration.ofMinutes(10)));
  }

  private static EmulatedUser teacherOf(PlatformEmulator lms) {
    return lms.users().stream()
        .filter(u -> u.id().equals(EmulatedUser.teacher().id()))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("The emulated course has no teacher"));
  }

  /** The URL a newcomer opens. */
  URI devLmsUrl() {
    return settings.baseUrl().resolve(DevLms.PATH + "/");
  }
}
