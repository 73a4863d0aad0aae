package io.visiongrade.engine.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import io.visiongrade.engine.data.DatasetWriter;
import io.visiongrade.engine.data.LabeledImages;
import io.visiongrade.engine.model.CnnModel;
import io.visiongrade.engine.model.ImageClassifier;
import io.visiongrade.engine.model.InvalidImageException;
import io.visiongrade.engine.model.ModelArtifacts;
import io.visiongrade.engine.model.Prediction;
import io.visiongrade.engine.spec.Activation;
import io.visiongrade.engine.spec.CnnSpec;
import io.visiongrade.engine.spec.LayerSpec;
import io.visiongrade.engine.spec.OptimizerSpec;
import io.visiongrade.engine.spec.Presets;
import io.visiongrade.engine.spec.SpecLimits;
import io.visiongrade.engine.spec.TrainingSpec;
import io.visiongrade.engine.testing.TinyData;
import io.visiongrade.engine.train.CnnTrainer;
import io.visiongrade.engine.train.TrainingOptions;
import io.visiongrade.engine.train.TrainingResult;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExplainerTest {
  @TempDir static Path dir;
  static LabeledImages images;
  static TrainingResult trained;
  static Explainer explainer;

  @BeforeAll
  static void train() throws Exception {
    images = TinyData.leftRight(60, 8, 1);
    trained =
        CnnTrainer.train(
            TinyData.tinySpec(8, 3, 0.01),
            images,
            null,
            TrainingOptions.builder().optThreads(1).build());
    explainer = Explainer.of(trained.model());
  }

  @AfterAll
  static void close() {
    explainer.close();
    trained.close();
  }

  static CnnModel untrained(CnnSpec spec, int classes) throws Exception {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < classes; i++) {
      names.add("c" + i);
    }
    return CnnModel.create(spec, spec.summarize(classes, SpecLimits.DEFAULTS), names, 5);
  }

  static byte[] randomImage(CnnSpec spec, long seed) {
    byte[] p = new byte[spec.input().channels() * spec.input().height() * spec.input().width()];
    new Random(seed).nextBytes(p);
    return p;
  }

  static void assertMap(float[][] map, int h, int w) {
    assertEquals(h, map.length);
    for (float[] row : map) {
      assertEquals(w, row.length);
      for (float v : row) {
        assertTrue(v >= 0 && v <= 1, "map value " + v);
      }
    }
  }

  @Test
  void explainsThePredictedClassLikeTheClassifier() throws Exception {
    byte[] png = DatasetWriter.png(images, 3);
    Explanation e = explainer.explain(png);
    List<Prediction> top = new ImageClassifier(trained.model()).classify(png, 1);
    assertEquals(top.get(0).label(), e.classIndex());
    assertEquals(top.get(0).label(), e.predictedIndex());
    assertEquals(top.get(0).className(), e.className());
    assertEquals(top.get(0).probability(), e.probability(), 1e-5);
    assertEquals(1.0, java.util.Arrays.stream(e.probabilities()).sum(), 1e-6);
    assertEquals("layer 0 (conv2d)", e.layer());
    assertMap(e.gradCam(), 8, 8);
    assertMap(e.saliency(), 8, 8);
    float max = 0;
    for (float[] row : e.saliency()) {
      for (float v : row) {
        max = Math.max(max, v);
      }
    }
    assertEquals(1f, max, "saliency is normalised to a maximum of 1");
  }

  @Test
  void explainsAnyOtherClass() throws Exception {
    Explanation predicted = explainer.explain(images, 0);
    int other = 1 - predicted.predictedIndex();
    Explanation e = explainer.explain(images, 0, other);
    assertEquals(other, e.classIndex());
    assertEquals(predicted.predictedIndex(), e.predictedIndex());
    assertEquals(predicted.probabilities()[other], e.probability(), 1e-9);
    assertEquals(1, explainer.classIndex("right"));
    assertEquals(1, explainer.classIndex("1"));
    assertEquals(0, explainer.classIndex("left"));
  }

  @Test
  void unknownClassesAreRefused() {
    for (String bad : new String[] {"cat", "2", "-1", "99999999999", ""}) {
      ExplainException e = assertThrows(ExplainException.class, () -> explainer.classIndex(bad));
      assertEquals(ExplainException.Reason.UNKNOWN_CLASS, e.reason());
      assertTrue(e.getMessage().contains("[left, right]"), e.getMessage());
    }
    byte[] png = DatasetWriter.png(images, 0);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> explainer.explain(png, 2));
    assertTrue(e.getMessage().contains("class index 2 outside 0..1"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> explainer.explain(images, 0, 5));
  }

  @Test
  void wrongImagesAreRefused() {
    InvalidImageException e =
        assertThrows(
            InvalidImageException.class,
            () -> explainer.explain("<svg></svg>".getBytes(StandardCharsets.UTF_8)));
    assertTrue(e.getMessage().contains("not a PNG"), e.getMessage());
    assertThrows(InvalidImageException.class, () -> explainer.explain(new byte[0]));
    LabeledImages wrongSize = TinyData.leftRight(4, 10, 1);
    IllegalArgumentException s =
        assertThrows(IllegalArgumentException.class, () -> explainer.explain(wrongSize, 0));
    assertTrue(s.getMessage().contains("expects 1x8x8"), s.getMessage());
    assertThrows(IndexOutOfBoundsException.class, () -> explainer.explain(images, 60));
  }

  @Test
  void modelWithoutConvolutionIsRefused() throws Exception {
    CnnSpec dense =
        CnnSpec.builder()
            .setInput(8, 8, 1)
            .addLayer(new LayerSpec.Flatten())
            .addLayer(new LayerSpec.Dense(16, Activation.RELU))
            .addLayer(new LayerSpec.Dense(LayerSpec.Dense.CLASSES, Activation.NONE))
            .setOptimizer(OptimizerSpec.adam(0.01))
            .setTraining(new TrainingSpec(1, 8, 1, 0))
            .build();
    try (CnnModel model = untrained(dense, 2)) {
      ExplainException e = assertThrows(ExplainException.class, () -> Explainer.of(model));
      assertEquals(ExplainException.Reason.NO_CONV_LAYER, e.reason());
      assertTrue(e.getMessage().contains("no convolutional layer"), e.getMessage());
      assertTrue(e.getMessage().contains("flatten, dense, dense"), e.getMessage());
      Path saved = dir.resolve("dense");
      ModelArtifacts.save(model, saved, "h", 1, null);
      assertThrows(ExplainException.class, () -> Explainer.load(saved));
    }
  }

  @Test
  void deterministic() throws Exception {
    Explanation a = explainer.explain(images, 7, 0);
    Explanation b = explainer.explain(images, 7, 0);
    assertArrayEquals(a.gradCam(), b.gradCam());
    assertArrayEquals(a.saliency(), b.saliency());
    assertArrayEquals(a.probabilities(), b.probabilities());
    assertArrayEquals(a.gradCamOverlayPng(2), b.gradCamOverlayPng(2));
  }

  @Test
  void pngsDecodeToTheRightSize() throws Exception {
    Explanation e = explainer.explain(images, 1);
    for (int scale : new int[] {1, 3}) {
      for (byte[] png :
          List.of(
              e.gradCamOverlayPng(scale),
              e.saliencyOverlayPng(scale),
              e.gradCamPng(scale),
              e.saliencyPng(scale))) {
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(8 * scale, img.getWidth());
        assertEquals(8 * scale, img.getHeight());
      }
    }
    assertThrows(IllegalArgumentException.class, () -> e.gradCamOverlayPng(0));
  }

  @Test
  void colourMapRunsFromDarkVioletToYellow() {
    assertEquals(0x440154, HeatMaps.colour(0));
    assertEquals(0xFDE725, HeatMaps.colour(1));
    assertEquals(0x21908C, HeatMaps.colour(0.5));
    assertEquals(0x440154, HeatMaps.colour(Double.NaN));
    double last = -1;
    for (int i = 0; i <= 100; i++) {
      int c = HeatMaps.colour(i / 100.0);
      double luminance = 0.299 * (c >> 16) + 0.587 * ((c >> 8) & 0xFF) + 0.114 * (c & 0xFF);
      assertTrue(luminance > last, "luminance grows monotonically");
      last = luminance;
    }
  }

  @Test
  void concurrentExplanationsOfOneModelDoNotInterfere() throws Exception {
    int n = 24;
    List<Explanation> sequential = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      sequential.add(explainer.explain(images, i, i % 2));
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Explanation>> futures = new ArrayList<>();
      for (int round = 0; round < 3; round++) {
        for (int i = 0; i < n; i++) {
          int k = i;
          futures.add(pool.submit(() -> explainer.explain(images, k, k % 2)));
        }
      }
      for (int j = 0; j < futures.size(); j++) {
        Explanation got = futures.get(j).get();
        Explanation want = sequential.get(j % n);
        assertArrayEquals(want.gradCam(), got.gradCam());
        assertArrayEquals(want.saliency(), got.saliency());
        assertArrayEquals(want.probabilities(), got.probabilities());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void explainingLeavesTheModelUntouched() throws Exception {
    float[] before = trained.model().logits(images);
    explainer.explain(images, 2, 0);
    assertArrayEquals(before, trained.model().logits(images));
    for (Parameter p : trained.model().parameters()) {
      NDArray a = p.getArray();
      if (a.hasGradient()) {
        assertEquals(0f, a.getGradient().abs().sum().getFloat(), p.getName());
      }
    }
  }

  @Test
  void everyPresetAndResidualBlocksCanBeExplained() throws Exception {
    for (String name : Presets.NAMES) {
      CnnSpec spec = Presets.get(name);
      try (CnnModel model = untrained(spec, 10)) {
        Explainer x = Explainer.of(model);
        Explanation e = x.explainPixels(randomImage(spec, 3), 0, 4);
        assertEquals(4, e.classIndex());
        assertMap(e.gradCam(), spec.input().height(), spec.input().width());
        assertMap(e.saliency(), spec.input().height(), spec.input().width());
        String expected =
            switch (name) {
              case "seed-cnn" -> "layer 0 (conv2d)";
              case "lenet" -> "layer 2 (conv2d)";
              default -> "layer 4 (residual)";
            };
        assertEquals(expected, x.layerName(), name);
      }
    }
    CnnSpec rgb =
        CnnSpec.builder()
            .setInput(12, 10, 3)
            .addLayer(new LayerSpec.Conv2d(4, 3, 3, 1, 1, LayerSpec.Padding.SAME, Activation.RELU))
            .addLayer(new LayerSpec.Residual(8, 2))
            .addLayer(new LayerSpec.BatchNorm())
            .addLayer(new LayerSpec.Dropout(0.5))
            .addLayer(new LayerSpec.GlobalAvgPool())
            .addLayer(new LayerSpec.Dense(LayerSpec.Dense.CLASSES, Activation.NONE))
            .setOptimizer(OptimizerSpec.adam(0.01))
            .setTraining(new TrainingSpec(1, 8, 1, 0))
            .build();
    try (CnnModel model = untrained(rgb, 3)) {
      Explainer x = Explainer.of(model);
      assertEquals("layer 1 (residual)", x.layerName());
      Explanation e = x.explainPixels(randomImage(rgb, 4), 0, -1);
      assertMap(e.gradCam(), 10, 12);
      assertMap(e.saliency(), 10, 12);
      assertEquals(3, e.channels());
      BufferedImage img = ImageIO.read(new ByteArrayInputStream(e.saliencyOverlayPng(2)));
      assertEquals(24, img.getWidth());
      assertEquals(20, img.getHeight());
    }
  }

  @Test
  void featuresAreMappedToTheCentresOfTheirReceptiveFields() throws Exception {
    List<LayerSpec> seed = Presets.get("seed-cnn").layers();
    assertArrayEquals(new double[] {1, 1}, Explainer.geometry(seed, 0, true));
    List<LayerSpec> lenet = Presets.get("lenet").layers();
    // conv 5x5 same, avgpool 2, conv 5x5 valid: 0 + 0.5, then + 2 * 2 = 4.5, jump 2.
    assertArrayEquals(new double[] {4.5, 2}, Explainer.geometry(lenet, 2, false));
    List<LayerSpec> resnet = Presets.get("resnet").layers();
    assertArrayEquals(new double[] {0, 4}, Explainer.geometry(resnet, 4, true));
    // One hot feature (2, 1) of a 4x4 map with start 1.5, jump 2 is centred on input (y 5.5, x
    // 3.5).
    float[] f = new float[16];
    f[2 * 4 + 1] = 1;
    float[][] up =
        Explainer.upsample(f, 4, 4, 10, 10, new double[] {1.5, 2}, new double[] {1.5, 2});
    assertEquals(0.5625f, up[5][3], 1e-6);
    assertEquals(0.5625f, up[6][4], 1e-6);
    assertEquals(0f, up[0][0]);
    assertEquals(0f, up[9][9]);
    float[][] edge =
        Explainer.upsample(
            new float[] {2, 0, 0, 0}, 2, 2, 4, 4, new double[] {1, 1}, new double[] {1, 1});
    assertEquals(2f, edge[0][0], "clamped to the first feature before its centre");
    assertEquals(2f, edge[1][1]);
    assertEquals(0f, edge[3][3]);
    IntStream.range(0, 4).forEach(i -> assertTrue(edge[i][i] <= 2f));
  }
}
