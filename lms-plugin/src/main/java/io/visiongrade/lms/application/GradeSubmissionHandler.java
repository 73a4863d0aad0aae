package io.visiongrade.lms.application;

import io.visiongrade.engine.data.DatasetSplits;
import io.visiongrade.engine.data.LabeledImages;
import io.visiongrade.engine.eval.EvaluationResult;
import io.visiongrade.engine.eval.Evaluator;
import io.visiongrade.engine.explain.ExplainException;
import io.visiongrade.engine.explain.Explainer;
import io.visiongrade.engine.model.CnnModel;
import io.visiongrade.engine.model.ModelFormatException;
import io.visiongrade.engine.model.TorchScriptModel;
import io.visiongrade.engine.score.PredictionsCsv;
import io.visiongrade.engine.score.PredictionsCsvException;
import io.visiongrade.engine.spec.CnnSpec;
import io.visiongrade.engine.spec.SpecException;
import io.visiongrade.engine.train.CancellationToken;
import io.visiongrade.engine.train.CnnTrainer;
import io.visiongrade.engine.train.TrainingDivergedException;
import io.visiongrade.engine.train.TrainingOptions;
import io.visiongrade.engine.train.TrainingResult;
import io.visiongrade.lms.domain.DomainException;
import io.visiongrade.lms.domain.course.Exercise;
import io.visiongrade.lms.domain.grading.BlindPhase;
import io.visiongrade.lms.domain.job.JobContext;
import io.visiongrade.lms.domain.job.JobHandler;
import io.visiongrade.lms.domain.job.JobOutcome;
import io.visiongrade.lms.domain.job.JobProgress;
import io.visiongrade.lms.domain.job.JobUserError;
import io.visiongrade.lms.domain.submission.Submission;
import io.visiongrade.lms.infrastructure.storage.ContentStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import org.jboss.logging.Logger;

/**
 * Grades a classifier-challenge submission (job kind {@code GRADE_SUBMISSION}, payload: the
 * submission id). A spec is trained on the training split with the validation split for early
 * stopping, under the exercise's compute caps, reporting progress per batch and stopping when the
 * job is cancelled; a TorchScript model is evaluated; a predictions CSV is scored. The test split
 * is cut into a public and a private part when the exercise holds a blind phase. What was measured
 * is recorded by {@link ChallengeSubmissions#recordGraded} in one transaction after the heavy work.
 *
 * <p>The student's own errors (invalid spec, not TorchScript, a bad CSV, diverged training) end the
 * job with a {@link JobUserError} carrying the engine's message; nothing about the test split (ids,
 * labels, images) is ever put in a message or in the student-visible results.
 *
 * <p>For a trained spec, the Grad-CAM overlay of the predicted class ("where the model looked for
 * what it predicted") of the first {@link #MAX_HEAT_MAPS} misclassified VALIDATION images is stored
 * in the content store and its hash recorded in the results as {@code validationHeatMaps: {id:
 * sha256}} (the trained model is not kept, so this is the only moment it can be computed). A model
 * without a convolutional layer, or a heat map that fails, simply has none; grading never fails for
 * it.
 */
@ApplicationScoped
public class GradeSubmissionHandler implements JobHandler {

  /** The most misclassified validation images that get a heat map (as many as a gallery shows). */
  public static final int MAX_HEAT_MAPS = 24;

  /** Heat-map PNGs are enlarged (nearest neighbour) to at least this many pixels a side. */
  static final int HEAT_MAP_MIN_SIDE = 96;

  private static final Logger LOG = Logger.getLogger(GradeSubmissionHandler.class);

  @Inject ChallengeSubmissions submissions;
  @Inject DatasetLibrary datasets;
  @Inject TestImages testImages;
  @Inject ContentStore store;

  /** For CDI. */
  protected GradeSubmissionHandler() {}

  /** Outside a container (tests). */
  public GradeSubmissionHandler(
      ChallengeSubmissions submissions,
      DatasetLibrary datasets,
      TestImages testImages,
      ContentStore store) {
    this.submissions = Objects.requireNonNull(submissions, "submissions");
    this.datasets = Objects.requireNonNull(datasets, "datasets");
    this.testImages = Objects.requireNonNull(testImages, "testImages");
    this.store = Objects.requireNonNull(store, "store");
  }

  @Override
  public String kind() {
    return ChallengeSubmissions.JOB_KIND;
  }

  @Override
  public JobOutcome run(JobContext ctx) throws JobUserError {
    long id = Long.parseLong(ctx.payload().strip());
    ctx.progress().report(JobProgress.phase("loading"));
    Optional<ChallengeSubmissions.Grading> grading = submissions.startGrading(id);
    if (grading.isEmpty()) {
      return JobOutcome.of("submission " + id + " is gone or cancelled; nothing graded");
    }
    Submission s = grading.get().submission();
    Exercise exercise = grading.get().exercise();
    DatasetLibrary.Loaded loaded = datasets.load(exercise);
    DatasetSplits splits = loaded.splits();
    LabeledImages test = splits.test();
    int[] publicIdx;
    int[] privateIdx;
    Optional<BlindPhase> blind = exercise.blindPhase();
    if (blind.isPresent()) {
      BlindPhase.Parts parts = blind.get().split(test.labels(), exercise.splitSeed());
      publicIdx = parts.publicIndices();
      privateIdx = parts.privateIndices();
    } else {
      publicIdx = all(test.size());
      privateIdx = null;
    }
    MetricsJson json = new MetricsJson().field("metric", MetricsJson.quote(metricName(exercise)));
    int[] testPredictions;
    switch (s.kind()) {
      case SPEC -> testPredictions = trainSpec(ctx, s, exercise, splits, json);
      case TORCHSCRIPT -> testPredictions = evaluateTorchScript(ctx, s, splits, json);
      case PREDICTIONS_CSV ->
          // The CSV names the images by the public ids of the download (TestImages).
          testPredictions = scoreCsv(ctx, s, testImages.withPublicIds(exercise, loaded));
      default -> throw new IllegalStateException("Not a classifier-challenge kind: " + s.kind());
    }
    if (testPredictions == null) {
      return JobOutcome.of("cancelled");
    }
    ctx.progress().report(JobProgress.phase("scoring"));
    EvaluationResult pub = evaluate(testPredictions, test, publicIdx);
    json.field("publicTest", MetricsJson.evaluation(pub, false));
    OptionalDouble privateValue = OptionalDouble.empty();
    if (privateIdx != null) {
      EvaluationResult priv = evaluate(testPredictions, test, privateIdx);
      privateValue = OptionalDouble.of(value(exercise, priv));
    }
    double publicValue = value(exercise, pub);
    Submission graded =
        submissions.recordGraded(
            id,
            new ChallengeSubmissions.Measured(
                json.build(),
                test.numClasses(),
                publicValue,
                privateValue,
                loaded.dataset().contentHash(),
                loaded.seed(),
                exercise.rubric().metric(),
                blind.map(BlindPhase::publicFraction).orElse(null)));
    return JobOutcome.of(
        "graded: "
            + metricName(exercise)
            + " "
            + MetricsJson.num(publicValue)
            + ", "
            + MetricsJson.num(graded.results().orElseThrow().publicPoints())
            + " points");
  }

  /** Trains the spec; the test split's predicted labels, or null when cancelled. */
  private int[] trainSpec(
      JobContext ctx, Submission s, Exercise exercise, DatasetSplits splits, MetricsJson json)
      throws JobUserError {
    CnnSpec spec;
    try {
      String text = Files.readString(submissions.artefact(s), StandardCharsets.UTF_8);
      spec = ChallengeSubmissions.specOf(text, exercise, splits.train().numClasses());
    } catch (DomainException.Invalid e) {
      throw new JobUserError(e.getMessage(), e);
    } catch (IOException e) {
      throw new IllegalStateException("Could not read submission " + s.id() + ": " + e, e);
    }
    CancellationToken token = new CancellationToken();
    TrainingOptions options =
        TrainingOptions.builder()
            .optLimits(ChallengeSubmissions.limitsOf(exercise))
            .optTimeBudget(budget(exercise, ctx))
            .optCancellation(token)
            .optListener(
                p -> {
                  if (ctx.isCancelled()) {
                    token.cancel();
                  }
                  ctx.progress()
                      .report(
                          JobProgress.phase("training")
                              .withEpoch(p.epoch(), p.epochs())
                              .withBatch(p.batch(), p.batchesPerEpoch())
                              .withLoss(p.loss())
                              .withAccuracy(p.accuracy())
                              .withImagesPerSecond(p.imagesPerSecond())
                              .withEtaSeconds(p.eta() == null ? -1 : p.eta().toSeconds()));
                })
            .build();
    if (ctx.isCancelled()) {
      return null;
    }
    try (TrainingResult r = CnnTrainer.train(spec, splits.train(), splits.validation(), options)) {
      if (ctx.isCancelled()) {
        return null;
      }
      ctx.progress().report(JobProgress.phase("evaluating"));
      float[] valLogits = r.model().logits(splits.validation());
      EvaluationResult val = Evaluator.fromLogits(valLogits, splits.validation(), 1);
      json.field("validation", MetricsJson.evaluation(val, true));
      json.field("validationPredicted", misclassifiedPredicted(valLogits, splits.validation()));
      if (!ctx.isCancelled()) {
        ctx.progress().report(JobProgress.phase("explaining"));
        heatMaps(s.requireId(), r.model(), splits.validation(), val.misclassifiedIds())
            .ifPresent(h -> json.field("validationHeatMaps", h));
      }
      json.field("epochs", MetricsJson.curves(r.epochs()));
      json.field("stopReason", MetricsJson.quote(r.stopReason().name()));
      json.field("imagesPerSecond", MetricsJson.num(r.imagesPerSecond()));
      json.field("parameters", String.valueOf(r.model().summary().totalParameters()));
      LabeledImages test = splits.test();
      return Evaluator.argmax(r.model().logits(test), test.size(), test.numClasses());
    } catch (SpecException e) {
      throw new JobUserError("Your network is not valid: " + String.join("; ", e.problems()), e);
    } catch (TrainingDivergedException e) {
      throw new JobUserError(
          "Training diverged: " + e.getMessage() + ". Try a smaller learning rate.", e);
    }
  }

  /**
   * The predicted class of every misclassified validation image, as a JSON object {@code {id:
   * class}} (for the student's gallery of mistakes; validation split only, never the test split).
   */
  static String misclassifiedPredicted(float[] logits, LabeledImages validation) {
    int[] predicted = Evaluator.argmax(logits, validation.size(), validation.numClasses());
    MetricsJson out = new MetricsJson();
    for (int i = 0; i < validation.size(); i++) {
      if (predicted[i] != validation.label(i)) {
        out.field(validation.id(i), MetricsJson.quote(validation.classNames().get(predicted[i])));
      }
    }
    return out.build();
  }

  /**
   * Stores the Grad-CAM overlay of the predicted class of the first {@link #MAX_HEAT_MAPS} of
   * {@code misclassifiedIds} (validation images, in the results' order) and returns them as a JSON
   * object {@code {id: sha256}}; empty when the model has no convolutional layer. A heat map that
   * cannot be computed or stored is left out (logged at debug): grading never fails for it.
   */
  Optional<String> heatMaps(
      long submissionId, CnnModel model, LabeledImages validation, List<String> misclassifiedIds) {
    if (misclassifiedIds.isEmpty()) {
      return Optional.empty();
    }
    Explainer explainer;
    try {
      explainer = Explainer.of(model);
    } catch (ExplainException e) {
      LOG.debugf("Submission %d: no heat maps (%s)", submissionId, e.getMessage());
      return Optional.empty();
    } catch (RuntimeException e) {
      LOG.debugf(e, "Submission %d: no heat maps", submissionId);
      return Optional.empty();
    }
    int side = Math.max(1, Math.max(validation.height(), validation.width()));
    int scale = Math.min(8, Math.max(1, (HEAT_MAP_MIN_SIDE + side - 1) / side));
    MetricsJson out = new MetricsJson();
    try (explainer) {
      int tried = 0;
      for (String id : misclassifiedIds) {
        if (tried >= MAX_HEAT_MAPS) {
          break;
        }
        int i = validation.ids().indexOf(id);
        if (i < 0) {
          continue;
        }
        tried++;
        try {
          byte[] png = explainer.explain(validation, i).gradCamOverlayPng(scale);
          String sha = store.put(new ByteArrayInputStream(png), png.length).sha256();
          out.field(id, MetricsJson.quote(sha));
        } catch (RuntimeException e) {
          LOG.debugf(e, "Submission %d: no heat map for validation image #%d", submissionId, i);
        }
      }
    }
    return Optional.of(out.build());
  }

  /**
   * The hashes of the heat-map PNGs that a submission's results JSON records ({@code
   * validationHeatMaps}); empty for results without any (older ones, CSV, TorchScript).
   */
  public static List<String> heatMapHashes(String metricsJson) {
    List<String> out = new ArrayList<>();
    if (metricsJson == null) {
      return out;
    }
    String key = "\"validationHeatMaps\"";
    int open = -1;
    for (int at = metricsJson.indexOf(key); at >= 0; at = metricsJson.indexOf(key, at + 1)) {
      int brace = metricsJson.indexOf('{', at);
      if (brace > 0 && metricsJson.substring(at + key.length(), brace).matches("\\s*:\\s*")) {
        open = brace;
        break;
      }
    }
    if (open < 0) {
      return out;
    }
    // Scan the object: keys are quoted (possibly escaped) image ids, values quoted hex hashes.
    boolean inString = false;
    StringBuilder str = new StringBuilder();
    boolean value = false;
    for (int k = open + 1; k < metricsJson.length(); k++) {
      char c = metricsJson.charAt(k);
      if (inString) {
        if (c == '\\') {
          k++;
        } else if (c == '"') {
          inString = false;
          if (value && SHA256.matcher(str).matches()) {
            out.add(str.toString());
          }
        } else {
          str.append(c);
        }
      } else if (c == '"') {
        inString = true;
        str.setLength(0);
      } else if (c == ':') {
        value = true;
      } else if (c == ',') {
        value = false;
      } else if (c == '}') {
        break;
      }
    }
    return out;
  }

  private static final java.util.regex.Pattern SHA256 =
      java.util.regex.Pattern.compile("[0-9a-f]{64}");

  /**
   * The training's time budget: the exercise's wall-time cap, but no later than the job's own time
   * limit less a tenth of what is left (to evaluate and record the results).
   */
  static Duration budget(Exercise exercise, JobContext ctx) {
    Duration cap = Duration.ofSeconds(exercise.computeCaps().wallSeconds());
    Duration left = Duration.between(java.time.Instant.now(), ctx.deadline());
    Duration usable = left.minus(left.dividedBy(10));
    if (usable.compareTo(Duration.ofSeconds(1)) < 0) {
      usable = Duration.ofSeconds(1);
    }
    return cap.compareTo(usable) <= 0 ? cap : usable;
  }

  private int[] evaluateTorchScript(
      JobContext ctx, Submission s, DatasetSplits splits, MetricsJson json) throws JobUserError {
    Path file = submissions.artefact(s);
    ctx.progress().report(JobProgress.phase("evaluating"));
    try (TorchScriptModel model = TorchScriptModel.load(file, splits.test())) {
      if (splits.validation().size() > 0) {
        float[] valLogits = model.logits(splits.validation());
        EvaluationResult val = Evaluator.fromLogits(valLogits, splits.validation(), 1);
        json.field("validation", MetricsJson.evaluation(val, true));
        json.field("validationPredicted", misclassifiedPredicted(valLogits, splits.validation()));
      }
      if (ctx.isCancelled()) {
        return null;
      }
      LabeledImages test = splits.test();
      return Evaluator.argmax(model.logits(test), test.size(), test.numClasses());
    } catch (ModelFormatException e) {
      throw new JobUserError("Not a usable TorchScript model: " + e.getMessage(), e);
    }
  }

  private int[] scoreCsv(JobContext ctx, Submission s, LabeledImages test) throws JobUserError {
    ctx.progress().report(JobProgress.phase("scoring"));
    try {
      byte[] data = Files.readAllBytes(submissions.artefact(s));
      return PredictionsCsv.parse(data, test, PredictionsCsv.Limits.forSamples(test.size()));
    } catch (PredictionsCsvException e) {
      throw new JobUserError("Your predictions CSV was refused: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new IllegalStateException("Could not read submission " + s.id() + ": " + e, e);
    }
  }

  /** Metrics of the predictions on some images of the test split (ids dropped by the caller). */
  private static EvaluationResult evaluate(int[] predicted, LabeledImages test, int[] indices) {
    int[] p = new int[indices.length];
    int[] labels = new int[indices.length];
    java.util.List<String> ids = new java.util.ArrayList<>(indices.length);
    for (int k = 0; k < indices.length; k++) {
      p[k] = predicted[indices[k]];
      labels[k] = test.label(indices[k]);
      ids.add(String.valueOf(k));
    }
    return Evaluator.fromPredictions(p, labels, ids, test.classNames());
  }

  private static double value(Exercise exercise, EvaluationResult r) {
    return ChallengeSubmissions.metricValue(exercise.rubric().metric(), r.accuracy(), r.macroF1());
  }

  private static String metricName(Exercise exercise) {
    return exercise.rubric().metric().name();
  }

  private static int[] all(int n) {
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = i;
    }
    return out;
  }
}
