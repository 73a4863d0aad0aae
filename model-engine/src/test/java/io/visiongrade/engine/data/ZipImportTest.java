package io.visiongrade.engine.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.visiongrade.engine.data.DatasetException.Reason;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZipImportTest {
  @TempDir Path dir;

  private static DatasetException refuse(ImportOptions o, Path zip) {
    return assertThrows(DatasetException.class, () -> new DatasetImporter(o).importZip(zip));
  }

  private Path zip(Map<String, byte[]> files) throws IOException {
    return Fixtures.writeZip(dir.resolve("upload.zip"), files);
  }

  @Test
  void shapesZipUnderTopFolderRoundTrips() throws Exception {
    LabeledImages shapes =
        SyntheticShapes.builder().optCountPerClass(3).optSize(16).optSeed(3).build().generate();
    Path zip = dir.resolve("shapes.zip");
    DatasetWriter.writeZip(shapes, zip, "my-shapes");
    LabeledImages read = new DatasetImporter(Fixtures.options(16, 3)).importPath(zip);
    assertEquals(shapes.ids(), read.ids());
    assertArrayEquals(shapes.pixels(), read.pixels());
    assertEquals(shapes.contentHash(), read.contentHash());
  }

  @Test
  void writerKeepsClassOrderAndDisplayNamesThroughLabelsTxt() throws Exception {
    LabeledImages d =
        new LabeledImages(
            1,
            2,
            2,
            new byte[] {1, 2, 3, 4, 5, 6, 7, 8},
            new int[] {0, 1},
            List.of("idx-0", "idx-1"),
            List.of("zebra/striped", "ant"),
            null);
    Path zip = dir.resolve("named.zip");
    DatasetWriter.writeZip(d, zip, null);
    LabeledImages read =
        new DatasetImporter(
                ImportOptions.builder()
                    .setImageSize(2, 2)
                    .setChannels(1)
                    .optMinImagesPerClass(1)
                    .build())
            .importZip(zip);
    assertEquals(d.classNames(), read.classNames());
    assertArrayEquals(d.pixels(), read.pixels());
    assertArrayEquals(d.labels(), read.labels());
  }

  @Test
  void dotDotEntryIsZipSlip() throws Exception {
    Map<String, byte[]> files = new LinkedHashMap<>(Fixtures.twoClasses(2));
    files.put("black/../../evil.png", Fixtures.png(8, 8, Color.RED));
    DatasetException e = refuse(Fixtures.options(8, 1), zip(files));
    assertEquals(Reason.UNSAFE_PATH, e.reason());
    assertEquals("black/../../evil.png", e.file());
  }

  @Test
  void absoluteEntryIsZipSlip() throws Exception {
    Map<String, byte[]> files = new LinkedHashMap<>(Fixtures.twoClasses(2));
    files.put("/etc/evil.png", Fixtures.png(8, 8, Color.RED));
    assertEquals(Reason.UNSAFE_PATH, refuse(Fixtures.options(8, 1), zip(files)).reason());
  }

  @Test
  void windowsDriveAndBackslashEntriesAreZipSlip() {
    assertThrows(DatasetException.class, () -> DatasetImporter.safeEntryPath("C:\\evil.png"));
    assertThrows(DatasetException.class, () -> DatasetImporter.safeEntryPath("a\\..\\..\\x"));
  }

  @Test
  void safeEntryPathNormalises() throws Exception {
    assertEquals("cat/1.png", DatasetImporter.safeEntryPath("./cat//1.png"));
    assertEquals("cat/1.png", DatasetImporter.safeEntryPath("cat\\1.png"));
  }

  @Test
  void symlinkEntryIsRefused() throws Exception {
    Map<String, byte[]> files = new LinkedHashMap<>(Fixtures.twoClasses(2));
    files.put("black/link.png", "/etc/passwd".getBytes());
    Path zip = zip(files);
    Fixtures.markSymlink(zip, "black/link.png");
    DatasetException e = refuse(Fixtures.options(8, 1), zip);
    assertEquals(Reason.SYMLINK, e.reason());
    assertEquals("black/link.png", e.file());
  }

  @Test
  void zipBombStopsAtTheInflatedLimit() throws Exception {
    Map<String, byte[]> files = new LinkedHashMap<>(Fixtures.twoClasses(2));
    files.put("black/bomb.png", new byte[4 << 20]);
    Path zip = zip(files);
    assertTrue(Files.size(zip) < 64 * 1024);
    DatasetException e =
        refuse(
            ImportOptions.builder()
                .setImageSize(8, 8)
                .setChannels(1)
                .optMaxInflatedBytes(1 << 20)
                .build(),
            zip);
    assertEquals(Reason.ARCHIVE_TOO_LARGE, e.reason());
    assertEquals("black/bomb.png", e.file());
  }

  @Test
  void oneEntryIsCappedByThePixelLimitWellBelowTheArchiveLimit() throws Exception {
    Map<String, byte[]> files = new LinkedHashMap<>(Fixtures.twoClasses(2));
    files.put("black/bomb.png", new byte[20 << 20]);
    Path zip = zip(files);
    ImportOptions o =
        ImportOptions.builder()
            .setImageSize(8, 8)
            .setChannels(1)
            .optMaxPixelsPerImage(1 << 20)
            .optMaxInflatedBytes(1L << 30)
            .build();
    assertEquals(16L << 20, new DatasetImporter(o).maxEntryBytes());
    DatasetException e = refuse(o, zip);
    assertEquals(Reason.ARCHIVE_TOO_LARGE, e.reason());
    assertEquals("black/bomb.png", e.file());
    assertTrue(e.getMessage().contains("zip bomb"), e.getMessage());
  }

  @Test
  void declaredSizesAreNotTrusted() throws Exception {
    Map<String, byte[]> files = new LinkedHashMap<>(Fixtures.twoClasses(2));
    files.put("black/bomb.png", new byte[4 << 20]);
    Path zip = zip(files);
    Fixtures.patchDeclaredSize(zip, "black/bomb.png", 100);
    DatasetException e =
        refuse(
            ImportOptions.builder()
                .setImageSize(8, 8)
                .setChannels(1)
                .optMaxInflatedBytes(1 << 20)
                .build(),
            zip);
    assertTrue(
        e.reason() == Reason.ARCHIVE_TOO_LARGE || e.reason() == Reason.CORRUPT_ARCHIVE,
        e.getMessage());
    assertEquals("black/bomb.png", e.file());
  }

  @Test
  void duplicateEntryIsRefused() throws Exception {
    Map<String, byte[]> files = new LinkedHashMap<>(Fixtures.twoClasses(2));
    files.put("black/X.png", Fixtures.png(8, 8, java.awt.Color.RED));
    Path zip = zip(files);
    // ZipOutputStream refuses duplicate names, so rename the entry in the raw bytes.
    byte[] d = Files.readAllBytes(zip);
    String raw = new String(d, java.nio.charset.StandardCharsets.ISO_8859_1);
    raw = raw.replace("black/X.png", "black/0.png");
    Files.write(zip, raw.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    DatasetException e = refuse(Fixtures.options(8, 1), zip);
    assertEquals(Reason.DUPLICATE_ENTRY, e.reason());
    assertEquals("black/0.png: appears twice in the archive", e.getMessage());
  }

  @Test
  void nestedZipIsNotAnImage() throws Exception {
    Path inner = Fixtures.writeZip(dir.resolve("inner.zip"), Fixtures.twoClasses(1));
    Map<String, byte[]> files = new LinkedHashMap<>(Fixtures.twoClasses(2));
    files.put("white/more.zip", Files.readAllBytes(inner));
    DatasetException e = refuse(Fixtures.options(8, 1), zip(files));
    assertEquals(Reason.NOT_AN_IMAGE, e.reason());
    assertTrue(e.getMessage().contains("nested archives are not extracted"), e.getMessage());
  }

  @Test
  void corruptArchiveIsRefused() throws Exception {
    Path zip = Files.write(dir.resolve("bad.zip"), "PK\3\4 this is not really a zip".getBytes());
    DatasetException e =
        assertThrows(
            DatasetException.class,
            () -> new DatasetImporter(Fixtures.options(8, 1)).importPath(zip));
    assertEquals(Reason.CORRUPT_ARCHIVE, e.reason());
    assertEquals("bad.zip", e.file());
  }

  @Test
  void archiveLargerThanTheByteLimitIsRefused() throws Exception {
    DatasetException e =
        refuse(
            ImportOptions.builder().setImageSize(8, 8).setChannels(1).optMaxTotalBytes(200).build(),
            zip(Fixtures.twoClasses(2)));
    assertEquals(Reason.TOO_MANY_BYTES, e.reason());
  }

  @Test
  void tooManyEntriesIsRefused() throws Exception {
    DatasetException e =
        refuse(
            ImportOptions.builder().setImageSize(8, 8).setChannels(1).optMaxEntries(3).build(),
            zip(Fixtures.twoClasses(2)));
    assertEquals(Reason.TOO_MANY_ENTRIES, e.reason());
  }

  @Test
  void macosMetadataIsIgnored() throws Exception {
    Map<String, byte[]> files = new LinkedHashMap<>(Fixtures.twoClasses(2));
    files.put("__MACOSX/black/._0.png", new byte[] {0, 5, 22, 7});
    files.put("black/.DS_Store", new byte[] {0, 0, 0, 1});
    assertEquals(4, new DatasetImporter(Fixtures.options(8, 1)).importZip(zip(files)).size());
  }

  @Test
  void nothingIsWrittenToTheTempDirectory() throws Exception {
    Path zip = zip(Fixtures.twoClasses(2));
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    long before;
    try (Stream<Path> s = Files.list(tmp)) {
      before = s.count();
    }
    new DatasetImporter(Fixtures.options(8, 1)).importZip(zip);
    try (Stream<Path> s = Files.list(tmp)) {
      assertTrue(s.count() <= before);
    }
  }
}
