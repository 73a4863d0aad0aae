package io.visiongrade.engine.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Times the import of Debian's Fashion-MNIST (60k training images). Off by default; run with {@code
 * -Dvisiongrade.bench=true -Dtest=FashionMnistImportBenchmarkTest}.
 */
@EnabledIfSystemProperty(named = "visiongrade.bench", matches = "true")
class FashionMnistImportBenchmarkTest {
  private static final Path DIR = Path.of("/usr/share/datasets/fashion-mnist");

  @Test
  void importsFolderAndZipOfPngs(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
    SyntheticShapes shapes =
        SyntheticShapes.builder()
            .optKinds(SyntheticShapes.Kind.values())
            .optCountPerClass(500)
            .optSize(96)
            .build();
    shapes.writeDirectory(tmp.resolve("dir"));
    shapes.writeZip(tmp.resolve("shapes.zip"));
    DatasetImporter importer =
        new DatasetImporter(ImportOptions.builder().setImageSize(32, 32).setChannels(3).build());
    for (int run = 0; run < 3; run++) {
      long t0 = System.nanoTime();
      LabeledImages d = importer.importDirectory(tmp.resolve("dir"));
      long t1 = System.nanoTime();
      LabeledImages z = importer.importZip(tmp.resolve("shapes.zip"));
      long t2 = System.nanoTime();
      assertEquals(d.contentHash(), z.contentHash());
      System.out.printf(
          "2000 PNGs 96x96 -> 3x32x32: folder %d ms, zip %d ms (%d threads)%n",
          (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, importer.options().threads());
    }
  }

  @Test
  void importsTrainingSet() throws Exception {
    if (!Files.isDirectory(DIR)) {
      return;
    }
    DatasetImporter importer =
        new DatasetImporter(ImportOptions.builder().setImageSize(28, 28).setChannels(1).build());
    for (int run = 0; run < 3; run++) {
      long t0 = System.nanoTime();
      LabeledImages train = importer.importIdxDirectory(DIR, "train");
      long t1 = System.nanoTime();
      System.out.printf(
          "fashion-mnist train: %d images in %d ms (hash %s...)%n",
          train.size(), (t1 - t0) / 1_000_000, train.contentHash().substring(0, 12));
      assertEquals(60_000, train.size());
    }
    long t0 = System.nanoTime();
    LabeledImages rgb =
        new DatasetImporter(ImportOptions.builder().setImageSize(32, 32).setChannels(3).build())
            .importIdxDirectory(DIR, "t10k");
    System.out.printf(
        "fashion-mnist t10k resized to 3x32x32: %d images in %d ms%n",
        rgb.size(), (System.nanoTime() - t0) / 1_000_000);
  }
}
