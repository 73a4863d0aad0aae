package io.visiongrade.engine.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ImportOptionsTest {
  @Test
  void defaults() {
    ImportOptions o = ImportOptions.builder().setImageSize(28, 32).setChannels(1).build();
    assertEquals(28, o.width());
    assertEquals(32, o.height());
    assertEquals(ImportOptions.DEFAULT_MAX_IMAGES, o.maxImages());
    assertEquals(ImportOptions.DEFAULT_MAX_INFLATED_BYTES, o.maxInflatedBytes());
    assertEquals(2, o.minClasses());
    assertEquals(o.toString(), o.toBuilder().build().toString());
  }

  @Test
  void sizeIsRequired() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> ImportOptions.builder().setChannels(1).build());
    assertEquals("imageSize is required (setImageSize)", e.getMessage());
  }

  @Test
  void badValuesAreNamed() {
    ImportOptions.Builder b = ImportOptions.builder().setImageSize(8, 8).setChannels(1);
    assertEquals(
        "channels must be 1 (grayscale) or 3 (RGB), got 4",
        assertThrows(IllegalArgumentException.class, () -> b.setChannels(4).build()).getMessage());
    b.setChannels(3);
    assertEquals(
        "minClasses must be in [2, inf], got 1",
        assertThrows(IllegalArgumentException.class, () -> b.optMinClasses(1).build())
            .getMessage());
    b.optMinClasses(2);
    assertEquals(
        "maxInflatedBytes must be in [1, inf], got 0",
        assertThrows(IllegalArgumentException.class, () -> b.optMaxInflatedBytes(0).build())
            .getMessage());
    b.optMaxInflatedBytes(10);
    assertThrows(IllegalArgumentException.class, () -> b.setImageSize(0, 8).build());
    assertThrows(IllegalArgumentException.class, () -> b.setImageSize(8, 5000).build());
  }
}
