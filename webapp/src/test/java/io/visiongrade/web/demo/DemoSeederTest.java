package io.visiongrade.web.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.visiongrade.engine.spec.CnnSpec;
import io.visiongrade.engine.spec.InputSpec;
import io.visiongrade.engine.spec.SpecJson;
import io.visiongrade.engine.spec.SpecLimits;
import io.visiongrade.lms.application.DatasetLibrary;
import io.visiongrade.lms.domain.grading.ImageAnswerDecision;
import org.junit.jupiter.api.Test;

class DemoSeederTest {

  @Test
  void theDemoModelFitsTheDemoDataset() throws Exception {
    CnnSpec spec = SpecJson.parse(DemoSeeder.MODEL_SPEC, SpecLimits.DEFAULTS);
    assertEquals(
        new InputSpec(
            DatasetLibrary.DEMO_SHAPES_SIZE,
            DatasetLibrary.DEMO_SHAPES_SIZE,
            DatasetLibrary.DEMO_SHAPES_CHANNELS),
        spec.input());
    long parameters = spec.summarize(4, SpecLimits.DEFAULTS).totalParameters();
    assertTrue(parameters > 10_000 && parameters < 200_000, "parameters " + parameters);
    // Few epochs: the demo must be ready within a minute of start-up on two cores.
    assertTrue(spec.training().epochs() <= 15, "epochs " + spec.training().epochs());
  }

  @Test
  void theDrawingThresholdsAreValidAndMilderThanTheDefaults() {
    ImageAnswerDecision.checkThresholds(DemoSeeder.ACCEPT_THRESHOLD, DemoSeeder.REJECT_THRESHOLD);
    assertTrue(DemoSeeder.ACCEPT_THRESHOLD < 0.8);
  }
}
