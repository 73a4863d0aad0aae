package io.visiongrade.lms.lti.support;

import java.security.SecureRandom;
import java.util.Base64;

/** Unguessable identifiers (state, nonce, jti, bearer tokens). */
public final class Randoms {

  private static final SecureRandom RANDOM = new SecureRandom();

  private Randoms() {}

  /** 256 random bits, URL-safe Base64 without padding (43 characters). */
  public static String token() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
