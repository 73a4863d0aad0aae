package io.visiongrade.lms.application;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.visiongrade.engine.data.DatasetWriter;
import io.visiongrade.engine.data.LabeledImages;
import io.visiongrade.engine.data.SyntheticShapes;
import io.visiongrade.lms.application.DatasetLibrary.ClassThumbnails;
import io.visiongrade.lms.application.DatasetLibrary.UploadOptions;
import io.visiongrade.lms.domain.DomainException;
import io.visiongrade.lms.domain.dataset.Dataset;
import io.visiongrade.lms.domain.dataset.SplitFractions;
import io.visiongrade.lms.infrastructure.config.DatasetSettings;
import io.visiongrade.lms.infrastructure.lti.LaunchSession;
import io.visiongrade.lms.infrastructure.persistence.JdbcDatasetRepository;
import io.visiongrade.lms.infrastructure.persistence.TestDatabase;
import io.visiongrade.lms.infrastructure.storage.ContentStore;
import io.visiongrade.lms.infrastructure.storage.Upload;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dataset use cases on H2 with the real migrations and a content store in a temp folder. */
class DatasetLibraryTest {

  static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
  static final DatasetSettings LIMITS =
      new DatasetSettings(8L << 20, 64L << 20, 500, 64, 1L << 20, 2000, 2, 64L << 20, 4);

  @TempDir Path dir;

  DataSource ds;
  ContentStore store;
  JdbcDatasetRepository repo;
  DatasetLibrary library;
  final Map<String, Long> courseIds = new java.util.HashMap<>();
  final Set<Long> exerciseSeeds = new HashSet<>();

  final LaunchSession teacher = TestSessions.teacher("ctx-1");
  final LaunchSession student = TestSessions.student("ctx-1", "student-1");
  final LaunchSession otherTeacher = TestSessions.teacher("ctx-2");

  @BeforeEach
  void setUp() {
    ds = TestDatabase.migrated();
    courseIds.put("ctx-1", TestDatabase.addCourse(ds, "ctx-1"));
    courseIds.put("ctx-2", TestDatabase.addCourse(ds, "ctx-2"));
    store = new ContentStore(dir.resolve("storage"));
    repo = new JdbcDatasetRepository(ds);
    library = newLibrary(LIMITS);
  }

  DatasetLibrary newLibrary(DatasetSettings limits) {
    return new DatasetLibrary(
        new DatasetLibrary.CourseScope() {
          @Override
          public long courseIdOf(LaunchSession session) {
            return courseIds.get(session.contextId().orElseThrow());
          }

          @Override
          public Set<Long> splitSeedsUsing(long datasetId) {
            return Set.copyOf(exerciseSeeds);
          }
        },
        repo,
        store,
        limits,
        Clock.fixed(NOW, ZoneOffset.UTC));
  }

  static SyntheticShapes shapes(int perClass) {
    return SyntheticShapes.builder().optCountPerClass(perClass).optSize(16).optSeed(3).build();
  }

  Upload receive(byte[] bytes) {
    return store.receive(new ByteArrayInputStream(bytes), LIMITS.maxUploadBytes());
  }

  Upload shapesZip(int perClass) throws IOException {
    return receive(shapesZipBytes(perClass));
  }

  static byte[] shapesZipBytes(int perClass) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    DatasetWriter.writeZip(shapes(perClass).generate(), out, "shapes");
    return out.toByteArray();
  }

  static UploadOptions size16() {
    return new UploadOptions(16, null, 3, 7L, null, "shapes.zip");
  }

  @Test
  void aTeacherUploadsAZipOfClassFoldersAndGetsVersionsOfOneName() throws IOException {
    LabeledImages expected = shapes(10).generate();
    byte[] zip = shapesZipBytes(10);
    Dataset v1;
    try (Upload u = receive(zip)) {
      v1 = library.upload(teacher, "  Shapes ", u, size16());
      assertTrue(store.exists(u.sha256()), "the upload is kept under its hash");
      assertEquals(u.sha256(), v1.artifactSha256());
      assertEquals(u.size(), v1.artifactSize());
    }
    assertEquals("Shapes", v1.name());
    assertEquals(1, v1.version());
    assertEquals(expected.contentHash(), v1.contentHash());
    assertEquals(List.of("circle", "square", "triangle"), v1.classNames());
    assertEquals(List.of(10, 10, 10), v1.classes().stream().map(c -> c.imageCount()).toList());
    assertEquals(30, v1.imageCount());
    assertEquals(16, v1.width());
    assertEquals(16, v1.height());
    assertEquals(3, v1.channels());
    assertEquals(7, v1.splitSeed());
    assertEquals(SplitFractions.DEFAULT, v1.fractions());
    assertEquals(Dataset.Format.CLASS_FOLDERS_ZIP, v1.format());
    assertEquals("teacher-1", v1.uploadedBy().orElseThrow());
    assertEquals(NOW, v1.createdAt());

    Dataset v2;
    try (Upload u = receive(zip)) {
      v2 = library.upload(teacher, "Shapes", u, size16());
    }
    assertEquals(2, v2.version());
    assertEquals(v1.artifactSha256(), v2.artifactSha256(), "identical content stored once");
    assertEquals(2, library.list(teacher).size());
    assertEquals(v2.requireId(), library.get(teacher, v2.requireId()).requireId());
  }

  @Test
  void loadSplitsTheStoredUploadForASeedAndKeepsItInMemory() throws IOException {
    Dataset d;
    try (Upload u = shapesZip(10)) {
      d = library.upload(teacher, "shapes", u, size16());
    }
    DatasetLibrary fresh = newLibrary(LIMITS); // nothing in memory: imports the stored upload
    DatasetLibrary.Loaded own = fresh.load(d.requireId());
    assertEquals(7, own.seed());
    assertEquals(
        30,
        own.splits().train().size()
            + own.splits().validation().size()
            + own.splits().test().size());
    assertEquals(3, own.splits().test().numClasses());
    assertSame(own, fresh.load(d.requireId(), 7), "a second load comes from memory");
    DatasetLibrary.Loaded other = fresh.load(d.requireId(), 8);
    assertNotEquals(own.splits().test().contentHash(), other.splits().test().contentHash());
    assertEquals(
        own.splits().test().contentHash(),
        library.load(d.requireId(), 7).splits().test().contentHash(),
        "the same seed gives the same split, whether imported at upload or later");
    assertThrows(DomainException.NotFound.class, () -> fresh.load(999_999));
  }

  @Test
  void theCacheStaysWithinItsByteBudget() throws IOException {
    Dataset d;
    try (Upload u = shapesZip(10)) {
      d = library.upload(teacher, "shapes", u, size16());
    }
    long oneLoad = 30L * 3 * 16 * 16;
    DatasetLibrary small =
        newLibrary(
            new DatasetSettings(8L << 20, 64L << 20, 500, 64, 1L << 20, 2000, 2, oneLoad, 4));
    DatasetLibrary.Loaded a = small.load(d.requireId(), 1);
    assertSame(a, small.load(d.requireId(), 1));
    small.load(d.requireId(), 2); // pushes seed 1 out
    assertFalse(a == small.load(d.requireId(), 1), "evicted, imported again");
  }

  @Test
  void studentsCannotUploadListOrSeeImages() throws IOException {
    try (Upload u = shapesZip(4)) {
      var e =
          assertThrows(
              DomainException.Forbidden.class, () -> library.upload(student, "x", u, size16()));
      assertEquals("Only the course's teachers can upload datasets", e.getMessage());
    }
    assertThrows(DomainException.Forbidden.class, () -> library.checkCanUpload(student));
    assertThrows(DomainException.Forbidden.class, () -> library.list(student));
    assertThrows(DomainException.Forbidden.class, () -> library.get(student, 1));
    assertThrows(DomainException.Forbidden.class, () -> library.sampleThumbnails(student, 1, 2));
    assertThrows(DomainException.Forbidden.class, () -> library.thumbnail(student, 1, 0, 0));
  }

  @Test
  void anotherCoursesDatasetIsNotFound() throws IOException {
    Dataset d;
    try (Upload u = shapesZip(4)) {
      d = library.upload(teacher, "shapes", u, size16());
    }
    var e =
        assertThrows(
            DomainException.NotFound.class, () -> library.get(otherTeacher, d.requireId()));
    assertEquals("Dataset " + d.requireId() + " not found", e.getMessage());
    assertThrows(
        DomainException.NotFound.class,
        () -> library.sampleThumbnails(otherTeacher, d.requireId(), 2));
    assertTrue(library.list(otherTeacher).isEmpty());
  }

  @Test
  void aBadUploadIsRefusedWithTheEnginesMessageAndNothingIsKept() throws IOException {
    ByteArrayOutputStream zip = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(zip)) {
      z.putNextEntry(new ZipEntry("cat/1.png"));
      z.write(DatasetWriter.png(shapes(2).generate(), 0));
      z.putNextEntry(new ZipEntry("cat/2.png"));
      z.write("<svg xmlns='http://www.w3.org/2000/svg'/>".getBytes());
      z.putNextEntry(new ZipEntry("dog/1.png"));
      z.write(DatasetWriter.png(shapes(2).generate(), 1));
      z.putNextEntry(new ZipEntry("dog/2.png"));
      z.write(DatasetWriter.png(shapes(2).generate(), 2));
    }
    try (Upload u = receive(zip.toByteArray())) {
      var e =
          assertThrows(
              DomainException.Invalid.class, () -> library.upload(teacher, "pets", u, size16()));
      assertTrue(
          e.getMessage().startsWith("The dataset was refused: cat/2.png: not an image"),
          e.getMessage());
    }
    try (Upload u = receive("just text".getBytes())) {
      var e =
          assertThrows(
              DomainException.Invalid.class, () -> library.upload(teacher, "pets", u, size16()));
      assertTrue(e.getMessage().startsWith("shapes.zip: not a zip archive"), e.getMessage());
    }
    try (Upload u = receive(new byte[] {'P', 'K', 3, 4, 0, 0, 0})) {
      var e =
          assertThrows(
              DomainException.Invalid.class, () -> library.upload(teacher, "pets", u, size16()));
      assertTrue(e.getMessage().contains("shapes.zip: not a valid zip archive"), e.getMessage());
      assertFalse(e.getMessage().contains(".part"), "never the temporary file's name");
    }
    assertEquals(List.of(), storedFiles(), "nothing kept, no temporary file left");
    assertTrue(library.list(teacher).isEmpty());
  }

  @Test
  void engineLimitsComeFromTheSettings() throws IOException {
    DatasetLibrary tight =
        newLibrary(
            new DatasetSettings(8L << 20, 64L << 20, 20, 64, 1L << 20, 2000, 2, 1L << 20, 4));
    try (Upload u = shapesZip(10)) {
      var e =
          assertThrows(
              DomainException.Invalid.class, () -> tight.upload(teacher, "x", u, size16()));
      assertEquals(
          "The dataset was refused: the dataset holds 30 files, more than the limit of 20",
          e.getMessage());
    }
    try (Upload u = shapesZip(2)) {
      var e =
          assertThrows(
              DomainException.Invalid.class,
              () ->
                  library.upload(teacher, "x", u, new UploadOptions(128, null, 3, 0L, null, null)));
      assertEquals("width must be between 8 and 64 pixels, got 128", e.getMessage());
    }
    try (Upload u = shapesZip(2)) {
      assertThrows(
          DomainException.Invalid.class,
          () -> library.upload(teacher, " ", u, size16()),
          "a blank name");
    }
  }

  @Test
  void anIdxPairIsTakenInAZipOrAsTwoFilesAndGivesTheSameContent() throws IOException {
    byte[] images = idxImages(12, 28, 28);
    byte[] labels = idxLabels(12, 3);
    ByteArrayOutputStream zip = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(zip)) {
      z.putNextEntry(new ZipEntry("mnist/train-images-idx3-ubyte"));
      z.write(images);
      z.putNextEntry(new ZipEntry("mnist/train-labels-idx1-ubyte"));
      z.write(labels);
      z.putNextEntry(new ZipEntry("__MACOSX/._train-images-idx3-ubyte"));
      z.write(1);
    }
    Dataset zipped;
    try (Upload u = receive(zip.toByteArray())) {
      zipped = library.upload(teacher, "digits", u, UploadOptions.DEFAULTS);
    }
    assertEquals(Dataset.Format.IDX_ZIP, zipped.format());
    assertEquals(28, zipped.width());
    assertEquals(1, zipped.channels());
    assertEquals(List.of("0", "1", "2"), zipped.classNames());
    assertEquals(12, zipped.imageCount());

    Dataset pair;
    try (Upload im = receive(images);
        Upload lb = receive(labels)) {
      pair = library.uploadIdxPair(teacher, "digits", im, lb, UploadOptions.DEFAULTS);
    }
    assertEquals(2, pair.version());
    assertEquals(Dataset.Format.IDX_ZIP, pair.format());
    assertEquals(zipped.contentHash(), pair.contentHash());
    assertEquals(
        12,
        newLibrary(LIMITS).load(pair.requireId()).splits().train().size()
            + newLibrary(LIMITS).load(pair.requireId()).splits().validation().size()
            + newLibrary(LIMITS).load(pair.requireId()).splits().test().size());

    try (Upload im = receive(images);
        Upload lb = receive("not idx".getBytes())) {
      var e =
          assertThrows(
              DomainException.Invalid.class,
              () -> library.uploadIdxPair(teacher, "digits", im, lb, UploadOptions.DEFAULTS));
      assertTrue(e.getMessage().startsWith("the labels file: not an IDX file"), e.getMessage());
    }
    try (Upload im = receive(images);
        Upload lb = receive(idxLabels(5, 3))) {
      var e =
          assertThrows(
              DomainException.Invalid.class,
              () -> library.uploadIdxPair(teacher, "digits", im, lb, UploadOptions.DEFAULTS));
      assertTrue(e.getMessage().contains("holds 12 images but"), e.getMessage());
    }
  }

  @Test
  void thumbnailsAreFewPngsPerClassAndNeverTestImages() throws IOException {
    Dataset d;
    try (Upload u = shapesZip(20)) {
      d = library.upload(teacher, "shapes", u, size16());
    }
    exerciseSeeds.add(99L);
    List<ClassThumbnails> t = library.sampleThumbnails(teacher, d.requireId(), 3);
    assertEquals(3, t.size());
    assertEquals("circle", t.get(0).className());
    Set<String> forbidden = new HashSet<>();
    for (long seed : List.of(7L, 99L)) {
      LabeledImages test = library.load(d.requireId(), seed).splits().test();
      for (int i = 0; i < test.size(); i++) {
        forbidden.add(java.util.HexFormat.of().formatHex(DatasetWriter.png(test, i)));
      }
    }
    assertFalse(forbidden.isEmpty());
    for (ClassThumbnails c : t) {
      assertEquals(3, c.pngs().size());
      for (byte[] png : c.pngs()) {
        assertEquals((byte) 0x89, png[0]);
        assertEquals('P', png[1]);
        assertFalse(forbidden.contains(java.util.HexFormat.of().formatHex(png)), "a test image");
      }
    }
    assertEquals(
        4, library.sampleThumbnails(teacher, d.requireId(), 100).get(0).pngs().size(), "capped");
    assertArrayEquals(t.get(1).pngs().get(2), library.thumbnail(teacher, d.requireId(), 1, 2));
    assertThrows(
        DomainException.NotFound.class, () -> library.thumbnail(teacher, d.requireId(), 3, 0));
    assertThrows(
        DomainException.NotFound.class, () -> library.thumbnail(teacher, d.requireId(), 0, 4));
  }

  @Test
  void theDemoShapesDatasetIsCreatedOnce() {
    long course = courseIds.get("ctx-1");
    Dataset a = library.demoShapes(course);
    Dataset b = library.demoShapes(course);
    assertEquals(a.requireId(), b.requireId());
    assertEquals(DatasetLibrary.DEMO_SHAPES, a.name());
    assertEquals(List.of("circle", "square", "star", "triangle"), a.classNames());
    assertEquals(4 * DatasetLibrary.DEMO_SHAPES_PER_CLASS, a.imageCount());
    assertEquals(1, a.channels());
    assertTrue(a.uploadedBy().isEmpty());
    assertEquals(a.contentHash(), newLibrary(LIMITS).load(a.requireId()).dataset().contentHash());
    assertTrue(newLibrary(LIMITS).load(a.requireId()).splits().test().size() > 0);
  }

  private List<Path> storedFiles() throws IOException {
    List<Path> out = new ArrayList<>();
    try (Stream<Path> s = Files.walk(store.root())) {
      s.filter(Files::isRegularFile).forEach(out::add);
    }
    return out;
  }

  static byte[] idxImages(int n, int rows, int cols) {
    ByteBuffer b = ByteBuffer.allocate(16 + n * rows * cols);
    b.putInt(0x803).putInt(n).putInt(rows).putInt(cols);
    java.util.Random r = new java.util.Random(5);
    for (int i = 0; i < n * rows * cols; i++) {
      b.put((byte) r.nextInt(256));
    }
    return b.array();
  }

  static byte[] idxLabels(int n, int classes) {
    ByteBuffer b = ByteBuffer.allocate(8 + n);
    b.putInt(0x801).putInt(n);
    for (int i = 0; i < n; i++) {
      b.put((byte) (i % classes));
    }
    return b.array();
  }
}
