package io.visiongrade.lms.lti.launch;

import java.time.Instant;
import java.util.Optional;

/**
 * Login states between the OIDC login initiation and the launch. Each state is used at most once.
 */
public interface StateStore {

  void save(LoginState state);

  /**
   * Removes and returns the state if it exists and has not expired at {@code now}; a second call
   * with the same value returns empty. Must be atomic across nodes (delete-returning in SQL).
   */
  Optional<LoginState> consume(String state, Instant now);
}
