package io.visiongrade.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.visiongrade.engine.data.DatasetWriter;
import io.visiongrade.engine.data.LabeledImages;
import io.visiongrade.engine.model.CnnModel;
import io.visiongrade.engine.model.ModelArtifacts;
import io.visiongrade.engine.spec.Activation;
import io.visiongrade.engine.spec.CnnSpec;
import io.visiongrade.engine.spec.LayerSpec;
import io.visiongrade.engine.spec.OptimizerSpec;
import io.visiongrade.engine.spec.SpecLimits;
import io.visiongrade.engine.spec.TrainingSpec;
import io.visiongrade.engine.testing.TinyData;
import io.visiongrade.engine.train.CnnTrainer;
import io.visiongrade.engine.train.TrainingOptions;
import io.visiongrade.engine.train.TrainingResult;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExplainCommandTest {
  @TempDir static Path dir;
  static Path model;
  static Path denseModel;
  static Path image;

  @BeforeAll
  static void setUp() throws Exception {
    LabeledImages images = TinyData.leftRight(40, 8, 1);
    model = dir.resolve("model");
    try (TrainingResult r =
        CnnTrainer.train(
            TinyData.tinySpec(8, 2, 0.01),
            images,
            null,
            TrainingOptions.builder().optThreads(1).build())) {
      ModelArtifacts.save(r.model(), model, images.contentHash(), 7, null);
    }
    CnnSpec dense =
        CnnSpec.builder()
            .setInput(8, 8, 1)
            .addLayer(new LayerSpec.Flatten())
            .addLayer(new LayerSpec.Dense(LayerSpec.Dense.CLASSES, Activation.NONE))
            .setOptimizer(OptimizerSpec.adam(0.01))
            .setTraining(new TrainingSpec(1, 8, 1, 0))
            .build();
    denseModel = dir.resolve("dense");
    try (CnnModel m =
        CnnModel.create(
            dense, dense.summarize(2, SpecLimits.DEFAULTS), List.of("left", "right"), 1)) {
      ModelArtifacts.save(m, denseModel, "h", 1, null);
    }
    image = dir.resolve("sample.png");
    Files.write(image, DatasetWriter.png(images, 0));
  }

  @Test
  void writesBothOverlaysAndJson() throws Exception {
    Path out = dir.resolve("out-json");
    EngineCliTest.Run r =
        EngineCliTest.cli(
            "explain",
            "--model",
            model.toString(),
            image.toString(),
            "--out",
            out.toString(),
            "--class",
            "right",
            "--json");
    assertEquals(0, r.code(), r.err());
    JsonObject o = r.json();
    assertEquals("explain", o.get("command").getAsString());
    assertEquals("right", o.getAsJsonObject("explained").get("name").getAsString());
    assertEquals(1, o.getAsJsonObject("explained").get("index").getAsInt());
    assertEquals("layer 0 (conv2d)", o.get("layer").getAsString());
    assertEquals(2, o.getAsJsonArray("probabilities").size());
    for (String name : new String[] {"sample-gradcam.png", "sample-saliency.png"}) {
      BufferedImage png = ImageIO.read(out.resolve(name).toFile());
      assertEquals(224, png.getWidth(), "8 px enlarged 28 times by default");
      assertEquals(224, png.getHeight());
    }
    assertEquals(out.resolve("sample-gradcam.png").toString(), o.get("gradCam").getAsString());
  }

  @Test
  void humanOutputAndScale() throws Exception {
    Path out = dir.resolve("out-human");
    EngineCliTest.Run r =
        EngineCliTest.cli(
            "explain",
            "--model",
            model.toString(),
            image.toString(),
            "--out",
            out.toString(),
            "--class",
            "0",
            "--scale",
            "2");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("explained left"), r.out());
    assertTrue(r.out().contains("sample-saliency.png"), r.out());
    assertEquals(16, ImageIO.read(out.resolve("sample-gradcam.png").toFile()).getWidth());
  }

  @Test
  void badInputIsExitCodeTwo() throws Exception {
    Path out = dir.resolve("out-bad");
    EngineCliTest.Run unknown =
        EngineCliTest.cli(
            "explain", "--model", model.toString(), image.toString(), "--class", "cat");
    assertEquals(2, unknown.code());
    assertTrue(unknown.err().contains("unknown class \"cat\""), unknown.err());
    Path text = dir.resolve("notes.png");
    Files.writeString(text, "not an image");
    EngineCliTest.Run notImage =
        EngineCliTest.cli(
            "explain", "--model", model.toString(), text.toString(), "--out", out.toString());
    assertEquals(2, notImage.code());
    assertTrue(notImage.err().contains("notes.png: not a PNG"), notImage.err());
    EngineCliTest.Run noConv =
        EngineCliTest.cli(
            "explain", "--model", denseModel.toString(), image.toString(), "--out", out.toString());
    assertEquals(2, noConv.code());
    assertTrue(noConv.err().contains("no convolutional layer"), noConv.err());
    EngineCliTest.Run missing =
        EngineCliTest.cli(
            "explain", "--model", model.toString(), dir.resolve("nope.png").toString());
    assertEquals(2, missing.code());
    assertTrue(missing.err().contains("no such file"), missing.err());
    EngineCliTest.Run noModel =
        EngineCliTest.cli("explain", "--model", dir.resolve("none").toString(), image.toString());
    assertEquals(2, noModel.code());
    EngineCliTest.Run scale =
        EngineCliTest.cli("explain", "--model", model.toString(), image.toString(), "--scale", "0");
    assertEquals(2, scale.code());
    assertTrue(!Files.exists(out.resolve("notes-gradcam.png")));
  }
}
