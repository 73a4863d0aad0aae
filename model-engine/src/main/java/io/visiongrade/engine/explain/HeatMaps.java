package io.visiongrade.engine.explain;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/**
 * Renders maps with values in [0, 1] as images: the viridis colour map (perceptually uniform,
 * readable in grayscale and by colour-blind viewers; dark violet = 0, yellow = 1), alone or
 * alpha-blended over a grayscale copy of the image with an opacity that grows with the value, so
 * that the image stays visible where the map is low.
 */
public final class HeatMaps {
  /** viridis at 0, 1/8, ..., 1 (matplotlib / R viridisLite), interpolated linearly in RGB. */
  private static final int[] VIRIDIS = {
    0x440154, 0x472D7B, 0x3B528B, 0x2C728E, 0x21908C, 0x27AD81, 0x5DC863, 0xAADC32, 0xFDE725
  };

  /** Opacity of the colour at map value 0 and 1. */
  static final double MIN_ALPHA = 0.2;

  static final double MAX_ALPHA = 0.8;

  /** The image is dimmed to this brightness under the colours, so that yellow reads on white. */
  static final double DIM = 0.7;

  private HeatMaps() {}

  /** The viridis colour of {@code t} (clamped to [0, 1]) as {@code 0xRRGGBB}. */
  public static int colour(double t) {
    double v = Double.isFinite(t) ? Math.max(0, Math.min(1, t)) : 0;
    double pos = v * (VIRIDIS.length - 1);
    int i = Math.min((int) pos, VIRIDIS.length - 2);
    double f = pos - i;
    int a = VIRIDIS[i];
    int b = VIRIDIS[i + 1];
    int r = mix(a >> 16, b >> 16, f);
    int g = mix(a >> 8, b >> 8, f);
    int bl = mix(a, b, f);
    return r << 16 | g << 8 | bl;
  }

  private static int mix(int a, int b, double f) {
    return (int) Math.round((a & 0xFF) * (1 - f) + (b & 0xFF) * f);
  }

  /** The map alone, each value a {@code scale x scale} block. */
  public static BufferedImage render(float[][] map, int scale) {
    checkScale(scale);
    int h = map.length;
    int w = map[0].length;
    BufferedImage out = new BufferedImage(w * scale, h * scale, BufferedImage.TYPE_INT_RGB);
    int[] data = ((DataBufferInt) out.getRaster().getDataBuffer()).getData();
    for (int y = 0; y < h * scale; y++) {
      float[] row = map[y / scale];
      for (int x = 0; x < w * scale; x++) {
        data[y * w * scale + x] = colour(row[x / scale]);
      }
    }
    return out;
  }

  /**
   * The map blended over {@code base} (whose size must be a whole multiple of the map's), in dimmed
   * grayscale so that the colours read as the map: {@code out = (1 - a) * 0.7 * gray + a *
   * viridis(m)}, {@code a = 0.2 + 0.6 m}.
   */
  public static BufferedImage overlay(BufferedImage base, float[][] map) {
    int h = map.length;
    int w = map[0].length;
    if (base.getWidth() % w != 0
        || base.getHeight() % h != 0
        || base.getWidth() / w != base.getHeight() / h) {
      throw new IllegalArgumentException(
          "image "
              + base.getWidth()
              + "x"
              + base.getHeight()
              + " is not a whole multiple of the map "
              + w
              + "x"
              + h);
    }
    int scale = base.getWidth() / w;
    int[] colours = new int[h * w];
    double[] alphas = new double[h * w];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        double m = map[y][x];
        m = Double.isFinite(m) ? Math.max(0, Math.min(1, m)) : 0;
        colours[y * w + x] = colour(m);
        alphas[y * w + x] = MIN_ALPHA + (MAX_ALPHA - MIN_ALPHA) * m;
      }
    }
    int width = base.getWidth();
    int[] rgb = base.getRGB(0, 0, width, base.getHeight(), null, 0, width);
    BufferedImage out = new BufferedImage(width, base.getHeight(), BufferedImage.TYPE_INT_RGB);
    int[] data = ((DataBufferInt) out.getRaster().getDataBuffer()).getData();
    for (int y = 0; y < base.getHeight(); y++) {
      for (int x = 0; x < width; x++) {
        int p = rgb[y * width + x];
        double gray =
            DIM * (0.299 * ((p >> 16) & 0xFF) + 0.587 * ((p >> 8) & 0xFF) + 0.114 * (p & 0xFF));
        int cell = (y / scale) * w + x / scale;
        double a = alphas[cell];
        int c = colours[cell];
        data[y * width + x] =
            blend(gray, c >> 16, a) << 16 | blend(gray, c >> 8, a) << 8 | blend(gray, c, a);
      }
    }
    return out;
  }

  private static int blend(double gray, int channel, double a) {
    return (int) Math.round(Math.max(0, Math.min(255, (1 - a) * gray + a * (channel & 0xFF))));
  }

  /** A uint8 CHW image (1 or 3 channels) as RGB, enlarged {@code scale} times. */
  public static BufferedImage image(byte[] chw, int channels, int height, int width, int scale) {
    checkScale(scale);
    int plane = height * width;
    BufferedImage out =
        new BufferedImage(width * scale, height * scale, BufferedImage.TYPE_INT_RGB);
    int[] data = ((DataBufferInt) out.getRaster().getDataBuffer()).getData();
    for (int y = 0; y < height * scale; y++) {
      for (int x = 0; x < width * scale; x++) {
        int i = (y / scale) * width + x / scale;
        int r = chw[i] & 0xFF;
        int g = channels == 3 ? chw[plane + i] & 0xFF : r;
        int b = channels == 3 ? chw[2 * plane + i] & 0xFF : r;
        data[y * width * scale + x] = r << 16 | g << 8 | b;
      }
    }
    return out;
  }

  /** PNG encoding. */
  public static byte[] png(BufferedImage image) {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(image, "png", bos)) {
        throw new IllegalStateException("no PNG writer");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bos.toByteArray();
  }

  private static void checkScale(int scale) {
    if (scale < 1 || scale > 64) {
      throw new IllegalArgumentException("scale must be in 1..64, got " + scale);
    }
  }
}
