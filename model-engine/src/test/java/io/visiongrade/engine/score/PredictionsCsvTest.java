package io.visiongrade.engine.score;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.visiongrade.engine.data.LabeledImages;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class PredictionsCsvTest {
  /** Three samples; true labels cat, dog, bird. */
  private static final LabeledImages SPLIT =
      new LabeledImages(
          1,
          1,
          1,
          new byte[3],
          new int[] {0, 1, 2},
          List.of("cat/1.png", "dog/7.png", "bird/3.png"),
          List.of("cat", "dog", "bird"),
          null);

  private static final PredictionsCsv.Limits LIMITS = PredictionsCsv.Limits.forSamples(3);

  private static int[] parse(String csv) throws PredictionsCsvException {
    return PredictionsCsv.parse(csv.getBytes(StandardCharsets.UTF_8), SPLIT, LIMITS);
  }

  private static PredictionsCsvException refuse(String csv) {
    return assertThrows(PredictionsCsvException.class, () -> parse(csv));
  }

  /** No class name (the true labels are cat, dog, bird) appears outside the ids themselves. */
  private static void assertNoTrueLabels(PredictionsCsvException e) {
    String m = e.getMessage() + e.problems();
    for (String id : SPLIT.ids()) {
      m = m.replace(id, "<id>");
    }
    for (String name : SPLIT.classNames()) {
      assertFalse(m.contains(name), m);
    }
  }

  @Test
  void namesAndIndicesWithHeaderAndBom() throws Exception {
    assertArrayEquals(
        new int[] {1, 1, 0},
        parse("\uFEFFid,label\r\nbird/3.png,0\r\ncat/1.png,dog\r\n\r\ndog/7.png,1\r\n"));
  }

  @Test
  void headerIsOptionalAndOrderFree() throws Exception {
    assertArrayEquals(new int[] {2, 0, 1}, parse("dog/7.png,cat\nbird/3.png,DOG\ncat/1.png,bird"));
  }

  @Test
  void quotedCellsFollowRfc4180() throws Exception {
    assertArrayEquals(
        new int[] {0, 1, 2}, parse("\"cat/1.png\",\"cat\"\n dog/7.png , dog \n\"bird/3.png\",2\n"));
  }

  @Test
  void readsFromAStream() throws Exception {
    byte[] csv = "cat/1.png,0\ndog/7.png,1\nbird/3.png,2\n".getBytes(StandardCharsets.UTF_8);
    assertArrayEquals(
        new int[] {0, 1, 2}, PredictionsCsv.read(new ByteArrayInputStream(csv), SPLIT, LIMITS));
  }

  @Test
  void unknownIdIsReported() {
    PredictionsCsvException e = refuse("cat/1.png,0\ndog/7.png,1\nbird/3.png,2\nfish/1.png,0\n");
    assertEquals(List.of("line 4: unknown id 'fish/1.png'"), e.problems());
  }

  @Test
  void duplicateIdIsReported() {
    PredictionsCsvException e = refuse("cat/1.png,0\ndog/7.png,1\nbird/3.png,2\ncat/1.png,1\n");
    assertEquals(List.of("line 4: id 'cat/1.png' appears again (first on line 1)"), e.problems());
  }

  @Test
  void missingRowsAreReportedWithoutTheirLabels() {
    PredictionsCsvException e = refuse("id,label\ncat/1.png,dog\n");
    assertEquals(
        List.of("missing prediction for id 'dog/7.png'", "missing prediction for id 'bird/3.png'"),
        e.problems());
    assertNoTrueLabels(e);
  }

  @Test
  void unknownLabelIsReportedWithoutTheTrueLabel() {
    PredictionsCsvException e = refuse("cat/1.png,tiger\ndog/7.png,3\nbird/3.png,-1\n");
    assertEquals(3, e.totalProblems());
    assertEquals(
        "line 1: unknown label 'tiger' (expected a class name or an index 0..2)",
        e.problems().get(0));
    assertTrue(e.problems().get(1).startsWith("line 2: unknown label '3'"));
    assertNoTrueLabels(e);
  }

  @Test
  void malformedLinesAreReported() {
    PredictionsCsvException e = refuse("cat/1.png\ndog/7.png,1,0.9\n,2\nbird/3.png,2\n");
    assertEquals(
        List.of(
            "line 1: expected 2 values (id,label), found 1",
            "line 2: expected 2 values (id,label), found 3",
            "line 3: empty id",
            "missing prediction for id 'cat/1.png'",
            "missing prediction for id 'dog/7.png'"),
        e.problems());
  }

  @Test
  void unclosedQuoteIsReported() {
    PredictionsCsvException e = refuse("cat/1.png,0\n\"dog/7.png,1\n");
    assertTrue(e.problems().get(0).startsWith("line 2: a quoted value is not closed"));
  }

  @Test
  void tooManyRowsStopsTheRead() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 10; i++) {
      sb.append("x").append(i).append(",0\n");
    }
    PredictionsCsvException e =
        assertThrows(
            PredictionsCsvException.class,
            () ->
                PredictionsCsv.parse(
                    sb.toString().getBytes(StandardCharsets.UTF_8),
                    SPLIT,
                    new PredictionsCsv.Limits(10_000, 4)));
    assertTrue(e.problems().contains("more than the limit of 4 rows"), e.getMessage());
  }

  @Test
  void tooManyBytesStopsTheRead() {
    byte[] big = new byte[5000];
    PredictionsCsvException e =
        assertThrows(
            PredictionsCsvException.class,
            () ->
                PredictionsCsv.read(
                    new ByteArrayInputStream(big), SPLIT, new PredictionsCsv.Limits(1000, 10)));
    assertEquals(List.of("the file is larger than the limit of 1000 bytes"), e.problems());
  }

  @Test
  void invalidUtf8IsReported() {
    PredictionsCsvException e =
        assertThrows(
            PredictionsCsvException.class,
            () -> PredictionsCsv.parse(new byte[] {'a', ',', (byte) 0xC3, '\n'}, SPLIT, LIMITS));
    assertTrue(e.getMessage().contains("not UTF-8"));
  }

  @Test
  void messageShowsTheFirstTenProblemsAndCountsTheRest() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 12; i++) {
      sb.append("u").append(i).append(",0\n");
    }
    PredictionsCsvException e =
        assertThrows(
            PredictionsCsvException.class,
            () ->
                PredictionsCsv.parse(
                    sb.toString().getBytes(StandardCharsets.UTF_8),
                    SPLIT,
                    new PredictionsCsv.Limits(10_000, 100)));
    assertEquals(15, e.totalProblems());
    assertTrue(e.getMessage().startsWith("predictions CSV has 15 problems: line 1: unknown id"));
    assertTrue(e.getMessage().endsWith("; and 5 more"), e.getMessage());
  }

  @Test
  void quotedStudentValuesAreShortenedAndControlCharactersEscaped() {
    assertEquals("'a\\u0007b'", PredictionsCsv.quote("a\u0007b"));
    assertEquals("'" + "x".repeat(60) + "...'", PredictionsCsv.quote("x".repeat(100)));
  }

  @Test
  void classNamedLikeANumberWinsOverTheIndex() throws Exception {
    LabeledImages digits =
        new LabeledImages(
            1, 1, 1, new byte[2], new int[] {0, 1}, List.of("a", "b"), List.of("1", "0"), null);
    assertArrayEquals(
        new int[] {0, 1},
        PredictionsCsv.parse(
            "a,1\nb,0\n".getBytes(StandardCharsets.UTF_8),
            digits,
            PredictionsCsv.Limits.forSamples(2)));
  }

  @Test
  void limitsAreValidated() {
    assertThrows(IllegalArgumentException.class, () -> new PredictionsCsv.Limits(0, 1));
    assertThrows(IllegalArgumentException.class, () -> new PredictionsCsv.Limits(1, 0));
  }
}
