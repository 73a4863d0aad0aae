package io.visiongrade.engine.data;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The content hash of a dataset: a hex SHA-256 over the class names, the image shape and the
 * multiset of (label, pixels) pairs.
 *
 * <p>Each image contributes the SHA-256 of its label and pixel bytes; these digests are sorted
 * before the final hash, so the hash does not depend on the order of the images nor on their ids
 * (renaming or reordering files keeps the hash; changing any pixel, label, class name or the target
 * shape changes it).
 */
public final class DatasetHasher {
  private static final byte[] DOMAIN = "visiongrade-dataset-v1".getBytes(StandardCharsets.UTF_8);
  private static final int PARALLEL_THRESHOLD = 2048;

  private DatasetHasher() {}

  /** The content hash of {@code images} (ignores the hash it carries). */
  public static String hash(LabeledImages images) {
    return hash(
        images.channels(),
        images.height(),
        images.width(),
        images.pixels(),
        images.labels(),
        images.classNames());
  }

  /** The same images with their content hash computed. */
  public static LabeledImages withHash(LabeledImages images) {
    return new LabeledImages(
        images.channels(),
        images.height(),
        images.width(),
        images.pixels(),
        images.labels(),
        images.ids(),
        images.classNames(),
        hash(images));
  }

  /** The content hash of raw NCHW pixels and labels. */
  public static String hash(
      int channels, int height, int width, byte[] pixels, int[] labels, List<String> classNames) {
    int n = labels.length;
    int size = channels * height * width;
    if ((long) n * size != pixels.length) {
      throw new IllegalArgumentException("pixels do not match " + n + " images of " + size);
    }
    byte[][] digests = imageDigests(size, pixels, labels);
    Arrays.sort(digests, Arrays::compareUnsigned);
    MessageDigest md = sha256();
    md.update(DOMAIN);
    md.update(
        ByteBuffer.allocate(20)
            .putInt(channels)
            .putInt(height)
            .putInt(width)
            .putInt(n)
            .putInt(classNames.size())
            .array());
    for (String c : classNames) {
      byte[] b = c.getBytes(StandardCharsets.UTF_8);
      md.update(ByteBuffer.allocate(4).putInt(b.length).array());
      md.update(b);
    }
    for (byte[] d : digests) {
      md.update(d);
    }
    return HexFormat.of().formatHex(md.digest());
  }

  /** The SHA-256 of each image's label (4 bytes, big-endian) and pixel bytes, in dataset order. */
  static byte[][] imageDigests(int imageSize, byte[] pixels, int[] labels) {
    int n = labels.length;
    byte[][] digests = new byte[n][];
    IntStream range = IntStream.range(0, n);
    if (n >= PARALLEL_THRESHOLD) {
      range = range.parallel();
    }
    ThreadLocal<MessageDigest> local = ThreadLocal.withInitial(DatasetHasher::sha256);
    range.forEach(
        i -> {
          MessageDigest md = local.get();
          md.update(ByteBuffer.allocate(4).putInt(labels[i]).array());
          md.update(pixels, i * imageSize, imageSize);
          digests[i] = md.digest();
        });
    return digests;
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }
}
