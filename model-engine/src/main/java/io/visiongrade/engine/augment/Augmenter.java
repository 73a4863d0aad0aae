package io.visiongrade.engine.augment;

import io.visiongrade.engine.data.LabeledImages;
import java.util.Objects;
import java.util.Random;

/**
 * Applies an {@link AugmentationConfig} on the fly, one image at a time, while a training batch is
 * assembled: uint8 CHW pixels in, normalised floats ({@code / 255}) out.
 *
 * <p>As Keras' {@code ImageDataGenerator}: a rotation angle, horizontal and vertical shifts, zoom
 * factors (independent per axis, a factor above 1 shows more of the image, so it looks smaller) and
 * a brightness factor are drawn uniformly from their ranges, and a horizontal flip with probability
 * 0.5. The geometric part is one inverse affine map sampled bilinearly per output pixel, with fill
 * mode "nearest" (coordinates clamped to the edge); brightness multiplies and clamps to 255. No
 * image objects are created per call.
 *
 * <p>All randomness comes from the {@link Random} passed in, drawn in a fixed order and only for
 * the enabled transformations, so a seed reproduces the same augmented batches. Thread-safe: the
 * augmenter holds no mutable state (give each thread its own {@code Random}).
 */
public final class Augmenter {
  /** {@code i / 255f} for every byte value, so normalisation is exact and table-driven. */
  private static final float[] UNIT = new float[256];

  static {
    for (int i = 0; i < 256; i++) {
      UNIT[i] = i / 255f;
    }
  }

  private final AugmentationConfig config;
  private final boolean identity;

  /**
   * An augmenter for {@code config}.
   *
   * @throws IllegalArgumentException naming the field when a range is negative, not finite, or too
   *     large (rotation above 180 degrees; shift, zoom or brightness above 1)
   */
  public Augmenter(AugmentationConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    check("rotationRange", config.rotationRange(), 180);
    check("widthShiftRange", config.widthShiftRange(), 1);
    check("heightShiftRange", config.heightShiftRange(), 1);
    check("zoomRange", config.zoomRange(), 0.95);
    check("brightnessRange", config.brightnessRange(), 1);
    this.identity = config.isIdentity();
  }

  private static void check(String field, double v, double max) {
    if (!(v >= 0 && v <= max)) {
      throw new IllegalArgumentException(field + " must be in [0, " + max + "], got " + v);
    }
  }

  public AugmentationConfig config() {
    return config;
  }

  /**
   * One draw of the random parameters.
   *
   * @param rotationDegrees rotation angle in degrees (counter-clockwise as seen on screen)
   * @param shiftX horizontal shift as a fraction of the width; positive moves the content right
   * @param shiftY vertical shift as a fraction of the height; positive moves the content down
   * @param zoomX horizontal zoom factor; above 1 shows more of the image (content gets smaller)
   * @param zoomY vertical zoom factor
   * @param flip mirror left-right
   * @param brightness factor applied to every pixel value before clamping to 255
   */
  public record Transform(
      double rotationDegrees,
      double shiftX,
      double shiftY,
      double zoomX,
      double zoomY,
      boolean flip,
      double brightness) {
    /** Leaves the image unchanged. */
    public static final Transform IDENTITY = new Transform(0, 0, 0, 1, 1, false, 1);

    /** True when only the flip and brightness (if any) are applied. */
    public boolean isAxisAligned() {
      return rotationDegrees == 0 && shiftX == 0 && shiftY == 0 && zoomX == 1 && zoomY == 1;
    }
  }

  /** Draws a transform from {@code rnd}: only for enabled transformations, in a fixed order. */
  public Transform sample(Random rnd) {
    if (identity) {
      return Transform.IDENTITY;
    }
    double rot = 0;
    double tx = 0;
    double ty = 0;
    double zx = 1;
    double zy = 1;
    boolean flip = false;
    double bright = 1;
    if (config.rotationRange() > 0) {
      rot = uniform(rnd, config.rotationRange());
    }
    if (config.widthShiftRange() > 0) {
      tx = uniform(rnd, config.widthShiftRange());
    }
    if (config.heightShiftRange() > 0) {
      ty = uniform(rnd, config.heightShiftRange());
    }
    if (config.zoomRange() > 0) {
      zx = 1 + uniform(rnd, config.zoomRange());
      zy = 1 + uniform(rnd, config.zoomRange());
    }
    if (config.horizontalFlip()) {
      flip = rnd.nextBoolean();
    }
    if (config.brightnessRange() > 0) {
      bright = 1 + uniform(rnd, config.brightnessRange());
    }
    return new Transform(rot, tx, ty, zx, zy, flip, bright);
  }

  private static double uniform(Random rnd, double range) {
    return (2 * rnd.nextDouble() - 1) * range;
  }

  /**
   * Augments one image: reads {@code c*h*w} bytes at {@code src[srcOffset..]} and writes as many
   * floats in [0, 1] at {@code dst[dstOffset..]}. With an identity config this is {@link #toFloat}.
   */
  public void augment(
      byte[] src, int srcOffset, float[] dst, int dstOffset, int c, int h, int w, Random rnd) {
    if (identity) {
      toFloat(src, srcOffset, dst, dstOffset, c * h * w);
      return;
    }
    apply(sample(rnd), src, srcOffset, dst, dstOffset, c, h, w);
  }

  /**
   * Fills {@code dst} with the images {@code indices[from..from+count)} of {@code images},
   * augmented, one after another (NCHW floats in [0, 1]).
   */
  public void augmentBatch(
      LabeledImages images, int[] indices, int from, int count, float[] dst, Random rnd) {
    int size = images.imageSize();
    if (dst.length < count * size) {
      throw new IllegalArgumentException(
          "dst holds " + dst.length + " floats, need " + count * size);
    }
    for (int k = 0; k < count; k++) {
      augment(
          images.pixels(),
          indices[from + k] * size,
          dst,
          k * size,
          images.channels(),
          images.height(),
          images.width(),
          rnd);
    }
  }

  /** Converts {@code length} unsigned bytes to floats divided by 255 ({@code v / 255f}). */
  public static void toFloat(byte[] src, int srcOffset, float[] dst, int dstOffset, int length) {
    for (int i = 0; i < length; i++) {
      dst[dstOffset + i] = UNIT[src[srcOffset + i] & 0xff];
    }
  }

  /** Applies a given transform to one CHW image (deterministic; used by {@link #augment}). */
  public static void apply(
      Transform t, byte[] src, int srcOffset, float[] dst, int dstOffset, int c, int h, int w) {
    float bright = (float) t.brightness();
    int plane = h * w;
    if (t.isAxisAligned() && bright == 1f) {
      for (int ch = 0; ch < c; ch++) {
        int s = srcOffset + ch * plane;
        int d = dstOffset + ch * plane;
        for (int y = 0; y < h; y++) {
          int row = y * w;
          for (int x = 0; x < w; x++) {
            dst[d + row + x] = UNIT[src[s + row + (t.flip() ? w - 1 - x : x)] & 0xff];
          }
        }
      }
      return;
    }
    if (t.isAxisAligned()) {
      for (int ch = 0; ch < c; ch++) {
        int s = srcOffset + ch * plane;
        int d = dstOffset + ch * plane;
        for (int y = 0; y < h; y++) {
          int row = y * w;
          for (int x = 0; x < w; x++) {
            int sx = t.flip() ? w - 1 - x : x;
            dst[d + row + x] = Math.min(1f, (src[s + row + sx] & 0xff) * bright / 255f);
          }
        }
      }
      return;
    }
    // Inverse map from output to input pixel: in = c + Z * inverse(R) * (out' - c - shift), where
    // R rotates counter-clockwise on screen and out' is the output pixel, mirrored when flipping.
    double theta = Math.toRadians(t.rotationDegrees());
    double cos = Math.cos(theta);
    double sin = Math.sin(theta);
    double cx = (w - 1) / 2.0;
    double cy = (h - 1) / 2.0;
    double tx = t.shiftX() * w;
    double ty = t.shiftY() * h;
    // With y pointing down, inverse(R) = [cos -sin; sin cos].
    double a = t.zoomX() * cos;
    double b = -t.zoomX() * sin;
    double d = t.zoomY() * sin;
    double e = t.zoomY() * cos;
    double fx = t.flip() ? -1 : 1;
    // in = (x0 + dx * x, y0 + dy * x) along each output row.
    float dx = (float) (a * fx);
    float dy = (float) (d * fx);
    float maxX = w - 1;
    float maxY = h - 1;
    float norm = bright / 255f;
    for (int y = 0; y < h; y++) {
      double v = y - cy - ty;
      double u0 = -fx * cx - tx;
      float x0 = (float) (cx + a * u0 + b * v);
      float y0 = (float) (cy + d * u0 + e * v);
      int o = dstOffset + y * w;
      for (int x = 0; x < w; x++) {
        float xs = x0 + dx * x;
        float ys = y0 + dy * x;
        xs = xs < 0 ? 0 : (xs > maxX ? maxX : xs);
        ys = ys < 0 ? 0 : (ys > maxY ? maxY : ys);
        int ix = (int) xs;
        int iy = (int) ys;
        int stepX = ix < w - 1 ? 1 : 0;
        int stepY = iy < h - 1 ? w : 0;
        float wx = xs - ix;
        float wy = ys - iy;
        int i00 = iy * w + ix;
        for (int ch = 0; ch < c; ch++) {
          int s = srcOffset + ch * plane + i00;
          float p00 = src[s] & 0xff;
          float p01 = src[s + stepX] & 0xff;
          float p10 = src[s + stepY] & 0xff;
          float p11 = src[s + stepY + stepX] & 0xff;
          float top = p00 + wx * (p01 - p00);
          float bottom = p10 + wx * (p11 - p10);
          float val = (top + wy * (bottom - top)) * norm;
          dst[o + x + ch * plane] = val > 1f ? 1f : val;
        }
      }
    }
  }
}
