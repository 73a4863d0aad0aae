package io.visiongrade.lms.infrastructure.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.visiongrade.lms.domain.dataset.Dataset;
import io.visiongrade.lms.domain.dataset.DatasetClass;
import io.visiongrade.lms.domain.dataset.SplitFractions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The dataset repository on H2 with the real migrations (V5 included). */
class JdbcDatasetRepositoryTest {

  static final String HASH_A = "a".repeat(64);
  static final String HASH_B = "b".repeat(64);
  static final Instant NOW = Instant.parse("2026-11-28T12:00:00.123456Z");

  DataSource ds;
  JdbcDatasetRepository repo;
  long course1;
  long course2;

  @BeforeEach
  void setUp() {
    ds = newDataSource();
    repo = new JdbcDatasetRepository(ds);
    course1 = TestDatabase.addCourse(ds, "ctx-1");
    course2 = TestDatabase.addCourse(ds, "ctx-2");
  }

  /** A migrated, empty database. */
  protected DataSource newDataSource() {
    return TestDatabase.migrated();
  }

  static Dataset dataset(long courseId, String name, String artifact) {
    return new Dataset(
        null,
        courseId,
        name,
        1,
        HASH_A,
        artifact,
        1234,
        Dataset.Format.CLASS_FOLDERS_ZIP,
        32,
        32,
        3,
        List.of(new DatasetClass("circle", 10), new DatasetClass("T-shirt/top", 12)),
        7,
        SplitFractions.DEFAULT,
        "teacher-1",
        NOW);
  }

  @Test
  void addNumbersVersionsPerCourseAndNameAndReadsBackEverything() {
    Dataset v1 = repo.add(dataset(course1, "shapes", HASH_A));
    Dataset v2 = repo.add(dataset(course1, "shapes", HASH_B));
    Dataset other = repo.add(dataset(course1, "digits", HASH_A));
    Dataset elsewhere = repo.add(dataset(course2, "shapes", HASH_A));
    assertEquals(1, v1.version());
    assertEquals(2, v2.version());
    assertEquals(1, other.version());
    assertEquals(1, elsewhere.version());

    Dataset read = repo.find(course1, v2.requireId()).orElseThrow();
    assertEquals("shapes", read.name());
    assertEquals(2, read.version());
    assertEquals(HASH_A, read.contentHash());
    assertEquals(HASH_B, read.artifactSha256());
    assertEquals(1234, read.artifactSize());
    assertEquals(List.of("circle", "T-shirt/top"), read.classNames());
    assertEquals(22, read.imageCount());
    assertEquals(7, read.splitSeed());
    assertEquals(SplitFractions.DEFAULT, read.fractions());
    assertEquals("teacher-1", read.uploadedBy().orElseThrow());
    assertEquals(NOW, read.createdAt());
    assertEquals(32, read.width());
    assertEquals(3, read.channels());

    assertEquals(
        List.of("digits", "shapes", "shapes"),
        repo.list(course1).stream().map(Dataset::name).toList());
    assertEquals(2, repo.latest(course1, "shapes").orElseThrow().version());
    assertTrue(repo.latest(course1, "nothing").isEmpty());
  }

  @Test
  void anotherCoursesDatasetIsNotFound() {
    Dataset d = repo.add(dataset(course2, "shapes", HASH_A));
    assertTrue(repo.find(course1, d.requireId()).isEmpty());
    assertTrue(repo.find(course2, d.requireId()).isPresent());
    assertTrue(repo.findById(d.requireId()).isPresent());
    assertTrue(repo.list(course1).isEmpty());
  }

  @Test
  void artifactUseIsKnown() {
    assertFalse(repo.usesArtifact(HASH_B));
    repo.add(dataset(course1, "x", HASH_B));
    assertTrue(repo.usesArtifact(HASH_B));
  }

  @Test
  void concurrentUploadsOfOneNameGetDistinctVersions() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Dataset>> f = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        f.add(pool.submit(() -> repo.add(dataset(course1, "race", HASH_A))));
      }
      List<Integer> versions = new ArrayList<>();
      for (Future<Dataset> x : f) {
        versions.add(x.get().version());
      }
      assertEquals(List.of(1, 2, 3, 4, 5, 6), versions.stream().sorted().toList());
    } finally {
      pool.shutdownNow();
    }
  }
}
