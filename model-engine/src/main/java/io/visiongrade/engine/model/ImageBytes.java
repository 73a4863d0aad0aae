package io.visiongrade.engine.model;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Image;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;

/**
 * Decodes image bytes to the CHW uint8 layout a model expects, like the dataset importer: alpha
 * composited on white, grayscale by ITU-R BT.601 luminance, area-averaged resize.
 *
 * <p>The data package's decoder (with its size and bomb limits) is package-private there; once it
 * is public this class should delegate to it so that training and inference share one conversion.
 */
public final class ImageBytes {
  /** Largest accepted encoded image. */
  static final int MAX_BYTES = 16 << 20;

  /** Largest accepted decoded image, in pixels. */
  static final long MAX_PIXELS = 64L << 20;

  private ImageBytes() {}

  public static void decodeInto(
      byte[] data, int width, int height, int channels, byte[] out, int offset)
      throws InvalidImageException {
    if (data.length == 0) {
      throw new InvalidImageException("empty image");
    }
    if (data.length > MAX_BYTES) {
      throw new InvalidImageException(
          "image of " + data.length + " bytes exceeds the limit of " + MAX_BYTES);
    }
    BufferedImage img;
    try {
      img = ImageIO.read(new ByteArrayInputStream(data));
    } catch (IOException | RuntimeException e) {
      throw new InvalidImageException("corrupt image: " + e.getMessage(), e);
    }
    if (img == null) {
      throw new InvalidImageException("not a PNG, JPEG, BMP or GIF image");
    }
    if ((long) img.getWidth() * img.getHeight() > MAX_PIXELS) {
      throw new InvalidImageException(
          "image of " + img.getWidth() + "x" + img.getHeight() + " pixels is too large");
    }
    if (img.getType() == BufferedImage.TYPE_BYTE_GRAY) {
      // Raw gray values: drawing a gray image onto RGB would apply a colour-space conversion.
      int w = img.getWidth();
      int h = img.getHeight();
      int[] packed = img.getRaster().getPixels(0, 0, w, h, (int[]) null);
      for (int i = 0; i < packed.length; i++) {
        packed[i] = gray(packed[i]);
      }
      BufferedImage opaque = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
      opaque.setRGB(0, 0, w, h, packed, 0, w);
      img = opaque;
    }
    BufferedImage rgb = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = rgb.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, width, height);
      Image scaled =
          img.getWidth() == width && img.getHeight() == height
              ? img
              : img.getScaledInstance(width, height, Image.SCALE_AREA_AVERAGING);
      g.drawImage(scaled, 0, 0, null);
    } finally {
      g.dispose();
    }
    int plane = width * height;
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int p =
            img.getType() == BufferedImage.TYPE_BYTE_GRAY
                    && img.getWidth() == width
                    && img.getHeight() == height
                ? gray(img.getRaster().getSample(x, y, 0))
                : rgb.getRGB(x, y);
        int r = (p >>> 16) & 0xff;
        int gr = (p >>> 8) & 0xff;
        int b = p & 0xff;
        int i = offset + y * width + x;
        if (channels == 1) {
          out[i] = (byte) ((299 * r + 587 * gr + 114 * b + 500) / 1000);
        } else {
          out[i] = (byte) r;
          out[i + plane] = (byte) gr;
          out[i + 2 * plane] = (byte) b;
        }
      }
    }
  }

  private static int gray(int v) {
    return (v << 16) | (v << 8) | v;
  }
}
