package io.visiongrade.lms.domain.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PseudonymsTest {

  private static byte[] key(int fill) {
    byte[] k = new byte[32];
    java.util.Arrays.fill(k, (byte) fill);
    return k;
  }

  @Test
  void logPseudonymsAreStableKeyedAndHideTheId() {
    Pseudonyms.install(key(1));
    String p = Pseudonyms.log("student-42");
    assertTrue(p.matches("u-[0-9a-f]{12}"), p);
    assertEquals(p, Pseudonyms.log("student-42"));
    assertFalse(p.contains("42"), p);
    assertNotEquals(p, Pseudonyms.log("student-43"));
    assertEquals("none", Pseudonyms.log(null));
    Pseudonyms.install(key(2));
    assertNotEquals(p, Pseudonyms.log("student-42"), "another installation, another pseudonym");
    Pseudonyms.install(key(1));
    assertEquals(p, Pseudonyms.log("student-42"), "the same key gives the same pseudonym");
  }

  @Test
  void aliasesAreStablePerCourseUnlinkableAcrossCoursesAndRarelyCollide() {
    Pseudonyms.install(key(3));
    String a = Pseudonyms.alias(1, "student-42");
    assertTrue(a.matches("[A-Z][a-z]+ [A-Z][a-z]+ [0-9a-f]{4}"), a);
    assertEquals(a, Pseudonyms.alias(1, "student-42"));
    assertNotEquals(a, Pseudonyms.alias(2, "student-42"));
    Set<String> aliases = new HashSet<>();
    for (int i = 0; i < 2000; i++) {
      aliases.add(Pseudonyms.alias(1, "student-" + i));
    }
    assertTrue(aliases.size() >= 1999, aliases.size() + " distinct of 2000");
  }

  @Test
  void aShortKeyIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> Pseudonyms.install(new byte[16]));
  }
}
