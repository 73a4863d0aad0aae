package io.visiongrade.lms.domain.privacy;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed, non-reversible stand-ins for LTI user ids ({@code sub}): HMAC-SHA256 under a secret of
 * this installation, kept in the data directory ({@code <data dir>/pseudonym-key}, installed at
 * start-up). The same user always gets the same pseudonym on one installation, so a log can be
 * followed per user, but without the key a pseudonym cannot be turned back into the user id, nor
 * matched against a list of guessed ids.
 *
 * <ul>
 *   <li>{@link #log} — for log lines: {@code u-} and 12 hex digits.
 *   <li>{@link #alias} — for anything other students can see (leaderboards): two words and four hex
 *       digits, e.g. "Swift Otter 3fa2", derived per course so that one student's aliases in two
 *       courses cannot be linked.
 * </ul>
 *
 * <p>Until the installation's key is installed (unit tests, very early start-up), a random key of
 * this JVM is used: never the raw user id.
 */
public final class Pseudonyms {

  private static final String ALGORITHM = "HmacSHA256";
  private static volatile byte[] key = randomKey();

  private static final List<String> ADJECTIVES =
      List.of(
          "Swift", "Calm", "Bright", "Brave", "Clever", "Gentle", "Lucky", "Quiet", "Bold", "Keen",
          "Merry", "Noble", "Quick", "Sunny", "Wise", "Witty");
  private static final List<String> ANIMALS =
      List.of(
          "Otter", "Falcon", "Badger", "Heron", "Lynx", "Panda", "Raven", "Koala", "Gecko", "Ibex",
          "Marten", "Orca", "Puffin", "Tapir", "Wombat", "Yak");

  private Pseudonyms() {}

  /** Installs the installation's key (at least 32 bytes). */
  public static void install(byte[] secret) {
    Objects.requireNonNull(secret, "secret");
    if (secret.length < 32) {
      throw new IllegalArgumentException(
          "The pseudonym key must have at least 32 bytes, got " + secret.length);
    }
    key = secret.clone();
  }

  /** The pseudonym of a user id in logs ({@code u-} and 12 hex digits); "none" for null. */
  public static String log(String userId) {
    if (userId == null) {
      return "none";
    }
    return "u-" + HexFormat.of().formatHex(mac("log\0" + userId), 0, 6);
  }

  /**
   * A stable display alias of a user in a course, for what other students see (leaderboards): e.g.
   * "Swift Otter 3fa2".
   */
  public static String alias(long courseId, String userId) {
    Objects.requireNonNull(userId, "userId");
    byte[] h = mac("alias\0" + courseId + "\0" + userId);
    return ADJECTIVES.get(h[0] & 0x0f)
        + " "
        + ANIMALS.get(h[1] & 0x0f)
        + " "
        + HexFormat.of().formatHex(h, 2, 4);
  }

  private static byte[] mac(String message) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(key, ALGORITHM));
      return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available", e);
    }
  }

  private static byte[] randomKey() {
    byte[] k = new byte[32];
    new SecureRandom().nextBytes(k);
    return k;
  }
}
