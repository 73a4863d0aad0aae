package io.visiongrade.engine.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.visiongrade.engine.data.DatasetWriter;
import io.visiongrade.engine.data.LabeledImages;
import io.visiongrade.engine.spec.SpecException;
import io.visiongrade.engine.testing.TinyData;
import io.visiongrade.engine.train.CnnTrainer;
import io.visiongrade.engine.train.TrainingOptions;
import io.visiongrade.engine.train.TrainingResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelArtifactsTest {
  @Test
  void saveLoadRoundTripGivesSamePredictions(@TempDir Path dir) throws Exception {
    LabeledImages train = TinyData.leftRight(48, 8, 1);
    LabeledImages test = TinyData.leftRight(16, 8, 2);
    Path out = dir.resolve("model");
    float[] before;
    try (TrainingResult r =
        CnnTrainer.train(
            TinyData.tinySpec(8, 2, 0.01),
            train,
            null,
            TrainingOptions.builder().optThreads(1).build())) {
      before = r.model().logits(test);
      JsonObject metrics = new JsonObject();
      metrics.addProperty("accuracy", 0.5);
      ModelArtifacts.save(r.model(), out, train.contentHash(), 7, metrics);
    }
    ModelManifest m = ModelArtifacts.readManifest(out);
    assertEquals(List.of("left", "right"), m.classNames());
    assertEquals("hash-48-1", m.datasetHash());
    assertEquals(7, m.seed());
    assertEquals("PyTorch", m.engine());
    assertTrue(Files.exists(out.resolve("metrics.json")));
    try (CnnModel loaded = ModelArtifacts.load(out)) {
      assertArrayEquals(before, loaded.logits(test));
      assertEquals(TinyData.tinySpec(8, 2, 0.01), loaded.spec());
    }
    try (ImageClassifier c = ImageClassifier.load(out)) {
      byte[] png = DatasetWriter.png(test, 0);
      List<Prediction> top = c.classify(png, 5);
      assertEquals(2, top.size());
      assertEquals(1.0, top.get(0).probability() + top.get(1).probability(), 1e-9);
      assertTrue(top.get(0).probability() >= top.get(1).probability());
      // Same pixels through PNG decoding as through the raw array.
      int expected = before[0] > before[1] ? 0 : 1;
      assertEquals(expected, top.get(0).label());
      ExecutorService pool = Executors.newFixedThreadPool(3);
      try {
        List<Future<List<List<Prediction>>>> futures = new ArrayList<>();
        List<byte[]> images = new ArrayList<>();
        for (int i = 0; i < test.size(); i++) {
          images.add(DatasetWriter.png(test, i));
        }
        for (int t = 0; t < 6; t++) {
          futures.add(pool.submit(() -> c.classifyAll(images, 1)));
        }
        List<List<Prediction>> first = futures.get(0).get();
        for (Future<List<List<Prediction>>> f : futures) {
          assertEquals(first, f.get());
        }
      } finally {
        pool.shutdown();
      }
      InvalidImageException e =
          assertThrows(
              InvalidImageException.class,
              () -> c.classifyAll(List.of(DatasetWriter.png(test, 0), new byte[] {1, 2, 3}), 1));
      assertTrue(e.getMessage().startsWith("image 1: not a PNG"), e.getMessage());
    }
  }

  @Test
  void everyPresetTrainsAndRoundTrips(@TempDir Path dir) throws Exception {
    LabeledImages train = TinyData.leftRight(16, 28, 3);
    for (String name : io.visiongrade.engine.spec.Presets.NAMES) {
      var spec =
          io.visiongrade.engine.spec.Presets.get(name).toBuilder()
              .setTraining(new io.visiongrade.engine.spec.TrainingSpec(1, 8, 1, 0))
              .build();
      try (TrainingResult r =
          CnnTrainer.train(spec, train, null, TrainingOptions.builder().optThreads(1).build())) {
        float[] before = r.model().logits(train);
        ModelArtifacts.save(r.model(), dir.resolve(name), train.contentHash(), 1, null);
        try (CnnModel loaded = ModelArtifacts.load(dir.resolve(name))) {
          assertArrayEquals(before, loaded.logits(train), name);
        }
      }
    }
  }

  @Test
  void brokenDirectoriesAreReported(@TempDir Path dir) throws IOException, SpecException {
    ModelFormatException e =
        assertThrows(ModelFormatException.class, () -> ModelArtifacts.load(dir));
    assertTrue(e.getMessage().contains("model.json: missing"), e.getMessage());
    try (CnnModel model =
        CnnModel.create(
            TinyData.tinySpec(8, 1, 0.01),
            TinyData.tinySpec(8, 1, 0.01)
                .summarize(2, io.visiongrade.engine.spec.SpecLimits.DEFAULTS),
            List.of("a", "b"),
            1)) {
      ModelArtifacts.save(model, dir, null, 1, null);
    }
    Files.write(dir.resolve("parameters.bin"), new byte[] {1, 2, 3});
    e = assertThrows(ModelFormatException.class, () -> ModelArtifacts.load(dir));
    assertTrue(e.getMessage().contains("parameters do not match"), e.getMessage());
    Files.writeString(dir.resolve("spec.json"), "{}", StandardCharsets.UTF_8);
    e = assertThrows(ModelFormatException.class, () -> ModelArtifacts.load(dir));
    assertTrue(e.getMessage().contains("spec.json: invalid spec"), e.getMessage());
  }
}
