package io.visiongrade.engine.train;

import io.visiongrade.engine.data.LabeledImages;
import io.visiongrade.engine.spec.CnnSpec;
import java.nio.FloatBuffer;

/** Writes a training batch's images as normalised floats (NCHW, [0, 1]) into a buffer. */
interface BatchFiller {
  void fill(int[] indices, int count, FloatBuffer out);

  static BatchFiller create(CnnSpec spec, LabeledImages data, boolean augment) {
    return plain(data);
  }

  /** No augmentation: {@code pixel / 255}. */
  static BatchFiller plain(LabeledImages data) {
    byte[] pixels = data.pixels();
    int size = data.imageSize();
    float[] lut = new float[256];
    for (int v = 0; v < 256; v++) {
      lut[v] = v / 255f;
    }
    return (indices, count, out) -> {
      float[] row = new float[size];
      for (int k = 0; k < count; k++) {
        int base = indices[k] * size;
        for (int i = 0; i < size; i++) {
          row[i] = lut[pixels[base + i] & 0xFF];
        }
        out.put(row);
      }
    };
  }
}
