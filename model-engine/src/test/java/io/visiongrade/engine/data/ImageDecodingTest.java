package io.visiongrade.engine.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.visiongrade.engine.data.DatasetException.Reason;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ImageDecodingTest {
  private static byte[] decode(byte[] file, int size, int channels) throws DatasetException {
    byte[] out = new byte[size * size * channels];
    ImageDecoding.decodeInto(file, "x", Fixtures.options(size, channels), out, 0);
    return out;
  }

  private static void assertAll(byte[] px, int value) {
    for (byte b : px) {
      assertEquals(value, b & 0xff, Arrays.toString(px));
    }
  }

  @Test
  void decodesPngJpegBmpGif() throws Exception {
    for (String format : new String[] {"png", "jpeg", "bmp", "gif"}) {
      byte[] px = decode(Fixtures.encode(Fixtures.solid(10, 10, Color.WHITE), format), 5, 3);
      assertAll(px, 255);
    }
  }

  @Test
  void grayscaleUsesLuminance() throws Exception {
    assertAll(decode(Fixtures.png(4, 4, Color.RED), 4, 1), 76);
    assertAll(decode(Fixtures.png(4, 4, Color.GREEN), 4, 1), 150);
    assertAll(decode(Fixtures.png(4, 4, Color.BLUE), 4, 1), 29);
  }

  @Test
  void rgbKeepsChannelsInChwOrder() throws Exception {
    byte[] px = decode(Fixtures.png(2, 2, new Color(10, 20, 30)), 2, 3);
    assertEquals("[10, 10, 10, 10, 20, 20, 20, 20, 30, 30, 30, 30]", Arrays.toString(px));
  }

  @Test
  void transparencyIsCompositedOnWhite() throws Exception {
    assertAll(decode(Fixtures.png(4, 4, new Color(0, 0, 0, 0)), 4, 1), 255);
    byte[] half = decode(Fixtures.png(4, 4, new Color(0, 0, 0, 128)), 4, 1);
    assertEquals(127, half[0] & 0xff, 1);
  }

  @Test
  void shrinkingAveragesAreas() throws Exception {
    // Black/white columns of width 1 average to mid grey when halved.
    BufferedImage img = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 8; y++) {
      for (int x = 0; x < 8; x++) {
        img.setRGB(x, y, x % 2 == 0 ? 0 : 0xffffff);
      }
    }
    byte[] px = decode(Fixtures.encode(img, "png"), 4, 1);
    assertAll(px, 128);
  }

  @Test
  void enlargingInterpolates() throws Exception {
    BufferedImage img = new BufferedImage(2, 1, BufferedImage.TYPE_INT_RGB);
    img.setRGB(0, 0, 0);
    img.setRGB(1, 0, 0xffffff);
    byte[] out = new byte[4 * 4];
    ImageDecoding.decodeInto(
        Fixtures.encode(img, "png"),
        "x",
        ImportOptions.builder().setImageSize(4, 4).setChannels(1).build(),
        out,
        0);
    assertEquals("[0, 64, 191, 255]", Arrays.toString(toInts(Arrays.copyOf(out, 4))));
  }

  @Test
  void largeImagesAreSubsampledWhileDecoding() throws Exception {
    BufferedImage img = new BufferedImage(2400, 1800, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = img.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, 2400, 1800);
    g.dispose();
    assertEquals(3, ImageDecoding.subsampling(6000, 4000, 32, 32));
    assertEquals(1, ImageDecoding.subsampling(6000, 4000, 2000, 2000));
    assertEquals(1, ImageDecoding.subsampling(300, 200, 32, 32));
    assertEquals(2, ImageDecoding.subsampling(2400, 1800, 32, 32));
    assertAll(decode(Fixtures.encode(img, "png"), 32, 1), 255);
  }

  @Test
  void decompressionBombIsRefusedFromTheHeader() {
    DatasetException e =
        assertThrows(
            DatasetException.class, () -> decode(Fixtures.pngHeader(100_000, 100_000), 8, 1));
    assertEquals(Reason.IMAGE_TOO_LARGE, e.reason());
    assertTrue(e.getMessage().contains("100000x100000"), e.getMessage());
  }

  @Test
  void jpegDecompressionBombIsRefusedFromTheHeader() {
    byte[] jpg = Fixtures.encode(noise(16), "jpeg");
    for (int i = 0; i + 8 < jpg.length; i++) {
      if ((jpg[i] & 0xff) == 0xff && (jpg[i + 1] & 0xff) == 0xc0) {
        jpg[i + 5] = (byte) 0x9c; // height 40000
        jpg[i + 6] = (byte) 0x40;
        jpg[i + 7] = (byte) 0x9c; // width 40000
        jpg[i + 8] = (byte) 0x40;
        break;
      }
    }
    DatasetException e = assertThrows(DatasetException.class, () -> decode(jpg, 8, 1));
    assertEquals(Reason.IMAGE_TOO_LARGE, e.reason(), e.getMessage());
    assertTrue(e.getMessage().contains("40000x40000"), e.getMessage());
  }

  @Test
  void truncatedPngIsCorrupt() {
    byte[] png = Fixtures.encode(noise(32), "png");
    byte[] cut = Arrays.copyOf(png, png.length / 2);
    DatasetException e = assertThrows(DatasetException.class, () -> decode(cut, 8, 1));
    assertEquals(Reason.CORRUPT_IMAGE, e.reason());
  }

  @Test
  void truncatedJpegIsCorrupt() {
    byte[] jpg = Fixtures.encode(noise(64), "jpeg");
    byte[] cut = Arrays.copyOf(jpg, jpg.length / 2);
    DatasetException e = assertThrows(DatasetException.class, () -> decode(cut, 8, 1));
    assertEquals(Reason.CORRUPT_IMAGE, e.reason());
    assertTrue(e.getMessage().startsWith("x: truncated or corrupt jpeg image"), e.getMessage());
  }

  @Test
  void headerOnlyGarbageIsCorrupt() {
    byte[] bmp = new byte[40];
    bmp[0] = 'B';
    bmp[1] = 'M';
    assertEquals(
        Reason.CORRUPT_IMAGE,
        assertThrows(DatasetException.class, () -> decode(bmp, 8, 1)).reason());
  }

  @Test
  void nonImagesAreDescribed() {
    assertTrue(ImageDecoding.describeNonImage(new byte[0]).contains("empty"));
    assertTrue(ImageDecoding.describeNonImage("  <html>".getBytes()).contains("HTML"));
    assertTrue(ImageDecoding.describeNonImage("%PDF-1.4".getBytes()).contains("PDF"));
    assertEquals(null, ImageDecoding.sniffFormat("<svg/>".getBytes()));
  }

  private static BufferedImage noise(int size) {
    BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
    java.util.Random r = new java.util.Random(1);
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        img.setRGB(x, y, r.nextInt(1 << 24));
      }
    }
    return img;
  }

  private static int[] toInts(byte[] b) {
    int[] r = new int[b.length];
    for (int i = 0; i < b.length; i++) {
      r[i] = b[i] & 0xff;
    }
    return r;
  }
}
