package io.visiongrade.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.visiongrade.engine.data.DatasetWriter;
import io.visiongrade.engine.data.LabeledImages;
import io.visiongrade.engine.spec.SpecJson;
import io.visiongrade.engine.testing.TinyData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineCliTest {
  @TempDir static Path dir;
  static Path data;
  static Path spec;
  static Path model;
  static JsonObject trained;

  /** Outcome of one CLI run. */
  record Run(int code, String out, String err) {
    JsonObject json() {
      return JsonParser.parseString(out).getAsJsonObject();
    }
  }

  static Run cli(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        EngineCli.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @BeforeAll
  static void trainOnce() throws IOException {
    LabeledImages images = TinyData.leftRight(60, 8, 1);
    data = dir.resolve("data");
    DatasetWriter.writeDirectory(images, data);
    spec = dir.resolve("spec.json");
    Files.writeString(spec, SpecJson.toJson(TinyData.tinySpec(8, 3, 0.01)));
    model = dir.resolve("model");
    Run r =
        cli(
            "train",
            "--data",
            data.toString(),
            "--spec",
            spec.toString(),
            "--out",
            model.toString(),
            "--threads",
            "1",
            "--json");
    assertEquals(0, r.code(), r.err());
    trained = r.json();
  }

  @Test
  void trainPrintsJsonAndSavesTheModel() {
    assertEquals("train", trained.get("command").getAsString());
    assertEquals("COMPLETED", trained.getAsJsonObject("training").get("stopReason").getAsString());
    assertEquals(3, trained.getAsJsonObject("training").getAsJsonArray("epochs").size());
    assertTrue(trained.getAsJsonObject("training").get("imagesPerSecond").getAsDouble() > 0);
    assertEquals(
        60,
        trained.get("trainImages").getAsInt()
            + trained.get("validationImages").getAsInt()
            + trained.getAsJsonObject("test").get("count").getAsInt());
    assertTrue(trained.get("datasetHash").getAsString().length() >= 32);
    JsonObject test = trained.getAsJsonObject("test");
    assertEquals(2, test.getAsJsonArray("confusionMatrix").size());
    assertTrue(test.get("accuracy").getAsDouble() > 0.8, test.toString());
    assertEquals(4, trained.getAsJsonObject("summary").getAsJsonArray("layers").size());
    assertTrue(Files.exists(model.resolve("model.json")));
    assertTrue(Files.exists(model.resolve("metrics.json")));
  }

  @Test
  void humanTrainingShowsProgressOnStderr() {
    Run r =
        cli(
            "train",
            "--data",
            data.toString(),
            "--spec",
            spec.toString(),
            "--out",
            dir.resolve("human").toString(),
            "--threads",
            "1",
            "--epochs",
            "1");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.err().contains("epoch 1/1 ["), r.err());
    assertTrue(r.out().startsWith("trained "), r.out());
    assertTrue(r.out().contains("saved to "), r.out());
  }

  @Test
  void evaluateReproducesTheHeldOutTestSet() {
    Run r = cli("evaluate", "--model", model.toString(), "--data", data.toString(), "--json");
    assertEquals(0, r.code(), r.err());
    JsonObject m = r.json().getAsJsonObject("metrics");
    assertEquals(trained.getAsJsonObject("test").get("accuracy"), m.get("accuracy"));
    Run all =
        cli("evaluate", "--model", model.toString(), "--data", data.toString(), "--split", "all");
    assertEquals(0, all.code(), all.err());
    assertTrue(all.out().contains("60 images"), all.out());
  }

  @Test
  void evaluateTorchScript() {
    Run r =
        cli(
            "evaluate",
            "--model",
            TinyData.torchScript("left_right.pt").toString(),
            "--data",
            data.toString(),
            "--input",
            "8x8x1",
            "--split",
            "all",
            "--json");
    assertEquals(0, r.code(), r.err());
    assertEquals(1.0, r.json().getAsJsonObject("metrics").get("accuracy").getAsDouble());
    Run bad =
        cli(
            "evaluate",
            "--model",
            TinyData.torchScript("state_dict.pt").toString(),
            "--data",
            data.toString(),
            "--input",
            "8x8x1");
    assertEquals(2, bad.code());
    assertTrue(bad.err().contains("not a TorchScript model"), bad.err());
  }

  @Test
  void evaluatePredictionsCsv() throws Exception {
    LabeledImages test =
        Commands.loadSplits(data, new io.visiongrade.engine.spec.InputSpec(8, 8, 1), 42).test();
    StringBuilder csv = new StringBuilder("id,label\n");
    for (int i = 0; i < test.size(); i++) {
      int label = i == 0 ? 1 - test.label(i) : test.label(i);
      csv.append(test.id(i)).append(',').append(test.classNames().get(label)).append('\n');
    }
    Path file = Files.writeString(dir.resolve("predictions.csv"), csv);
    Run r =
        cli(
            "evaluate",
            "--predictions",
            file.toString(),
            "--data",
            data.toString(),
            "--input",
            "8x8x1",
            "--json");
    assertEquals(0, r.code(), r.err());
    JsonObject m = r.json().getAsJsonObject("metrics");
    assertEquals((test.size() - 1.0) / test.size(), m.get("accuracy").getAsDouble(), 1e-12);
    assertEquals(test.id(0), m.getAsJsonArray("misclassifiedIds").get(0).getAsString());
    Path bad = Files.writeString(dir.resolve("bad.csv"), "nobody,left\n");
    Run refused =
        cli(
            "evaluate",
            "--predictions",
            bad.toString(),
            "--data",
            data.toString(),
            "--input",
            "8x8x1");
    assertEquals(2, refused.code());
    assertTrue(refused.err().contains("nobody"), refused.err());
    Run both =
        cli(
            "evaluate",
            "--predictions",
            bad.toString(),
            "--model",
            model.toString(),
            "--data",
            data.toString());
    assertEquals(2, both.code());
  }

  @Test
  void predictRanksClasses() throws IOException {
    Path left = Files.list(data.resolve("left")).sorted().findFirst().orElseThrow();
    Run r = cli("predict", "--model", model.toString(), left.toString(), "--top", "2", "--json");
    assertEquals(0, r.code(), r.err());
    var top = r.json().getAsJsonArray("predictions").get(0).getAsJsonObject().getAsJsonArray("top");
    assertEquals(2, top.size());
    assertEquals("left", top.get(0).getAsJsonObject().get("class").getAsString());
    Path junk = Files.writeString(dir.resolve("junk.png"), "not an image");
    Run bad = cli("predict", "--model", model.toString(), junk.toString());
    assertEquals(2, bad.code());
    assertTrue(bad.err().contains("junk.png: not a PNG"), bad.err());
  }

  @Test
  void checkSpecJsonAndErrors() throws IOException {
    Run r = cli("check-spec", "seed-cnn", "--json");
    assertEquals(0, r.code(), r.err());
    assertEquals(347_146, r.json().getAsJsonObject("summary").get("totalParameters").getAsLong());
    Path broken = Files.writeString(dir.resolve("broken.json"), "{\"input\": 3}");
    Run bad = cli("check-spec", broken.toString());
    assertEquals(2, bad.code());
    assertTrue(bad.err().contains("input must be an object"), bad.err());
    Run pool = cli("check-spec", "seed-cnn", "--classes", "1");
    assertEquals(2, pool.code());
    assertTrue(pool.err().contains("at least 2 classes"), pool.err());
  }

  @Test
  void usageErrorsAndMissingFilesAreBadInput() {
    assertEquals(2, cli().code());
    assertEquals(2, cli("train", "--spec", "seed-cnn").code());
    assertEquals(2, cli("frobnicate").code());
    Run missing =
        cli(
            "train",
            "--data",
            dir.resolve("nope").toString(),
            "--spec",
            spec.toString(),
            "--out",
            dir.resolve("x").toString());
    assertEquals(2, missing.code());
    assertTrue(missing.err().contains("nope"), missing.err());
    Run noModel =
        cli("evaluate", "--model", dir.resolve("none").toString(), "--data", data.toString());
    assertEquals(2, noModel.code());
    assertTrue(noModel.err().contains("model.json: missing"), noModel.err());
    Run epochs =
        cli(
            "train",
            "--data",
            data.toString(),
            "--spec",
            spec.toString(),
            "--out",
            dir.resolve("y").toString(),
            "--epochs",
            "0");
    assertEquals(2, epochs.code());
    assertTrue(epochs.err().contains("epochs must be positive, got 0"), epochs.err());
  }

  @Test
  void internalFailureIsExitCodeOne() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        EngineCli.report(
            new IllegalStateException("boom"), new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(1, code);
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("internal error"));
  }
}
