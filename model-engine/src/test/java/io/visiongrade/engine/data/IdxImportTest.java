package io.visiongrade.engine.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.visiongrade.engine.data.DatasetException.Reason;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxImportTest {
  @TempDir Path dir;

  private static final int N = 6;
  private static final int[] LABELS = {0, 1, 2, 0, 1, 2};

  private static byte[] pixels() {
    byte[] p = new byte[N * 4 * 4];
    for (int i = 0; i < p.length; i++) {
      p[i] = (byte) (i * 7);
    }
    return p;
  }

  private void writePair(String prefix, boolean gz) throws Exception {
    byte[] im = Fixtures.idxImages(N, 4, 4, pixels());
    byte[] lb = Fixtures.idxLabels(LABELS);
    String ext = gz ? ".gz" : "";
    Files.write(dir.resolve(prefix + "-images-idx3-ubyte" + ext), gz ? Fixtures.gzip(im) : im);
    Files.write(dir.resolve(prefix + "-labels-idx1-ubyte" + ext), gz ? Fixtures.gzip(lb) : lb);
  }

  private static ImportOptions opts(int size, int channels) {
    return ImportOptions.builder()
        .setImageSize(size, size)
        .setChannels(channels)
        .optMinImagesPerClass(1)
        .build();
  }

  @Test
  void readsGzippedPairFromDirectory() throws Exception {
    writePair("train", true);
    LabeledImages d = new DatasetImporter(opts(4, 1)).importPath(dir);
    assertEquals(N, d.size());
    assertArrayEquals(pixels(), d.pixels());
    assertArrayEquals(LABELS, d.labels());
    assertEquals(List.of("0", "1", "2"), d.classNames());
    assertEquals("idx-5", d.id(5));
    assertEquals(DatasetHasher.hash(d), d.contentHash());
  }

  @Test
  void readsUncompressedPairByPaths() throws Exception {
    writePair("t10k", false);
    LabeledImages d =
        new DatasetImporter(opts(4, 1))
            .importIdx(
                dir.resolve("t10k-images-idx3-ubyte"),
                dir.resolve("t10k-labels-idx1-ubyte"),
                List.of("a", "b", "c"));
    assertEquals(List.of("a", "b", "c"), d.classNames());
    assertArrayEquals(pixels(), d.pixels());
  }

  @Test
  void prefixChoosesAmongPairsAndIsRequiredWhenAmbiguous() throws Exception {
    writePair("train", true);
    writePair("t10k", false);
    DatasetImporter importer = new DatasetImporter(opts(4, 1));
    DatasetException e =
        assertThrows(DatasetException.class, () -> importer.importIdxDirectory(dir, null));
    assertEquals(Reason.INVALID_IDX, e.reason());
    assertTrue(e.getMessage().contains("[t10k, train]"), e.getMessage());
    assertEquals(N, importer.importIdxDirectory(dir, "t10k").size());
    assertEquals(
        Reason.INVALID_IDX,
        assertThrows(DatasetException.class, () -> importer.importIdxDirectory(dir, "val"))
            .reason());
  }

  @Test
  void labelsTxtNamesTheClasses() throws Exception {
    writePair("train", true);
    Files.writeString(dir.resolve("labels.txt"), "zero\none\ntwo\n");
    assertEquals(
        List.of("zero", "one", "two"),
        new DatasetImporter(opts(4, 1)).importIdxDirectory(dir, "train").classNames());
  }

  @Test
  void labelsTxtWithWrongCountIsRefused() throws Exception {
    writePair("train", true);
    Files.writeString(dir.resolve("labels.txt"), "zero\none\n");
    DatasetException e =
        assertThrows(
            DatasetException.class,
            () -> new DatasetImporter(opts(4, 1)).importIdxDirectory(dir, "train"));
    assertEquals(Reason.INVALID_CLASS_NAMES, e.reason());
    assertEquals("labels.txt: has 2 class names but the dataset has 3 classes", e.getMessage());
  }

  @Test
  void resizesAndReplicatesToRgb() throws Exception {
    writePair("train", false);
    LabeledImages d = new DatasetImporter(opts(2, 3)).importIdxDirectory(dir, "train");
    assertEquals(3 * 2 * 2, d.imageSize());
    byte[] p = d.pixels();
    assertArrayEquals(Arrays.copyOfRange(p, 0, 4), Arrays.copyOfRange(p, 4, 8));
    assertArrayEquals(Arrays.copyOfRange(p, 0, 4), Arrays.copyOfRange(p, 8, 12));
  }

  @Test
  void countMismatchIsRefused() throws Exception {
    Path im =
        Files.write(dir.resolve("x-images-idx3-ubyte"), Fixtures.idxImages(N, 4, 4, pixels()));
    Path lb = Files.write(dir.resolve("x-labels-idx1-ubyte"), Fixtures.idxLabels(new int[] {0, 1}));
    DatasetException e =
        assertThrows(
            DatasetException.class, () -> new DatasetImporter(opts(4, 1)).importIdx(im, lb, null));
    assertEquals(Reason.COUNT_MISMATCH, e.reason());
    assertEquals(
        "x-images-idx3-ubyte: holds 6 images but x-labels-idx1-ubyte holds 2 labels",
        e.getMessage());
  }

  @Test
  void swappedFilesFailOnMagic() throws Exception {
    writePair("train", false);
    DatasetException e =
        assertThrows(
            DatasetException.class,
            () ->
                new DatasetImporter(opts(4, 1))
                    .importIdx(
                        dir.resolve("train-labels-idx1-ubyte"),
                        dir.resolve("train-images-idx3-ubyte"),
                        null));
    assertEquals(Reason.INVALID_IDX, e.reason());
    assertTrue(e.getMessage().contains("wrong magic number 0x00000801"), e.getMessage());
  }

  @Test
  void truncatedAndOverlongDataAreRefused() throws Exception {
    byte[] im = Fixtures.idxImages(N, 4, 4, pixels());
    Path lb = Files.write(dir.resolve("l"), Fixtures.idxLabels(LABELS));
    Path cut = Files.write(dir.resolve("cut"), Arrays.copyOf(im, im.length - 3));
    Path longer = Files.write(dir.resolve("long"), Arrays.copyOf(im, im.length + 1));
    DatasetImporter importer = new DatasetImporter(opts(4, 1));
    DatasetException e1 =
        assertThrows(DatasetException.class, () -> importer.importIdx(cut, lb, null));
    assertTrue(e1.getMessage().contains("truncated"), e1.getMessage());
    DatasetException e2 =
        assertThrows(DatasetException.class, () -> importer.importIdx(longer, lb, null));
    assertEquals(Reason.INVALID_IDX, e2.reason());
  }

  @Test
  void labelBeyondTheGivenNamesIsRefused() throws Exception {
    writePair("train", false);
    DatasetException e =
        assertThrows(
            DatasetException.class,
            () ->
                new DatasetImporter(opts(4, 1))
                    .importIdx(
                        dir.resolve("train-images-idx3-ubyte"),
                        dir.resolve("train-labels-idx1-ubyte"),
                        List.of("a", "b")));
    assertEquals(Reason.INVALID_CLASS_NAMES, e.reason());
  }

  @Test
  void tooManyImagesIsRefusedFromTheHeader() throws Exception {
    writePair("train", true);
    DatasetException e =
        assertThrows(
            DatasetException.class,
            () ->
                new DatasetImporter(
                        ImportOptions.builder()
                            .setImageSize(4, 4)
                            .setChannels(1)
                            .optMaxImages(5)
                            .build())
                    .importIdxDirectory(dir, "train"));
    assertEquals(Reason.TOO_MANY_IMAGES, e.reason());
  }
}
