package io.visiongrade.engine.data;

/**
 * Separable resizing of one float plane: area averaging when shrinking an axis, bilinear when
 * enlarging it, a plain copy when the size is unchanged. Deterministic and independent of Java2D.
 */
final class Resampler {
  private Resampler() {}

  /** Per output index: first source index, and the weights of consecutive source indices. */
  private record Kernel(int[] start, float[][] weights) {}

  static Kernel kernel(int in, int out) {
    int[] start = new int[out];
    float[][] weights = new float[out][];
    if (out < in) {
      double scale = (double) in / out;
      for (int i = 0; i < out; i++) {
        double s = i * scale;
        double e = Math.min(in, (i + 1) * scale);
        int j0 = (int) Math.floor(s);
        int j1 = Math.min(in, (int) Math.ceil(e));
        float[] w = new float[j1 - j0];
        for (int j = j0; j < j1; j++) {
          w[j - j0] = (float) ((Math.min(e, j + 1) - Math.max(s, j)) / scale);
        }
        start[i] = j0;
        weights[i] = w;
      }
    } else {
      double scale = (double) in / out;
      for (int i = 0; i < out; i++) {
        double s = (i + 0.5) * scale - 0.5;
        s = Math.max(0, Math.min(in - 1, s));
        int j0 = (int) Math.floor(s);
        float f = (float) (s - j0);
        if (j0 + 1 < in && f > 0) {
          start[i] = j0;
          weights[i] = new float[] {1 - f, f};
        } else {
          start[i] = j0;
          weights[i] = new float[] {1};
        }
      }
    }
    return new Kernel(start, weights);
  }

  /**
   * Resizes {@code src} (h x w, row-major) to {@code oh x ow} and writes rounded, clamped bytes at
   * {@code dst[dstOffset..]}.
   */
  static void resize(float[] src, int w, int h, byte[] dst, int dstOffset, int ow, int oh) {
    if (w == ow && h == oh) {
      for (int i = 0; i < w * h; i++) {
        dst[dstOffset + i] = toByte(src[i]);
      }
      return;
    }
    float[] tmp = new float[h * ow];
    if (w == ow) {
      System.arraycopy(src, 0, tmp, 0, w * h);
    } else {
      Kernel kx = kernel(w, ow);
      for (int y = 0; y < h; y++) {
        int row = y * w;
        for (int x = 0; x < ow; x++) {
          float[] wt = kx.weights[x];
          int s = row + kx.start[x];
          float acc = 0;
          for (int k = 0; k < wt.length; k++) {
            acc += wt[k] * src[s + k];
          }
          tmp[y * ow + x] = acc;
        }
      }
    }
    if (h == oh) {
      for (int i = 0; i < ow * oh; i++) {
        dst[dstOffset + i] = toByte(tmp[i]);
      }
      return;
    }
    Kernel ky = kernel(h, oh);
    float[] acc = new float[ow];
    for (int y = 0; y < oh; y++) {
      java.util.Arrays.fill(acc, 0);
      float[] wt = ky.weights[y];
      int s = ky.start[y];
      for (int k = 0; k < wt.length; k++) {
        int row = (s + k) * ow;
        float wk = wt[k];
        for (int x = 0; x < ow; x++) {
          acc[x] += wk * tmp[row + x];
        }
      }
      for (int x = 0; x < ow; x++) {
        dst[dstOffset + y * ow + x] = toByte(acc[x]);
      }
    }
  }

  static byte toByte(float v) {
    int r = Math.round(v);
    return (byte) (r < 0 ? 0 : Math.min(r, 255));
  }
}
