package io.visiongrade.lms.lti.launch;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link NonceStore} in memory, for tests and single-node development. */
public final class InMemoryNonceStore implements NonceStore {

  private final Map<String, Instant> used = new ConcurrentHashMap<>();
  private final Clock clock;

  public InMemoryNonceStore(Clock clock) {
    this.clock = clock;
  }

  @Override
  public boolean markUsed(String nonce, Instant keepUntil) {
    Instant now = clock.instant();
    used.values().removeIf(until -> until.isBefore(now));
    return used.putIfAbsent(nonce, keepUntil) == null;
  }
}
