package io.visiongrade.engine.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.visiongrade.engine.data.DatasetException.Reason;
import java.awt.Color;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryImportTest {
  @TempDir Path dir;

  private static DatasetException refuse(ImportOptions o, Path p) {
    return assertThrows(DatasetException.class, () -> new DatasetImporter(o).importDirectory(p));
  }

  @Test
  void rgbShapesRoundTripKeepsPixelsLabelsIdsAndHash() throws Exception {
    SyntheticShapes shapes =
        SyntheticShapes.builder().optCountPerClass(3).optSize(16).optSeed(7).build();
    LabeledImages written = shapes.writeDirectory(dir);
    LabeledImages read = new DatasetImporter(Fixtures.options(16, 3)).importDirectory(dir);
    assertEquals(written.classNames(), read.classNames());
    assertEquals(written.ids(), read.ids());
    assertArrayEquals(written.labels(), read.labels());
    assertArrayEquals(written.pixels(), read.pixels());
    assertEquals(written.contentHash(), read.contentHash());
  }

  @Test
  void grayShapesRoundTripKeepsPixels() throws Exception {
    SyntheticShapes shapes =
        SyntheticShapes.builder().optCountPerClass(2).optSize(12).optChannels(1).build();
    LabeledImages written = shapes.writeDirectory(dir);
    LabeledImages read = new DatasetImporter(Fixtures.options(12, 1)).importPath(dir);
    assertArrayEquals(written.pixels(), read.pixels());
    assertEquals(written.contentHash(), read.contentHash());
  }

  @Test
  void classesAreSortedFolderNamesAndIdsAreRelativePaths() throws Exception {
    Fixtures.writeTree(
        dir,
        Map.of(
            "zebra/b.png", Fixtures.png(4, 4, Color.GRAY),
            "zebra/a.png", Fixtures.png(4, 4, Color.GRAY),
            "ant/x/1.png", Fixtures.png(4, 4, Color.RED),
            "ant/2.png", Fixtures.png(4, 4, Color.RED)));
    LabeledImages d = new DatasetImporter(Fixtures.options(4, 1)).importDirectory(dir);
    assertEquals(List.of("ant", "zebra"), d.classNames());
    assertEquals(List.of("ant/2.png", "ant/x/1.png", "zebra/a.png", "zebra/b.png"), d.ids());
    assertArrayEquals(new int[] {0, 0, 1, 1}, d.labels());
  }

  @Test
  void singleTopLevelFolderIsStripped() throws Exception {
    Fixtures.writeTree(dir.resolve("dataset"), Fixtures.twoClasses(2));
    LabeledImages d = new DatasetImporter(Fixtures.options(8, 1)).importDirectory(dir);
    assertEquals(List.of("black", "white"), d.classNames());
    assertEquals("black/0.png", d.id(0));
  }

  @Test
  void hiddenAndSystemFilesAreIgnored() throws Exception {
    Fixtures.writeTree(dir, Fixtures.twoClasses(2));
    Files.writeString(dir.resolve(".DS_Store"), "junk");
    Files.writeString(dir.resolve("black/Thumbs.db"), "junk");
    Files.createDirectories(dir.resolve("__MACOSX/black"));
    Files.writeString(dir.resolve("__MACOSX/black/._0.png"), "junk");
    LabeledImages d = new DatasetImporter(Fixtures.options(8, 1)).importDirectory(dir);
    assertEquals(4, d.size());
  }

  @Test
  void labelsTxtGivesDisplayNamesInClassOrder() throws Exception {
    Fixtures.writeTree(dir, Fixtures.twoClasses(2));
    Files.writeString(dir.resolve("labels.txt"), "\uFEFF# names\nDark\n\nLight\n");
    LabeledImages d = new DatasetImporter(Fixtures.options(8, 1)).importDirectory(dir);
    assertEquals(List.of("Dark", "Light"), d.classNames());
  }

  @Test
  void classesTxtMapsFolderToDisplayName() throws Exception {
    Fixtures.writeTree(dir, Fixtures.twoClasses(2));
    Files.writeString(dir.resolve("classes.txt"), "white = Bright white\n");
    LabeledImages d = new DatasetImporter(Fixtures.options(8, 1)).importDirectory(dir);
    assertEquals(List.of("black", "Bright white"), d.classNames());
  }

  @Test
  void labelsTxtWithWrongNumberOfNamesIsRefused() throws Exception {
    Fixtures.writeTree(dir, Fixtures.twoClasses(2));
    Files.writeString(dir.resolve("labels.txt"), "a\nb\nc\n");
    DatasetException e = refuse(Fixtures.options(8, 1), dir);
    assertEquals(Reason.INVALID_CLASS_NAMES, e.reason());
    assertEquals("labels.txt: has 3 class names but the dataset has 2 classes", e.getMessage());
  }

  @Test
  void labelsTxtNamingAnUnknownFolderIsRefused() throws Exception {
    Fixtures.writeTree(dir, Fixtures.twoClasses(2));
    Files.writeString(dir.resolve("labels.txt"), "grey=Grey\n");
    assertEquals(Reason.INVALID_CLASS_NAMES, refuse(Fixtures.options(8, 1), dir).reason());
  }

  @Test
  void twoClassNamesFilesAreRefused() throws Exception {
    Fixtures.writeTree(dir, Fixtures.twoClasses(2));
    Files.writeString(dir.resolve("classes.txt"), "a\nb\n");
    Files.writeString(dir.resolve("labels.txt"), "a\nb\n");
    DatasetException e = refuse(Fixtures.options(8, 1), dir);
    assertEquals(Reason.INVALID_CLASS_NAMES, e.reason());
    assertEquals(
        "labels.txt: a second class names file next to classes.txt; keep only one", e.getMessage());
  }

  @Test
  void svgWithPngNameIsNotAnImage() throws Exception {
    Fixtures.writeTree(dir, Fixtures.twoClasses(2));
    Files.writeString(
        dir.resolve("white/evil.png"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>");
    DatasetException e = refuse(Fixtures.options(8, 1), dir);
    assertEquals(Reason.NOT_AN_IMAGE, e.reason());
    assertEquals("white/evil.png", e.file());
    assertTrue(e.getMessage().startsWith("white/evil.png: not an image"), e.getMessage());
    assertTrue(e.getMessage().contains("SVG"), e.getMessage());
  }

  @Test
  void fileOutsideClassFolderIsRefused() throws Exception {
    Fixtures.writeTree(dir, Fixtures.twoClasses(2));
    Files.write(dir.resolve("stray.png"), Fixtures.png(8, 8, Color.RED));
    DatasetException e = refuse(Fixtures.options(8, 1), dir);
    assertEquals(Reason.NOT_IN_CLASS_FOLDER, e.reason());
    assertEquals("stray.png", e.file());
  }

  @Test
  void oneClassIsTooFew() throws Exception {
    Fixtures.writeTree(dir, Map.of("cat/1.png", Fixtures.png(8, 8, Color.RED)));
    DatasetException e = refuse(Fixtures.options(8, 1), dir);
    assertEquals(Reason.TOO_FEW_CLASSES, e.reason());
    assertTrue(e.getMessage().contains("1 class [cat]"), e.getMessage());
  }

  @Test
  void classWithTooFewImagesIsNamed() throws Exception {
    Fixtures.writeTree(dir, Fixtures.twoClasses(3));
    Files.delete(dir.resolve("white/1.png"));
    Files.delete(dir.resolve("white/2.png"));
    DatasetException e =
        refuse(
            ImportOptions.builder()
                .setImageSize(8, 8)
                .setChannels(1)
                .optMinImagesPerClass(2)
                .build(),
            dir);
    assertEquals(Reason.TOO_FEW_IMAGES_IN_CLASS, e.reason());
    assertEquals("class 'white' has 1 image; at least 2 are needed", e.getMessage());
  }

  @Test
  void moreImagesThanTheLimitIsRefused() throws Exception {
    Fixtures.writeTree(dir, Fixtures.twoClasses(3));
    DatasetException e =
        refuse(
            ImportOptions.builder().setImageSize(8, 8).setChannels(1).optMaxImages(5).build(), dir);
    assertEquals(Reason.TOO_MANY_IMAGES, e.reason());
  }

  @Test
  void moreBytesThanTheLimitIsRefused() throws Exception {
    Fixtures.writeTree(dir, Fixtures.twoClasses(3));
    DatasetException e =
        refuse(
            ImportOptions.builder().setImageSize(8, 8).setChannels(1).optMaxTotalBytes(100).build(),
            dir);
    assertEquals(Reason.TOO_MANY_BYTES, e.reason());
  }

  @Test
  void moreEntriesThanTheLimitIsRefused() throws Exception {
    Fixtures.writeTree(dir, Fixtures.twoClasses(3));
    DatasetException e =
        refuse(
            ImportOptions.builder().setImageSize(8, 8).setChannels(1).optMaxEntries(4).build(),
            dir);
    assertEquals(Reason.TOO_MANY_ENTRIES, e.reason());
  }

  @Test
  void symbolicLinkIsRefused() throws Exception {
    Fixtures.writeTree(dir.resolve("data"), Fixtures.twoClasses(2));
    Path secret = dir.resolve("secret.png");
    Files.write(secret, Fixtures.png(8, 8, Color.RED));
    Files.createSymbolicLink(dir.resolve("data/black/link.png"), secret);
    DatasetException e = refuse(Fixtures.options(8, 1), dir.resolve("data"));
    assertEquals(Reason.SYMLINK, e.reason());
    assertEquals("black/link.png", e.file());
  }

  @Test
  void rootMayBeASymbolicLink() throws Exception {
    Fixtures.writeTree(dir.resolve("real"), Fixtures.twoClasses(2));
    Path link = Files.createSymbolicLink(dir.resolve("link"), dir.resolve("real"));
    assertEquals(4, new DatasetImporter(Fixtures.options(8, 1)).importDirectory(link).size());
  }

  @Test
  void firstBadFileInDatasetOrderIsReported() throws Exception {
    Fixtures.writeTree(dir, Fixtures.twoClasses(40));
    Files.writeString(dir.resolve("white/9.png"), "not an image");
    Files.writeString(dir.resolve("black/5.png"), "not an image");
    DatasetException e =
        refuse(
            ImportOptions.builder().setImageSize(8, 8).setChannels(1).optThreads(2).build(), dir);
    assertEquals("black/5.png", e.file());
  }

  @Test
  void importPathRejectsAPlainFile() throws IOException {
    Path f = Files.writeString(dir.resolve("notes.txt"), "hello", StandardCharsets.UTF_8);
    DatasetException e =
        assertThrows(
            DatasetException.class,
            () -> new DatasetImporter(Fixtures.options(8, 1)).importPath(f));
    assertEquals(Reason.UNREADABLE, e.reason());
  }
}
