package io.visiongrade.lms.domain.grading;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The public ids of a classifier challenge's test images: what the downloaded images are named and
 * what a predictions CSV refers to. An id is {@code t-} and 20 hex digits of HMAC-SHA256 under the
 * exercise's secret key over the dataset's content hash, the split seed and the image's id in the
 * dataset; it says nothing about the image's class, folder or file name, and without the key it
 * cannot be computed from the dataset.
 */
public final class TestImageIds {

  /** Hex digits kept of the HMAC (80 bits). */
  public static final int HEX_DIGITS = 20;

  private TestImageIds() {}

  /**
   * The public id of every image, in the order of {@code datasetIds}.
   *
   * @param key the exercise's secret key
   * @throws IllegalStateException two ids collide (practically impossible with 80 bits)
   */
  public static List<String> of(
      byte[] key, String datasetHash, long splitSeed, List<String> datasetIds) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(datasetHash, "datasetHash");
    if (key.length < 16) {
      throw new IllegalArgumentException("The key must have at least 16 bytes");
    }
    Mac mac;
    try {
      mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
    byte[] prefix = (datasetHash + "\n" + splitSeed + "\n").getBytes(StandardCharsets.UTF_8);
    List<String> out = new ArrayList<>(datasetIds.size());
    Set<String> seen = new HashSet<>();
    for (String id : datasetIds) {
      mac.update(prefix);
      byte[] digest = mac.doFinal(id.getBytes(StandardCharsets.UTF_8));
      String pub = "t-" + HexFormat.of().formatHex(digest).substring(0, HEX_DIGITS);
      if (!seen.add(pub)) {
        throw new IllegalStateException("Two test images got the same public id " + pub);
      }
      out.add(pub);
    }
    return out;
  }
}
