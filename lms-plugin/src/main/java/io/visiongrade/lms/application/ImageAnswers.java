package io.visiongrade.lms.application;

import io.visiongrade.engine.explain.ExplainException;
import io.visiongrade.engine.explain.Explainer;
import io.visiongrade.engine.model.InvalidImageException;
import io.visiongrade.engine.model.Prediction;
import io.visiongrade.lms.domain.DomainException;
import io.visiongrade.lms.domain.answer.AnswerGrade;
import io.visiongrade.lms.domain.answer.ImageAnswer;
import io.visiongrade.lms.domain.answer.ImageAnswerRepository;
import io.visiongrade.lms.domain.course.Course;
import io.visiongrade.lms.domain.course.CourseRepository;
import io.visiongrade.lms.domain.course.Exercise;
import io.visiongrade.lms.domain.course.ImagePrompt;
import io.visiongrade.lms.domain.coursemodel.CourseModel;
import io.visiongrade.lms.domain.grading.ImageAnswerDecision;
import io.visiongrade.lms.domain.grading.LatePenalty;
import io.visiongrade.lms.domain.grading.LatePolicy;
import io.visiongrade.lms.domain.grading.ScoreTarget;
import io.visiongrade.lms.domain.grading.StudentHistory;
import io.visiongrade.lms.domain.grading.SubmissionDecision;
import io.visiongrade.lms.domain.grading.SubmissionPolicy;
import io.visiongrade.lms.domain.privacy.Pseudonyms;
import io.visiongrade.lms.infrastructure.lti.LaunchSession;
import io.visiongrade.lms.infrastructure.storage.ContentStore;
import io.visiongrade.lms.infrastructure.storage.StoredContent;
import io.visiongrade.lms.infrastructure.storage.Upload;
import io.visiongrade.lms.lti.launch.LtiRole;
import io.visiongrade.lms.lti.services.Score;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Image answers (see {@code docs/image-answers.md}): a student answers a prompt of an image-answer
 * exercise with a PNG or JPEG; it is stored by content hash and classified at once with the
 * course's promoted model; {@link ImageAnswerDecision} turns the probabilities into ACCEPTED,
 * REJECTED or REVIEW; the student's grade is {@code prompts accepted / prompts × max score}, and a
 * changed grade goes to the LMS through the score outbox in the same transaction.
 */
@ApplicationScoped
public class ImageAnswers {

  private static final Logger LOG = Logger.getLogger(ImageAnswers.class);

  /** The media types accepted. */
  public static final List<String> MEDIA_TYPES = List.of("image/png", "image/jpeg");

  /** The largest width or height of an answer image. */
  public static final int MAX_SIDE = 4096;

  /** How many ranked classes an answer keeps. */
  public static final int TOP_K = 3;

  /** The most answers one listing returns. */
  public static final int MAX_LIST = 500;

  /**
   * An answer, the grade it led to, and what happened to the score.
   *
   * @param answer the stored answer
   * @param grade the student's grade on the exercise now
   * @param passbackNote whether the grade was sent to the gradebook
   */
  public record Answered(ImageAnswer answer, AnswerGrade grade, String passbackNote) {}

  @Inject CourseCatalog catalog;
  @Inject CourseRepository courses;
  @Inject ImageAnswerRepository answers;
  @Inject CourseModels models;
  @Inject ContentStore store;
  @Inject ScoreOutbox outbox;

  @Inject
  @ConfigProperty(name = "visiongrade.answer.max-image-bytes", defaultValue = "5242880")
  long maxImageBytes;

  private ChallengeSubmissions.Exercises exercises;
  Clock clock = Clock.systemUTC();

  /** For CDI. */
  protected ImageAnswers() {}

  /** Outside a container (tests). */
  public ImageAnswers(
      ChallengeSubmissions.Exercises exercises,
      ImageAnswerRepository answers,
      CourseModels models,
      ContentStore store,
      ScoreOutbox outbox,
      long maxImageBytes,
      Clock clock) {
    this.exercises = Objects.requireNonNull(exercises, "exercises");
    this.answers = Objects.requireNonNull(answers, "answers");
    this.models = Objects.requireNonNull(models, "models");
    this.store = Objects.requireNonNull(store, "store");
    this.outbox = Objects.requireNonNull(outbox, "outbox");
    this.maxImageBytes = maxImageBytes;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @PostConstruct
  void init() {
    exercises =
        new ChallengeSubmissions.Exercises() {
          @Override
          public Exercise inCourse(LaunchSession session, long exerciseId) {
            return catalog.exercise(session, exerciseId);
          }

          @Override
          public long courseIdOf(LaunchSession session) {
            return catalog.courseOf(session).getId();
          }

          @Override
          public Exercise byId(long exerciseId) {
            return courses
                .findExercise(exerciseId)
                .orElseThrow(() -> new DomainException.NotFound("Exercise", exerciseId));
          }
        };
  }

  /** The largest image body, so that the web layer can refuse a larger declared length. */
  public long maxBytes() {
    return maxImageBytes;
  }

  /**
   * A student answers a prompt with an image, classified at once by the promoted course model.
   *
   * @param contentType {@code image/png} or {@code image/jpeg} (parameters ignored)
   * @throws DomainException.Forbidden not a student of the course
   * @throws DomainException.NotFound no such exercise in the course
   * @throws DomainException.Invalid not an image-answer exercise, no such prompt, not a PNG or
   *     JPEG, or an image that does not decode
   * @throws DomainException.TooLarge over {@code visiongrade.answer.max-image-bytes}
   * @throws DomainException.Conflict closed, or the teacher has not promoted a model yet
   * @throws DomainException.LimitExceeded attempts, interval or daily cap (with retry-after)
   */
  @Transactional
  public Answered answer(
      LaunchSession session,
      long exerciseId,
      int promptIndex,
      String contentType,
      InputStream body) {
    Objects.requireNonNull(body, "body");
    String user = requireStudent(session);
    Exercise exercise = exercises.inCourse(session, exerciseId);
    if (exercise.getKind() != Exercise.Kind.IMAGE_ANSWER) {
      throw new DomainException.Invalid(
          "Exercise " + exerciseId + " is not an image-answer exercise");
    }
    List<ImagePrompt> prompts = exercise.prompts();
    if (promptIndex < 0 || promptIndex >= prompts.size()) {
      throw new DomainException.Invalid(
          "prompt must be between 0 and "
              + (prompts.size() - 1)
              + " (this exercise has "
              + prompts.size()
              + " prompts), got "
              + promptIndex);
    }
    String type = mediaType(contentType);
    Instant now = clock.instant();
    List<Instant> counted =
        answers.forStudent(exercise.getId(), user).stream().map(ImageAnswer::submittedAt).toList();
    SubmissionDecision decision =
        SubmissionPolicy.check(exercise.submissionRules(), new StudentHistory(user, counted), now);
    decision.orThrow(now);
    long courseId = exercise.getCourse().getId();
    CourseModel model =
        models
            .promoted(courseId)
            .orElseThrow(
                () ->
                    new DomainException.Conflict(
                        "The teacher has not trained a model yet; answers can be checked once"
                            + " they promote one"));
    ImagePrompt prompt = prompts.get(promptIndex);

    StoredContent stored;
    List<Prediction> ranked;
    int expected;
    try (Upload upload = store.receive(body, maxImageBytes)) {
      byte[] image = Files.readAllBytes(upload.file());
      checkImage(image, type);
      ranked = classify(model, image);
      expected =
          ranked.stream()
              .filter(p -> p.className().equals(prompt.expectedClass()))
              .mapToInt(Prediction::label)
              .findFirst()
              .orElseThrow(
                  () ->
                      new DomainException.Conflict(
                          "The course model (version "
                              + model.version()
                              + ") does not know the class '"
                              + prompt.expectedClass()
                              + "' of prompt "
                              + promptIndex
                              + "; the teacher trains one on a dataset that has it"));
      stored = store.keep(upload);
    } catch (IOException e) {
      throw new DomainException.Unavailable("Could not read the image: " + e.getMessage(), e);
    }
    double[] probabilities = new double[ranked.size()];
    for (Prediction p : ranked) {
      probabilities[p.label()] = p.probability();
    }
    ImageAnswerDecision verdict =
        ImageAnswerDecision.decide(
            probabilities, expected, exercise.acceptThreshold(), exercise.rejectThreshold());
    ImageAnswer a =
        answers.add(
            new ImageAnswer(
                null,
                exercise.getId(),
                courseId,
                user,
                promptIndex,
                prompt.expectedClass(),
                stored.sha256(),
                stored.size(),
                type,
                now,
                model.requireId(),
                model.version(),
                model.datasetHash(),
                model.seed(),
                topJson(ranked),
                probabilities[expected],
                verdict,
                session.agsLineItem().orElse(null)));
    Regraded r = regrade(exercise, user, now);
    LOG.infof(
        "Image answer %d of %s to prompt %d of exercise %d: %s (p=%.3f, model v%d); %s",
        a.requireId(),
        Pseudonyms.log(user),
        promptIndex,
        exercise.getId(),
        verdict,
        probabilities[expected],
        model.version(),
        r.note());
    return new Answered(a, r.grade(), r.note());
  }

  /** The caller's own answers in their course, newest first. */
  @Transactional
  public List<ImageAnswer> list(LaunchSession session) {
    String user = requireUser(session);
    return answers.forStudentInCourse(exercises.courseIdOf(session), user, MAX_LIST);
  }

  /**
   * One of the caller's own answers.
   *
   * @throws DomainException.NotFound no such answer of theirs (another student's included)
   */
  @Transactional
  public ImageAnswer get(LaunchSession session, long answerId) {
    String user = requireUser(session);
    long course = exercises.courseIdOf(session);
    return answers
        .find(answerId)
        .filter(a -> a.userId().equals(user) && a.courseId() == course)
        .orElseThrow(() -> new DomainException.NotFound("Image answer", answerId));
  }

  /** How many times larger than the model's input the heat map is drawn. */
  public static final int HEATMAP_SCALE = 8;

  /**
   * A Grad-CAM overlay (PNG) of one of the caller's own answers: where the model that decided it
   * found evidence for the prompt's class.
   *
   * @throws DomainException.NotFound no such answer of theirs
   * @throws DomainException.Conflict the model has no convolutional layer to explain
   */
  @Transactional
  public byte[] heatmap(LaunchSession session, long answerId) {
    return heatmapOf(get(session, answerId));
  }

  /**
   * A Grad-CAM overlay (PNG) of an answer the caller was allowed to see (its student's, or a
   * teacher's of the course through {@link ReviewQueue#heatmap}).
   *
   * @throws DomainException.Conflict the model has no convolutional layer to explain
   */
  public byte[] heatmapOf(ImageAnswer a) {
    CourseModel model =
        models
            .find(a.modelId())
            .orElseThrow(() -> new DomainException.NotFound("Course model", a.modelId()));
    try {
      byte[] image;
      try (InputStream in = store.open(a.imageSha256())) {
        image = in.readAllBytes();
      }
      return models.withClassifier(
          model,
          c -> {
            try (Explainer explainer = Explainer.of(c.model())) {
              return explainer
                  .explain(image, explainer.classIndex(a.expectedClass()))
                  .gradCamOverlayPng(HEATMAP_SCALE);
            }
          });
    } catch (ExplainException e) {
      throw new DomainException.Conflict("No heat map for this answer: " + e.getMessage());
    } catch (DomainException | IllegalStateException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("Heat map failed: " + e.getMessage(), e);
    }
  }

  /** The student's grade on an exercise, if they answered. */
  @Transactional
  public Optional<AnswerGrade> grade(long exerciseId, String userId) {
    return answers.findGrade(exerciseId, userId);
  }

  /**
   * A recomputed grade and what happened to its score.
   *
   * @param grade the grade now
   * @param note what happened to its score
   * @param changed whether the grade changed (and was stored, and enqueued when it could be)
   */
  public record Regraded(AnswerGrade grade, String note, boolean changed) {}

  /**
   * Recomputes a student's grade on an image-answer exercise: a prompt counts as accepted when any
   * of their answers to it was ACCEPTED (REVIEW counts as not accepted until a teacher decides, and
   * makes the score's grading progress {@code PendingManual}); each accepted prompt is worth {@code
   * max score / prompts}, less the exercise's late penalty for the time of the earliest-penalised
   * accepted answer (the best one: an answer given on time keeps the prompt's full share). If the
   * grade changed, it is stored and its score put in the outbox, to the line item of the student's
   * latest launch that had one. Running it again with nothing changed changes nothing.
   */
  @Transactional
  public Regraded regrade(Exercise exercise, String userId, Instant now) {
    answers.lockForRegrade(exercise.getId());
    List<ImageAnswer> all = answers.forStudent(exercise.getId(), userId);
    int prompts = Math.max(1, exercise.prompts().size());
    java.util.Map<Integer, Double> acceptedShare = new java.util.HashMap<>();
    java.util.Set<Integer> reviewPrompts = new java.util.HashSet<>();
    Instant due = exercise.dueAt().orElse(null);
    Instant extension = exercise.extensions().get(userId);
    LatePolicy late = exercise.latePolicy().orElse(null);
    for (ImageAnswer a : all) {
      if (a.promptIndex() < prompts && a.decision() == ImageAnswerDecision.ACCEPTED) {
        double share = LatePenalty.apply(1.0, a.submittedAt(), due, extension, late).score();
        acceptedShare.merge(a.promptIndex(), share, Math::max);
      } else if (a.promptIndex() < prompts && a.decision() == ImageAnswerDecision.REVIEW) {
        reviewPrompts.add(a.promptIndex());
      }
    }
    reviewPrompts.removeAll(acceptedShare.keySet());
    int accepted = acceptedShare.size();
    double shares = acceptedShare.values().stream().mapToDouble(Double::doubleValue).sum();
    boolean penalised = shares < accepted;
    AnswerGrade grade =
        AnswerGrade.of(
            exercise.getId(),
            userId,
            accepted,
            reviewPrompts.size(),
            prompts,
            shares,
            exercise.getMaxScore(),
            now);
    Optional<AnswerGrade> before = answers.findGrade(exercise.getId(), userId);
    if (before.isPresent() && before.get().sameAs(grade)) {
      return new Regraded(
          before.get(),
          "Grade unchanged (" + format(grade.points()) + " points); nothing sent.",
          false);
    }
    answers.putGrade(grade);
    Optional<ImageAnswer> withLine =
        all.stream().filter(a -> a.lineItem().isPresent()).reduce((a, b) -> b);
    if (withLine.isEmpty()) {
      return new Regraded(
          grade,
          "Not sent to the gradebook: the LMS launch granted no grade passback (no AGS line"
              + " item).",
          true);
    }
    URI lineItem = withLine.get().lineItemUrl();
    Course course = exercise.getCourse();
    outbox.enqueue(
        new ScoreTarget(course.getIssuer(), course.getClientId(), course.getContextId(), lineItem),
        new Score(
            userId,
            Optional.of(grade.points()),
            Optional.of(grade.maxPoints()),
            Score.ActivityProgress.Completed,
            grade.pendingReview()
                ? Score.GradingProgress.PendingManual
                : Score.GradingProgress.FullyGraded,
            Optional.of(
                accepted
                    + " of "
                    + prompts
                    + " prompts accepted"
                    + (penalised ? ", less the late penalty" : "")
                    + (grade.pendingReview()
                        ? ", " + grade.inReview() + " waiting for the teacher's review"
                        : "")),
            now),
        "image-answer:" + all.get(all.size() - 1).requireId());
    return new Regraded(grade, "Grade " + format(grade.points()) + " sent to the gradebook.", true);
  }

  // ---------------------------------------------------------------- helpers

  private List<Prediction> classify(CourseModel model, byte[] image) {
    try {
      return models.withClassifier(model, c -> c.classify(image, c.classNames().size()));
    } catch (InvalidImageException e) {
      throw new DomainException.Invalid("The image could not be decoded: " + e.getMessage(), e);
    } catch (DomainException | IllegalStateException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("Classification failed: " + e.getMessage(), e);
    }
  }

  /** {@code image/png} or {@code image/jpeg}, parameters and case ignored. */
  static String mediaType(String contentType) {
    String t =
        contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    if (t.equals("image/jpg")) {
      t = "image/jpeg";
    }
    if (!MEDIA_TYPES.contains(t)) {
      throw new DomainException.Invalid(
          "Send the image as image/png or image/jpeg, not "
              + (t.isEmpty() ? "an unnamed type" : t));
    }
    return t;
  }

  /**
   * The bytes must be what the media type says (PNG or JPEG signature) and no larger than {@link
   * #MAX_SIDE} on a side (read from the header before decoding).
   */
  static void checkImage(byte[] image, String type) {
    boolean png =
        image.length >= 8
            && (image[0] & 0xff) == 0x89
            && image[1] == 'P'
            && image[2] == 'N'
            && image[3] == 'G';
    boolean jpeg =
        image.length >= 3
            && (image[0] & 0xff) == 0xff
            && (image[1] & 0xff) == 0xd8
            && (image[2] & 0xff) == 0xff;
    if (type.equals("image/png") ? !png : !jpeg) {
      throw new DomainException.Invalid(
          "The body is not a "
              + (type.equals("image/png") ? "PNG" : "JPEG")
              + " image"
              + (image.length == 0 ? " (it is empty)" : ""));
    }
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(image))) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        throw new DomainException.Invalid("The image could not be decoded");
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in);
        int w = reader.getWidth(0);
        int h = reader.getHeight(0);
        if (w > MAX_SIDE || h > MAX_SIDE) {
          throw new DomainException.Invalid(
              "The image is " + w + "x" + h + " pixels; at most " + MAX_SIDE + " on a side");
        }
      } finally {
        reader.dispose();
      }
    } catch (IOException e) {
      throw new DomainException.Invalid("The image could not be decoded: " + e.getMessage(), e);
    }
  }

  private static String topJson(List<Prediction> ranked) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < Math.min(TOP_K, ranked.size()); i++) {
      Prediction p = ranked.get(i);
      if (i > 0) {
        sb.append(',');
      }
      sb.append("{\"class\":")
          .append(MetricsJson.quote(p.className()))
          .append(",\"probability\":")
          .append(MetricsJson.num(p.probability()))
          .append('}');
    }
    return sb.append(']').toString();
  }

  private static String requireStudent(LaunchSession session) {
    if (session.role() != LtiRole.STUDENT) {
      throw new DomainException.Forbidden("Only the course's students answer an exercise");
    }
    return requireUser(session);
  }

  private static String requireUser(LaunchSession session) {
    return session
        .userId()
        .orElseThrow(
            () -> new DomainException.Forbidden("This launch carries no user; launch again"));
  }

  private static String format(double v) {
    return String.format(Locale.ROOT, "%.2f", v);
  }
}
