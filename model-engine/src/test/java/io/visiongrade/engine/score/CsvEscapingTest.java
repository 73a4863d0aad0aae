package io.visiongrade.engine.score;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CsvEscapingTest {
  @Test
  void plainCellsAreUnchanged() {
    assertEquals("hello world", CsvEscaping.escapeCell("hello world"));
    assertEquals("0.93", CsvEscaping.escapeCell("0.93"));
    assertEquals("", CsvEscaping.escapeCell(null));
    assertEquals("", CsvEscaping.escapeCell(""));
  }

  @Test
  void formulaStartsAreNeutralised() {
    assertEquals("'=1+1", CsvEscaping.escapeCell("=1+1"));
    assertEquals("'+1", CsvEscaping.escapeCell("+1"));
    assertEquals("'-1", CsvEscaping.escapeCell("-1"));
    assertEquals("'@SUM(A1)", CsvEscaping.escapeCell("@SUM(A1)"));
    assertEquals("'\tx", CsvEscaping.escapeCell("\tx"));
    assertEquals("\"'\rx\"", CsvEscaping.escapeCell("\rx"));
  }

  @Test
  void specialCharactersAreQuoted() {
    assertEquals("\"a,b\"", CsvEscaping.escapeCell("a,b"));
    assertEquals("\"say \"\"hi\"\"\"", CsvEscaping.escapeCell("say \"hi\""));
    assertEquals("\"two\nlines\"", CsvEscaping.escapeCell("two\nlines"));
    assertEquals(
        "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"",
        CsvEscaping.escapeCell("=HYPERLINK(\"http://x\",\"y\")"));
  }

  @Test
  void rowsJoinEscapedCells() {
    assertEquals(
        "Ada,'=cmd|' /C calc'!A0,\"'-2,5\"",
        CsvEscaping.escapeRow(Arrays.asList("Ada", "=cmd|' /C calc'!A0", "-2,5")));
  }
}
