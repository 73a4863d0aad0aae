package io.visiongrade.engine.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.visiongrade.engine.data.LabeledImages;
import io.visiongrade.engine.eval.EvaluationResult;
import io.visiongrade.engine.testing.TinyData;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TorchScriptModelTest {
  private static final LabeledImages DATA = TinyData.leftRight(40, 8, 5);

  static Path fixture(String name) {
    try {
      return Path.of(TorchScriptModelTest.class.getResource("/torchscript/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void tracedModelIsEvaluated() throws ModelFormatException {
    try (TorchScriptModel m = TorchScriptModel.load(fixture("left_right.pt"), DATA)) {
      EvaluationResult r = m.evaluate(DATA, 1);
      assertEquals(40, r.count());
      assertEquals(1.0, r.accuracy());
      assertTrue(r.meanLoss() < 0.1, "loss " + r.meanLoss());
    }
  }

  @Test
  void scriptedModelLoads() throws ModelFormatException {
    try (TorchScriptModel m = TorchScriptModel.load(fixture("scripted_two_classes.pt"), DATA)) {
      assertEquals(40, m.evaluate(DATA, 2).count());
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "three_classes.pt, output shape is (2, 3) for a batch of 2; expected (2, 2)",
    "state_dict.pt, it is a torch.save checkpoint",
    "pickled_module.pt, it is a torch.save checkpoint",
  })
  void refusesWrongModels(String file, String expected) {
    ModelFormatException e =
        assertThrows(ModelFormatException.class, () -> TorchScriptModel.load(fixture(file), DATA));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }

  @Test
  void refusesWrongInputShape() {
    LabeledImages big = TinyData.leftRight(4, 12, 1);
    ModelFormatException e =
        assertThrows(
            ModelFormatException.class,
            () -> TorchScriptModel.load(fixture("three_classes.pt"), big));
    assertTrue(
        e.getMessage().contains("does not accept input of shape (2, 1, 12, 12)"), e.getMessage());
  }

  @Test
  void refusesRandomBytesPicklesAndOversizedFiles(@TempDir Path dir) throws IOException {
    byte[] noise = new byte[2048];
    new Random(1).nextBytes(noise);
    noise[0] = 1;
    Path random = Files.write(dir.resolve("random.pt"), noise);
    ModelFormatException e =
        assertThrows(ModelFormatException.class, () -> TorchScriptModel.load(random, DATA));
    assertTrue(e.getMessage().startsWith("not a TorchScript model (it is not a zip archive)"));
    Path pickle = Files.write(dir.resolve("legacy.pt"), new byte[] {(byte) 0x80, 2, 'c', 'x'});
    e = assertThrows(ModelFormatException.class, () -> TorchScriptModel.load(pickle, DATA));
    assertTrue(e.getMessage().contains("looks like a Python pickle"), e.getMessage());
    byte[] fakeZip = new byte[64];
    fakeZip[0] = 'P';
    fakeZip[1] = 'K';
    fakeZip[2] = 3;
    fakeZip[3] = 4;
    Path corrupt = Files.write(dir.resolve("corrupt.pt"), fakeZip);
    e = assertThrows(ModelFormatException.class, () -> TorchScriptModel.load(corrupt, DATA));
    assertTrue(e.getMessage().startsWith("not a TorchScript model"), e.getMessage());
    e =
        assertThrows(
            ModelFormatException.class,
            () -> TorchScriptModel.load(fixture("left_right.pt"), 1, 8, 8, 2, 100));
    assertTrue(e.getMessage().contains("exceeds the limit of 100 bytes"));
  }

  @Test
  void libtorchErrorsBecomeNotTorchScript(@TempDir Path dir) throws IOException {
    // Passes the pre-check (zip with code/ and constants.pkl entries) but is garbage inside.
    Path fake = dir.resolve("fake.pt");
    try (var zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(fake))) {
      for (String name : new String[] {"m/code/__torch__.py", "m/constants.pkl", "m/data.pkl"}) {
        zip.putNextEntry(new java.util.zip.ZipEntry(name));
        zip.write("junk".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        zip.closeEntry();
      }
    }
    ModelFormatException e =
        assertThrows(ModelFormatException.class, () -> TorchScriptModel.load(fake, DATA));
    assertTrue(e.getMessage().startsWith("not a TorchScript model: libtorch"), e.getMessage());
  }
}
