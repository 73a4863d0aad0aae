package io.visiongrade.engine.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.visiongrade.engine.data.DatasetException;
import io.visiongrade.engine.data.DatasetImporter;
import io.visiongrade.engine.data.DatasetSplits;
import io.visiongrade.engine.data.DatasetSplitter;
import io.visiongrade.engine.data.ImportOptions;
import io.visiongrade.engine.data.LabeledImages;
import io.visiongrade.engine.eval.EvaluationJson;
import io.visiongrade.engine.eval.EvaluationResult;
import io.visiongrade.engine.eval.Evaluator;
import io.visiongrade.engine.model.CnnModel;
import io.visiongrade.engine.model.ImageClassifier;
import io.visiongrade.engine.model.InvalidImageException;
import io.visiongrade.engine.model.ModelArtifacts;
import io.visiongrade.engine.model.ModelFormatException;
import io.visiongrade.engine.model.ModelManifest;
import io.visiongrade.engine.model.Prediction;
import io.visiongrade.engine.model.TorchScriptModel;
import io.visiongrade.engine.score.PredictionsCsv;
import io.visiongrade.engine.score.PredictionsCsvException;
import io.visiongrade.engine.spec.CnnSpec;
import io.visiongrade.engine.spec.InputSpec;
import io.visiongrade.engine.spec.ModelSummary;
import io.visiongrade.engine.spec.Presets;
import io.visiongrade.engine.spec.SpecException;
import io.visiongrade.engine.spec.SpecJson;
import io.visiongrade.engine.spec.SpecLimits;
import io.visiongrade.engine.train.CnnTrainer;
import io.visiongrade.engine.train.EpochMetrics;
import io.visiongrade.engine.train.StopReason;
import io.visiongrade.engine.train.TrainingListener;
import io.visiongrade.engine.train.TrainingOptions;
import io.visiongrade.engine.train.TrainingResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The CLI's commands as plain methods returning result objects. */
public final class Commands {
  /** Validation fraction when the data comes with its own test set (IDX train + t10k). */
  static final double IDX_VALIDATION_FRACTION = 0.1;

  private Commands() {}

  // ------------------------------------------------------------------ check-spec

  /** Result of {@code check-spec}. */
  public record CheckSpecResult(CnnSpec spec, ModelSummary summary) {
    public JsonObject toJson() {
      JsonObject o = new JsonObject();
      o.addProperty("command", "check-spec");
      o.addProperty("valid", true);
      o.add("summary", summaryJson(summary));
      return o;
    }
  }

  public static CheckSpecResult checkSpec(String fileOrPreset, int classes, SpecLimits limits)
      throws SpecException, BadInputException {
    CnnSpec spec = loadSpec(fileOrPreset, limits);
    return new CheckSpecResult(spec, spec.summarize(classes, limits));
  }

  /** A preset name or a JSON file, read with the size limit applied before parsing. */
  public static CnnSpec loadSpec(String fileOrPreset, SpecLimits limits)
      throws SpecException, BadInputException {
    var preset = Presets.json(fileOrPreset);
    if (preset.isPresent()) {
      return SpecJson.parse(preset.get(), limits);
    }
    Path file = Path.of(fileOrPreset);
    if (!Files.isRegularFile(file)) {
      throw new BadInputException(
          "spec: no such file or preset \"" + fileOrPreset + "\" (presets: " + Presets.NAMES + ")");
    }
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(limits.maxJsonBytes() + 1);
    } catch (IOException e) {
      throw new BadInputException("spec: cannot read " + file + ": " + e.getMessage());
    }
    if (bytes.length > limits.maxJsonBytes()) {
      throw new SpecException(
          "document: larger than the limit of " + limits.maxJsonBytes() + " bytes");
    }
    return SpecJson.parse(new String(bytes, StandardCharsets.UTF_8), limits);
  }

  // ------------------------------------------------------------------ train

  /** What to train. {@code epochs}/{@code seed} override the spec when not null. */
  public record TrainRequest(
      Path data,
      String spec,
      Path out,
      Integer epochs,
      Long seed,
      int threads,
      Duration timeBudget,
      SpecLimits limits) {}

  /** Result of {@code train}. */
  public record TrainResult(
      Path out,
      ModelSummary summary,
      StopReason stopReason,
      List<EpochMetrics> epochs,
      int bestEpoch,
      double imagesPerSecond,
      double elapsedSeconds,
      String datasetHash,
      int trainSize,
      int validationSize,
      EvaluationResult test) {

    public JsonObject toJson() {
      JsonObject o = new JsonObject();
      o.addProperty("command", "train");
      o.addProperty("model", out.toString());
      o.addProperty("datasetHash", datasetHash);
      o.addProperty("trainImages", trainSize);
      o.addProperty("validationImages", validationSize);
      o.add("summary", summaryJson(summary));
      o.add("training", trainingJson(this));
      if (test != null) {
        o.add("test", EvaluationJson.toJson(test));
      }
      return o;
    }
  }

  public static TrainResult train(TrainRequest r, TrainingListener listener)
      throws SpecException, BadInputException, DatasetException, IOException {
    CnnSpec spec = loadSpec(r.spec(), r.limits());
    CnnSpec.Builder b = spec.toBuilder();
    if (r.epochs() != null) {
      b.optEpochs(r.epochs());
    }
    if (r.seed() != null) {
      b.optSeed(r.seed());
    }
    spec = b.build();
    long seed = spec.training().seed();
    DatasetSplits splits = loadSplits(r.data(), spec.input(), seed);
    TrainingOptions options =
        TrainingOptions.builder()
            .optThreads(r.threads())
            .optListener(listener)
            .optTimeBudget(r.timeBudget())
            .optLimits(r.limits())
            .build();
    try (TrainingResult t = CnnTrainer.train(spec, splits.train(), splits.validation(), options)) {
      EvaluationResult test =
          splits.test().size() == 0
              ? null
              : Evaluator.fromLogits(
                  t.model().logits(splits.test()), splits.test(), topK(t.model()));
      TrainResult result =
          new TrainResult(
              r.out(),
              t.model().summary(),
              t.stopReason(),
              t.epochs(),
              t.bestEpoch(),
              t.imagesPerSecond(),
              t.elapsed().toMillis() / 1000.0,
              splits.train().contentHash(),
              splits.train().size(),
              splits.validation().size(),
              test);
      JsonObject metrics = new JsonObject();
      metrics.add("training", trainingJson(result));
      if (test != null) {
        metrics.add("test", EvaluationJson.toJson(test));
      }
      ModelArtifacts.save(t.model(), r.out(), splits.train().contentHash(), seed, metrics);
      return result;
    }
  }

  private static int topK(CnnModel model) {
    return Math.min(5, model.numClasses());
  }

  // ------------------------------------------------------------------ evaluate

  /** Result of {@code evaluate}. */
  public record EvaluateResult(
      Path model, String kind, String split, String datasetHash, EvaluationResult metrics) {
    public JsonObject toJson() {
      JsonObject o = new JsonObject();
      o.addProperty("command", "evaluate");
      o.addProperty("model", model.toString());
      o.addProperty("kind", kind);
      o.addProperty("split", split);
      o.addProperty("datasetHash", datasetHash);
      o.add("metrics", EvaluationJson.toJson(metrics));
      return o;
    }
  }

  /** Which part of the data to evaluate on. */
  public enum Split {
    ALL,
    TRAIN,
    VALIDATION,
    TEST;
  }

  /**
   * Evaluates a saved model directory, or a TorchScript file ({@code .pt}) for images of {@code
   * input} (e.g. {@code 28x28x1}), on a split of {@code data} made with the model's seed (so a
   * model's own held-out test set is reproduced), or {@code torchScriptSeed} for TorchScript.
   */
  public static EvaluateResult evaluate(
      Path model, Path data, Split split, String input, long torchScriptSeed)
      throws ModelFormatException, DatasetException, BadInputException {
    if (Files.isRegularFile(model)) {
      InputSpec in = parseInput(input);
      LabeledImages d = pick(loadSplits(data, in, torchScriptSeed), split, data);
      try (TorchScriptModel ts = TorchScriptModel.load(model, d)) {
        EvaluationResult r = ts.evaluate(d, Math.min(5, d.numClasses()));
        return new EvaluateResult(model, "torchscript", name(split), d.contentHash(), r);
      }
    }
    ModelManifest manifest = ModelArtifacts.readManifest(model);
    try (CnnModel m = ModelArtifacts.load(model)) {
      LabeledImages d = pick(loadSplits(data, m.spec().input(), manifest.seed()), split, data);
      if (!d.classNames().equals(m.classNames())) {
        throw new BadInputException(
            "data: classes " + d.classNames() + " differ from the model's " + m.classNames());
      }
      EvaluationResult r = Evaluator.fromLogits(m.logits(d), d, topK(m));
      return new EvaluateResult(model, "cnn", name(split), d.contentHash(), r);
    }
  }

  /**
   * Scores a predictions CSV ({@code id,label} lines) against a split of {@code data} imported at
   * {@code input} and split with {@code seed} (the course's settings reproduce its test split).
   */
  public static EvaluateResult evaluatePredictions(
      Path csv, Path data, Split split, String input, long seed)
      throws DatasetException, BadInputException, PredictionsCsvException {
    LabeledImages d = pick(loadSplits(data, parseInput(input), seed), split, data);
    int[] predicted;
    try (InputStream in = Files.newInputStream(csv)) {
      predicted = PredictionsCsv.read(in, d, PredictionsCsv.Limits.forSamples(d.size()));
    } catch (NoSuchFileException e) {
      throw new BadInputException("predictions: no such file " + csv);
    } catch (IOException e) {
      throw new BadInputException("predictions: cannot read " + csv + ": " + e.getMessage());
    }
    EvaluationResult r = Evaluator.fromPredictions(predicted, d.labels(), d.ids(), d.classNames());
    return new EvaluateResult(csv, "predictions-csv", name(split), d.contentHash(), r);
  }

  private static String name(Split s) {
    return s.name().toLowerCase(Locale.ROOT);
  }

  private static LabeledImages pick(DatasetSplits s, Split split, Path data)
      throws BadInputException {
    LabeledImages d =
        switch (split) {
          case TRAIN -> s.train();
          case VALIDATION -> s.validation();
          case TEST -> s.test();
          case ALL -> null;
        };
    if (d == null) {
      return concat(s);
    }
    if (d.size() == 0) {
      throw new BadInputException("data: the " + name(split) + " split of " + data + " is empty");
    }
    return d;
  }

  private static LabeledImages concat(DatasetSplits s) {
    List<LabeledImages> parts = List.of(s.train(), s.validation(), s.test());
    int n = parts.stream().mapToInt(LabeledImages::size).sum();
    LabeledImages first = s.train();
    byte[] pixels = new byte[n * first.imageSize()];
    int[] labels = new int[n];
    List<String> ids = new ArrayList<>(n);
    int at = 0;
    for (LabeledImages p : parts) {
      System.arraycopy(p.pixels(), 0, pixels, at * first.imageSize(), p.pixels().length);
      System.arraycopy(p.labels(), 0, labels, at, p.size());
      ids.addAll(p.ids());
      at += p.size();
    }
    return new LabeledImages(
        first.channels(),
        first.height(),
        first.width(),
        pixels,
        labels,
        ids,
        first.classNames(),
        null);
  }

  private static final Pattern INPUT = Pattern.compile("(\\d+)x(\\d+)x([13])");

  static InputSpec parseInput(String text) throws BadInputException {
    Matcher m = INPUT.matcher(text);
    if (!m.matches()) {
      throw new BadInputException(
          "--input must be WIDTHxHEIGHTxCHANNELS with 1 or 3 channels, got \"" + text + "\"");
    }
    return new InputSpec(
        Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
  }

  // ------------------------------------------------------------------ predict

  /** One image's ranked classes. */
  public record ImagePrediction(Path image, List<Prediction> top) {}

  /** Result of {@code predict}. */
  public record PredictResult(Path model, List<ImagePrediction> predictions) {
    public JsonObject toJson() {
      JsonObject o = new JsonObject();
      o.addProperty("command", "predict");
      o.addProperty("model", model.toString());
      JsonArray arr = new JsonArray();
      for (ImagePrediction p : predictions) {
        JsonObject e = new JsonObject();
        e.addProperty("image", p.image().toString());
        JsonArray top = new JsonArray();
        for (Prediction c : p.top()) {
          JsonObject t = new JsonObject();
          t.addProperty("label", c.label());
          t.addProperty("class", c.className());
          t.addProperty("probability", c.probability());
          top.add(t);
        }
        e.add("top", top);
        arr.add(e);
      }
      o.add("predictions", arr);
      return o;
    }
  }

  public static PredictResult predict(Path model, List<Path> images, int topK)
      throws ModelFormatException, InvalidImageException, BadInputException {
    List<byte[]> bytes = new ArrayList<>();
    for (Path p : images) {
      try {
        if (Files.size(p) > 16 << 20) {
          throw new BadInputException("image " + p + ": larger than 16 MiB");
        }
        bytes.add(Files.readAllBytes(p));
      } catch (NoSuchFileException e) {
        throw new BadInputException("image " + p + ": no such file");
      } catch (IOException e) {
        throw new BadInputException("image " + p + ": " + e.getMessage());
      }
    }
    try (ImageClassifier c = ImageClassifier.load(model)) {
      List<List<Prediction>> ranked;
      try {
        ranked = c.classifyAll(bytes, topK);
      } catch (InvalidImageException e) {
        String msg = e.getMessage();
        int colon = msg.indexOf(':');
        int index = Integer.parseInt(msg.substring("image ".length(), colon));
        throw new InvalidImageException(images.get(index) + msg.substring(colon), e);
      }
      List<ImagePrediction> out = new ArrayList<>();
      for (int i = 0; i < images.size(); i++) {
        out.add(new ImagePrediction(images.get(i), ranked.get(i)));
      }
      return new PredictResult(model, out);
    }
  }

  // ------------------------------------------------------------------ data and JSON

  /**
   * Imports {@code data} at the spec's input size and splits it with {@code seed}: a directory with
   * IDX {@code train} and {@code t10k} pairs keeps t10k as the test set and takes 10% of train for
   * validation; anything else is split 70/15/15, stratified.
   */
  public static DatasetSplits loadSplits(Path data, InputSpec input, long seed)
      throws DatasetException {
    ImportOptions options =
        ImportOptions.builder()
            .setImageSize(input.width(), input.height())
            .setChannels(input.channels())
            .build();
    DatasetImporter importer = new DatasetImporter(options);
    if (Files.isDirectory(data) && hasIdx(data, "train") && hasIdx(data, "t10k")) {
      LabeledImages pool = importer.importIdxDirectory(data, "train");
      LabeledImages test = importer.importIdxDirectory(data, "t10k");
      return DatasetSplitter.split(pool, test, seed, IDX_VALIDATION_FRACTION);
    }
    return DatasetSplitter.defaults().split(importer.importPath(data), seed);
  }

  private static boolean hasIdx(Path dir, String prefix) {
    return Files.exists(dir.resolve(prefix + "-images-idx3-ubyte.gz"))
        || Files.exists(dir.resolve(prefix + "-images-idx3-ubyte"));
  }

  static JsonObject summaryJson(ModelSummary s) {
    JsonObject o = new JsonObject();
    o.add("input", shape(s.inputShape()));
    o.addProperty("classes", s.numClasses());
    JsonArray layers = new JsonArray();
    for (ModelSummary.LayerSummary l : s.layers()) {
      JsonObject e = new JsonObject();
      e.addProperty("index", l.index());
      e.addProperty("type", l.type());
      e.add("outputShape", shape(l.outputShape()));
      e.addProperty("parameters", l.parameters());
      layers.add(e);
    }
    o.add("layers", layers);
    o.addProperty("totalParameters", s.totalParameters());
    return o;
  }

  private static JsonArray shape(long[] shape) {
    JsonArray a = new JsonArray();
    for (long d : shape) {
      a.add(d);
    }
    return a;
  }

  static JsonObject trainingJson(TrainResult r) {
    JsonObject o = new JsonObject();
    o.addProperty("stopReason", r.stopReason().name());
    o.addProperty("bestEpoch", r.bestEpoch());
    o.addProperty("imagesPerSecond", r.imagesPerSecond());
    o.addProperty("elapsedSeconds", r.elapsedSeconds());
    JsonArray epochs = new JsonArray();
    for (EpochMetrics m : r.epochs()) {
      JsonObject e = new JsonObject();
      e.addProperty("epoch", m.epoch());
      e.addProperty("trainLoss", m.trainLoss());
      e.addProperty("trainAccuracy", m.trainAccuracy());
      if (!Double.isNaN(m.validationLoss())) {
        e.addProperty("validationLoss", m.validationLoss());
        e.addProperty("validationAccuracy", m.validationAccuracy());
      }
      e.addProperty("learningRate", m.learningRate());
      e.addProperty("complete", m.complete());
      epochs.add(e);
    }
    o.add("epochs", epochs);
    return o;
  }
}
