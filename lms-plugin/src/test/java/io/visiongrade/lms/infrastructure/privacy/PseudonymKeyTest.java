package io.visiongrade.lms.infrastructure.privacy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PseudonymKeyTest {

  @TempDir Path dir;

  @Test
  void theKeyIsGeneratedOnceReadableByTheOwnerOnlyAndKept() throws Exception {
    Path file = dir.resolve(PseudonymKey.FILE);
    byte[] first = PseudonymKey.load(file);
    assertEquals(32, first.length);
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    assertArrayEquals(first, PseudonymKey.load(file));
  }

  @Test
  void aDamagedKeyFileStopsTheStartInsteadOfChangingEveryPseudonym() throws Exception {
    Path file = dir.resolve(PseudonymKey.FILE);
    Files.writeString(file, "c2hvcnQ=\n");
    assertThrows(IllegalStateException.class, () -> PseudonymKey.load(file));
  }
}
