package io.visiongrade.lms.lti.launch;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link StateStore} in memory, for tests and single-node development. */
public final class InMemoryStateStore implements StateStore {

  private final Map<String, LoginState> states = new ConcurrentHashMap<>();
  private final Clock clock;

  public InMemoryStateStore(Clock clock) {
    this.clock = clock;
  }

  @Override
  public void save(LoginState state) {
    Instant now = clock.instant();
    states.values().removeIf(s -> !now.isBefore(s.expiresAt()));
    states.put(state.state(), state);
  }

  @Override
  public Optional<LoginState> consume(String state, Instant now) {
    if (state == null) {
      return Optional.empty();
    }
    LoginState found = states.remove(state);
    return found == null || !now.isBefore(found.expiresAt())
        ? Optional.empty()
        : Optional.of(found);
  }

  public int size() {
    return states.size();
  }
}
