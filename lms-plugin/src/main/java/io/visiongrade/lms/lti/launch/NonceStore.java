package io.visiongrade.lms.lti.launch;

import java.time.Instant;

/** Nonces of accepted id_tokens, remembered until the tokens expire, to refuse replays. */
public interface NonceStore {

  /**
   * Records the nonce as used until {@code keepUntil}. Returns {@code false} if it was already
   * recorded (a replay). Must be atomic across nodes (a unique key in SQL).
   */
  boolean markUsed(String nonce, Instant keepUntil);
}
