package io.visiongrade.engine.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ImageBytesTest {
  private static byte[] png(BufferedImage img) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(img, "png", out);
    return out.toByteArray();
  }

  @Test
  void rgbIsPlanarAndAlphaIsCompositedOnWhite() throws Exception {
    BufferedImage img = new BufferedImage(2, 1, BufferedImage.TYPE_INT_ARGB);
    img.setRGB(0, 0, 0xFF102030); // opaque
    img.setRGB(1, 0, 0x00000000); // fully transparent: white
    byte[] out = new byte[6];
    ImageBytes.decodeInto(png(img), 2, 1, 3, out, 0);
    assertEquals(0x10, out[0] & 0xFF);
    assertEquals(255, out[1] & 0xFF);
    assertEquals(0x20, out[2] & 0xFF);
    assertEquals(255, out[3] & 0xFF);
    assertEquals(0x30, out[4] & 0xFF);
    assertEquals(255, out[5] & 0xFF);
    byte[] gray = new byte[2];
    ImageBytes.decodeInto(png(img), 2, 1, 1, gray, 0);
    assertEquals((299 * 0x10 + 587 * 0x20 + 114 * 0x30 + 500) / 1000, gray[0] & 0xFF);
    assertEquals(255, gray[1] & 0xFF);
  }

  @Test
  void grayImagesKeepTheirValuesAndAreResized() throws Exception {
    BufferedImage img = new BufferedImage(4, 4, BufferedImage.TYPE_BYTE_GRAY);
    for (int y = 0; y < 4; y++) {
      for (int x = 0; x < 4; x++) {
        img.getRaster().setSample(x, y, 0, 77);
      }
    }
    byte[] same = new byte[16];
    ImageBytes.decodeInto(png(img), 4, 4, 1, same, 0);
    assertEquals(77, same[5] & 0xFF);
    byte[] small = new byte[4];
    ImageBytes.decodeInto(png(img), 2, 2, 1, small, 0);
    assertEquals(77, small[0] & 0xFF);
    assertEquals(77, small[3] & 0xFF);
    assertThrows(
        InvalidImageException.class, () -> ImageBytes.decodeInto(new byte[0], 2, 2, 1, small, 0));
  }
}
