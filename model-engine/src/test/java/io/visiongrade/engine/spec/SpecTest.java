package io.visiongrade.engine.spec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.visiongrade.engine.augment.AugmentationConfig;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SpecTest {
  private static final String SEED =
      """
      { "input": {"width": 28, "height": 28, "channels": 1},
        "layers": [ {"type": "conv2d", "filters": 32, "kernel": [3, 3], "activation": "relu"},
                    {"type": "maxpool2d", "pool": [2, 2]},
                    {"type": "flatten"},
                    {"type": "dense", "units": 64, "activation": "relu"},
                    {"type": "dense", "units": "classes"} ],
        "initializer": {"type": "uniform", "min": -0.05, "max": 0.05},
        "optimizer": {"type": "adam", "learningRate": 0.001},
        "training": {"epochs": 10, "batchSize": 32, "seed": 42, "earlyStoppingPatience": 3},
        "augmentation": {"rotationRange": 20, "widthShiftRange": 0.2, "heightShiftRange": 0.2, "horizontalFlip": true} }
      """;

  @Test
  void seedCnnParsesAndIsThePreset() throws SpecException {
    CnnSpec spec = SpecJson.parse(SEED, SpecLimits.DEFAULTS);
    assertEquals(Presets.get("seed-cnn"), spec);
    assertEquals(new AugmentationConfig(20, 0.2, 0.2, true, 0, 0), spec.augmentation());
    assertEquals(new TrainingSpec(10, 32, 42, 3), spec.training());
    assertEquals(OptimizerSpec.adam(0.001), spec.optimizer());
  }

  @Test
  void seedCnnShapesAndParameters() throws SpecException {
    ModelSummary s = Presets.get("seed-cnn").summarize(10, SpecLimits.DEFAULTS);
    List<ModelSummary.LayerSummary> l = s.layers();
    assertArrayEquals(new long[] {32, 26, 26}, l.get(0).outputShape());
    assertEquals(320, l.get(0).parameters());
    assertArrayEquals(new long[] {32, 13, 13}, l.get(1).outputShape());
    assertArrayEquals(new long[] {5408}, l.get(2).outputShape());
    // 5408 * 64 + 64. (The issue text said 345,664 and a total of 346,634; those do not add up
    // for a 5408-wide input: Keras' model.summary() for this network also shows 346,176.)
    assertEquals(346_176, l.get(3).parameters());
    assertEquals(650, l.get(4).parameters());
    assertArrayEquals(new long[] {10}, s.outputShape());
    assertEquals(347_146, s.totalParameters());
  }

  @Test
  void everyPresetValidatesAndRoundTrips() throws SpecException {
    for (String name : Presets.NAMES) {
      CnnSpec spec = Presets.get(name);
      spec.summarize(10, SpecLimits.DEFAULTS);
      spec.summarize(3, SpecLimits.DEFAULTS);
      assertEquals(spec, SpecJson.parse(SpecJson.toJson(spec), SpecLimits.DEFAULTS), name);
    }
  }

  @Test
  void allOptionsRoundTrip() throws SpecException {
    String json =
        """
        {"input": {"width": 16, "height": 12, "channels": 3},
         "layers": [{"type": "conv2d", "filters": 4, "kernel": 3, "stride": [1, 2], "padding": "same",
                     "activation": "leakyrelu", "alpha": 0.1},
                    {"type": "batchnorm"}, {"type": "avgpool2d", "pool": 2, "stride": 1},
                    {"type": "residual", "filters": 8, "stride": 2}, {"type": "globalavgpool"},
                    {"type": "dropout", "rate": 0.5}, {"type": "dense", "units": 5, "activation": "gelu"},
                    {"type": "dense", "units": "classes", "activation": "none"}],
         "initializer": {"type": "normal", "mean": 0, "stddev": 0.1},
         "optimizer": {"type": "sgd", "learningRate": 0.1, "momentum": 0.9, "nesterov": true,
                       "weightDecay": 0.0005, "schedule": {"type": "step", "stepSize": 2, "gamma": 0.5}},
         "training": {"epochs": 3, "batchSize": 8, "seed": 7},
         "augmentation": {"zoomRange": 0.1, "brightnessRange": 0.2}}
        """;
    CnnSpec spec = SpecJson.parse(json, SpecLimits.DEFAULTS);
    ModelSummary s = spec.summarize(4, SpecLimits.DEFAULTS);
    assertArrayEquals(new long[] {4, 12, 8}, s.layers().get(0).outputShape());
    assertArrayEquals(new long[] {4, 11, 7}, s.layers().get(2).outputShape());
    assertArrayEquals(new long[] {8, 6, 4}, s.layers().get(3).outputShape());
    assertEquals(spec, SpecJson.parse(SpecJson.toJson(spec), SpecLimits.DEFAULTS));
    assertEquals(0.025, spec.optimizer().learningRateAt(4, 10), 1e-12);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "unknown field|{\"input\": {\"width\": 28, \"height\": 28, \"channels\": 1, \"depth\": 2}}|input: depth is not a known field",
        "duplicate key|{\"input\": {\"width\": 28, \"width\": 28}}|duplicate key \"width\"",
        "not json|{\"input\": |malformed JSON",
        "trailing|{} {}|unexpected content",
        "deep|{\"a\": [[[[[[[1]]]]]]]}|nesting deeper than 6",
        "array root|[1]|must be a JSON object",
        "unknown layer|LAYER{\"type\": \"conv3d\"}|layer 0: unknown type \"conv3d\"",
        "bad activation|LAYER{\"type\": \"dense\", \"units\": 3, \"activation\": \"swish\"}|layer 0 (dense): activation unknown \"swish\"",
        "missing filters|LAYER{\"type\": \"conv2d\", \"kernel\": 3}|layer 0 (conv2d): filters is required",
        "fractional filters|LAYER{\"type\": \"conv2d\", \"filters\": 2.5, \"kernel\": 3}|layer 0 (conv2d): filters must be an integer, got 2.5",
        "negative kernel|LAYER{\"type\": \"conv2d\", \"filters\": 2, \"kernel\": -3}|layer 0 (conv2d): kernel must be positive, got -3x-3",
        "even same|LAYER{\"type\": \"conv2d\", \"filters\": 2, \"kernel\": 2, \"padding\": \"same\"}|padding same needs an odd kernel",
        "bad padding|LAYER{\"type\": \"conv2d\", \"filters\": 2, \"kernel\": 3, \"padding\": \"full\"}|padding must be \"same\" or \"valid\"",
        "dropout rate|LAYER{\"type\": \"dropout\", \"rate\": 1.5}|layer 0 (dropout): rate must be in [0, 1), got 1.5",
        "units string|LAYER{\"type\": \"dense\", \"units\": \"many\"}|units must be a positive integer or \"classes\"",
        "unknown layer field|LAYER{\"type\": \"flatten\", \"units\": 3}|layer 0 (flatten): units is not a known field",
      })
  void rejectsMalformedDocuments(String name, String json, String expected) {
    String doc =
        json.startsWith("LAYER")
            ? "{\"input\": {\"width\": 8, \"height\": 8, \"channels\": 1}, \"layers\": ["
                + json.substring(5)
                + "], \"optimizer\": {\"type\": \"adam\"}, \"training\": {\"epochs\": 1}}"
            : json;
    SpecException e =
        assertThrows(SpecException.class, () -> SpecJson.parse(doc, SpecLimits.DEFAULTS));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }

  @Test
  void rejectsOversizedDocument() {
    SpecLimits limits = SpecLimits.builder().optMaxJsonBytes(100).build();
    SpecException e = assertThrows(SpecException.class, () -> SpecJson.parse(SEED, limits));
    assertTrue(e.getMessage().contains("exceed the limit of 100"), e.getMessage());
  }

  @Test
  void reportsMissingSectionsTogether() {
    SpecException e =
        assertThrows(SpecException.class, () -> SpecJson.parse("{}", SpecLimits.DEFAULTS));
    assertEquals(
        List.of(
            "input is required",
            "layers is required",
            "optimizer is required",
            "training is required"),
        e.problems());
  }

  private static CnnSpec.Builder base() {
    return CnnSpec.builder()
        .setInput(8, 8, 1)
        .setOptimizer(OptimizerSpec.adam(0.01))
        .setTraining(new TrainingSpec(2, 4, 1, 0));
  }

  @Test
  void poolLargerThanInputNamesLayer() throws SpecException {
    CnnSpec spec =
        base()
            .addLayer(new LayerSpec.Conv2d(4, 3, 3, 1, 1, LayerSpec.Padding.VALID, Activation.RELU))
            .addLayer(new LayerSpec.Pool2d(true, 3, 3, 3, 3))
            .addLayer(new LayerSpec.Conv2d(4, 1, 1, 1, 1, LayerSpec.Padding.VALID, Activation.RELU))
            .addLayer(new LayerSpec.Pool2d(true, 4, 4, 4, 4))
            .addLayer(new LayerSpec.Flatten())
            .addLayer(new LayerSpec.Dense(LayerSpec.Dense.CLASSES, Activation.NONE))
            .build();
    SpecException e =
        assertThrows(SpecException.class, () -> spec.summarize(3, SpecLimits.DEFAULTS));
    assertEquals(List.of("layer 3 (maxpool2d): pool 4x4 larger than input 2x2"), e.problems());
  }

  @Test
  void denseOnImageAndWrongOutput() throws SpecException {
    CnnSpec spec = base().addLayer(new LayerSpec.Dense(4, Activation.NONE)).build();
    SpecException e =
        assertThrows(SpecException.class, () -> spec.summarize(3, SpecLimits.DEFAULTS));
    assertTrue(e.getMessage().contains("layer 0 (dense): needs a flat input, got 1x8x8"));
    CnnSpec flat =
        base()
            .addLayer(new LayerSpec.Flatten())
            .addLayer(new LayerSpec.Dense(4, Activation.NONE))
            .build();
    e = assertThrows(SpecException.class, () -> flat.summarize(3, SpecLimits.DEFAULTS));
    assertTrue(e.getMessage().contains("one value per class (3), got 4"), e.getMessage());
    CnnSpec convAfterFlat =
        base()
            .addLayer(new LayerSpec.Flatten())
            .addLayer(new LayerSpec.Conv2d(2, 3, 3, 1, 1, LayerSpec.Padding.VALID, Activation.NONE))
            .build();
    e = assertThrows(SpecException.class, () -> convAfterFlat.summarize(3, SpecLimits.DEFAULTS));
    assertTrue(e.getMessage().contains("layer 1 (conv2d): needs a CxHxW input, got flat 64"));
  }

  @Test
  void limitsAreEnforced() {
    SpecLimits tight =
        SpecLimits.builder()
            .optMaxParameters(1000)
            .optMaxEpochs(5)
            .optMaxBatchSize(16)
            .optMaxInputSide(20)
            .optMaxLayers(3)
            .build();
    SpecException e =
        assertThrows(
            SpecException.class,
            () -> Presets.get("seed-cnn").toBuilder().optEpochs(6).build().summarize(10, tight));
    String m = e.getMessage();
    assertTrue(m.contains("347146 trainable parameters exceed the limit of 1000"), m);
    assertTrue(m.contains("epochs 6 exceeds the limit of 5"), m);
    assertTrue(m.contains("batchSize 32 exceeds the limit of 16"), m);
    assertTrue(m.contains("size 28x28 exceeds the limit of 20"), m);
    assertTrue(m.contains("5 layers exceed the limit of 3"), m);
    assertThrows(
        IllegalArgumentException.class, () -> SpecLimits.builder().optMaxEpochs(0).build());
  }

  @Test
  void builderRejectsBadValuesNamingFieldAndValue() {
    SpecException e =
        assertThrows(
            SpecException.class,
            () ->
                CnnSpec.builder()
                    .setInput(0, 8, 2)
                    .addLayer(new LayerSpec.Flatten())
                    .optInitializer(InitializerSpec.uniform(1, -1))
                    .setOptimizer(
                        new OptimizerSpec(
                            OptimizerSpec.Kind.SGD,
                            -1,
                            0,
                            true,
                            0,
                            OptimizerSpec.Schedule.NONE,
                            0,
                            0))
                    .setTraining(new TrainingSpec(0, 32, 1, 0))
                    .build());
    assertEquals(
        List.of(
            "input: width must be positive, got 0",
            "input: channels must be 1 or 3, got 2",
            "initializer: min must be below max, got min 1.0 max -1.0",
            "optimizer: learningRate must be positive, got -1.0",
            "optimizer: nesterov needs momentum > 0",
            "training: epochs must be positive, got 0"),
        e.problems());
  }
}
