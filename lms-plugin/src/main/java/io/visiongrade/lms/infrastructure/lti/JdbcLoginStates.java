package io.visiongrade.lms.infrastructure.lti;

import io.visiongrade.lms.infrastructure.persistence.DatabaseMigrator;
import io.visiongrade.lms.infrastructure.persistence.Jdbc;
import io.visiongrade.lms.lti.launch.LoginState;
import io.visiongrade.lms.lti.launch.NonceStore;
import io.visiongrade.lms.lti.launch.StateStore;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * OIDC login states and used nonces in the database, so that a login started on one server node (or
 * before a restart) completes on another, and a replayed id_token fails everywhere.
 */
@ApplicationScoped
public class JdbcLoginStates implements StateStore, NonceStore {

  @Resource(lookup = DatabaseMigrator.DATA_SOURCE)
  DataSource dataSource;

  private Jdbc jdbc;

  @PostConstruct
  void init() {
    jdbc = new Jdbc(dataSource);
  }

  @Override
  public void save(LoginState s) {
    jdbc.update(
        "INSERT INTO lti_login_state (state, nonce, issuer, client_id, target_link_uri,"
            + " expires_at) VALUES (?, ?, ?, ?, ?, ?)",
        s.state(),
        s.nonce(),
        s.issuer(),
        s.clientId(),
        s.targetLinkUri().toString(),
        s.expiresAt());
  }

  @Override
  public Optional<LoginState> consume(String state, Instant now) {
    if (state == null) {
      return Optional.empty();
    }
    Optional<LoginState> found =
        jdbc.queryOne(
            "SELECT state, nonce, issuer, client_id, target_link_uri, expires_at"
                + " FROM lti_login_state WHERE state = ?",
            rs ->
                new LoginState(
                    rs.getString("state"),
                    rs.getString("nonce"),
                    rs.getString("issuer"),
                    rs.getString("client_id"),
                    URI.create(rs.getString("target_link_uri")),
                    Jdbc.instant(rs, "expires_at")),
            state);
    // Whoever deletes the row owns the state: a concurrent second launch with it gets nothing.
    if (found.isEmpty() || jdbc.update("DELETE FROM lti_login_state WHERE state = ?", state) != 1) {
      return Optional.empty();
    }
    return found.filter(s -> s.expiresAt().isAfter(now));
  }

  /**
   * The platform a pending login state belongs to, without consuming it: for the postMessage
   * storage page, which must know the platform's origin before the launch is validated.
   */
  public Optional<io.visiongrade.lms.lti.registration.RegistrationKey> platformOf(String state) {
    if (state == null) {
      return Optional.empty();
    }
    return jdbc.queryOne(
        "SELECT issuer, client_id FROM lti_login_state WHERE state = ?",
        rs ->
            new io.visiongrade.lms.lti.registration.RegistrationKey(
                rs.getString("issuer"), rs.getString("client_id")),
        state);
  }

  @Override
  public boolean markUsed(String nonce, Instant keepUntil) {
    try {
      return jdbc.update(
              "INSERT INTO lti_nonce (nonce, keep_until) SELECT ?, ? WHERE NOT EXISTS"
                  + " (SELECT 1 FROM lti_nonce WHERE nonce = ?)",
              nonce,
              keepUntil,
              nonce)
          == 1;
    } catch (Jdbc.DatabaseUnavailable e) {
      if (e.isDuplicateKey()) {
        return false; // a concurrent launch with the same nonce won the insert
      }
      throw e;
    }
  }

  /** Deletes expired login states and nonces; returns how many rows went. */
  public int purgeExpired(Instant now) {
    return jdbc.update("DELETE FROM lti_login_state WHERE expires_at < ?", now)
        + jdbc.update("DELETE FROM lti_nonce WHERE keep_until < ?", now);
  }
}
