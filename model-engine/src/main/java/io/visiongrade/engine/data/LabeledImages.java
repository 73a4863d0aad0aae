package io.visiongrade.engine.data;

import java.util.List;
import java.util.Objects;

/**
 * An immutable, compact in-memory set of labelled images, all of one size and channel count.
 *
 * <p>Pixels are unsigned bytes (0..255) in NCHW order: image {@code i} occupies {@code
 * pixels[i*C*H*W .. (i+1)*C*H*W)}, channel-major. Every image has a stable string id (for
 * galleries, prediction CSVs and misclassification lists) and a label in {@code [0,
 * classNames.size())}; unlabelled images (a public test split shown to students) use label {@code
 * -1}.
 */
public final class LabeledImages {
  private final int channels;
  private final int height;
  private final int width;
  private final byte[] pixels;
  private final int[] labels;
  private final List<String> ids;
  private final List<String> classNames;
  private final String contentHash;

  /**
   * Creates the set; arrays are taken over, not copied (callers hand over ownership).
   *
   * @param contentHash a hex SHA-256 over class names, shape, pixels and labels in a canonical
   *     order (see {@code DatasetHasher}); {@code null} computes nothing and is only for transient
   *     subsets whose caller sets the hash of the parent
   */
  public LabeledImages(
      int channels,
      int height,
      int width,
      byte[] pixels,
      int[] labels,
      List<String> ids,
      List<String> classNames,
      String contentHash) {
    if (channels != 1 && channels != 3) {
      throw new IllegalArgumentException("channels must be 1 or 3, got " + channels);
    }
    if (height <= 0 || width <= 0) {
      throw new IllegalArgumentException("size must be positive, got " + width + "x" + height);
    }
    Objects.requireNonNull(pixels, "pixels");
    Objects.requireNonNull(labels, "labels");
    Objects.requireNonNull(ids, "ids");
    Objects.requireNonNull(classNames, "classNames");
    int n = labels.length;
    if ((long) n * channels * height * width != pixels.length) {
      throw new IllegalArgumentException(
          "pixels length "
              + pixels.length
              + " does not match "
              + n
              + " images of "
              + channels
              + "x"
              + height
              + "x"
              + width);
    }
    if (ids.size() != n) {
      throw new IllegalArgumentException("ids size " + ids.size() + " != labels " + n);
    }
    for (int label : labels) {
      if (label < -1 || label >= classNames.size()) {
        throw new IllegalArgumentException(
            "label " + label + " outside [0, " + classNames.size() + ")");
      }
    }
    this.channels = channels;
    this.height = height;
    this.width = width;
    this.pixels = pixels;
    this.labels = labels;
    this.ids = List.copyOf(ids);
    this.classNames = List.copyOf(classNames);
    this.contentHash = contentHash;
  }

  public int size() {
    return labels.length;
  }

  public int channels() {
    return channels;
  }

  public int height() {
    return height;
  }

  public int width() {
    return width;
  }

  /** Bytes per image: {@code channels * height * width}. */
  public int imageSize() {
    return channels * height * width;
  }

  /** The backing pixel array (NCHW, unsigned bytes). Do not modify. */
  public byte[] pixels() {
    return pixels;
  }

  /** The backing label array. Do not modify. */
  public int[] labels() {
    return labels;
  }

  public int label(int index) {
    return labels[index];
  }

  public String id(int index) {
    return ids.get(index);
  }

  public List<String> ids() {
    return ids;
  }

  public List<String> classNames() {
    return classNames;
  }

  public int numClasses() {
    return classNames.size();
  }

  public String contentHash() {
    return contentHash;
  }

  /** A new set holding the images at {@code indices}, in that order, with the given hash. */
  public LabeledImages subset(int[] indices, String subsetHash) {
    int sz = imageSize();
    byte[] p = new byte[indices.length * sz];
    int[] l = new int[indices.length];
    String[] i = new String[indices.length];
    for (int k = 0; k < indices.length; k++) {
      System.arraycopy(pixels, indices[k] * sz, p, k * sz, sz);
      l[k] = labels[indices[k]];
      i[k] = ids.get(indices[k]);
    }
    return new LabeledImages(channels, height, width, p, l, List.of(i), classNames, subsetHash);
  }
}
