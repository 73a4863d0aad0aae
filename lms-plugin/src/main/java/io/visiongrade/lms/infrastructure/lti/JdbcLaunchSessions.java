package io.visiongrade.lms.infrastructure.lti;

import io.visiongrade.lms.infrastructure.persistence.DatabaseMigrator;
import io.visiongrade.lms.infrastructure.persistence.Jdbc;
import io.visiongrade.lms.lti.launch.AgsEndpoint;
import io.visiongrade.lms.lti.launch.DeepLinkingSettings;
import io.visiongrade.lms.lti.launch.LtiContext;
import io.visiongrade.lms.lti.launch.LtiLaunch;
import io.visiongrade.lms.lti.launch.LtiMessageType;
import io.visiongrade.lms.lti.launch.LtiResourceLink;
import io.visiongrade.lms.lti.launch.LtiRole;
import io.visiongrade.lms.lti.launch.NrpsEndpoint;
import io.visiongrade.lms.lti.registration.RegistrationKey;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * Launch sessions in the database. The browser gets a random 256-bit token; the table keeps only
 * its SHA-256, so a copy of the database does not let anyone act as a user.
 */
@ApplicationScoped
public class JdbcLaunchSessions {

  /** How long a launch session lasts by default. */
  public static final Duration LIFETIME = Duration.ofHours(8);

  private static final SecureRandom RANDOM = new SecureRandom();

  @Resource(lookup = DatabaseMigrator.DATA_SOURCE)
  DataSource dataSource;

  private Jdbc jdbc;
  private final Clock clock = Clock.systemUTC();

  @PostConstruct
  void init() {
    jdbc = new Jdbc(dataSource);
  }

  /** Starts a session for a validated launch and returns the token that the browser carries. */
  public String start(LtiLaunch launch) {
    byte[] random = new byte[32];
    RANDOM.nextBytes(random);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    Instant now = clock.instant();
    Optional<AgsEndpoint> ags = launch.ags();
    Optional<DeepLinkingSettings> dl = launch.deepLinking();
    jdbc.update(
        "INSERT INTO lti_session (token_hash, issuer, client_id, deployment_id, message_type,"
            + " context_id, context_title, user_id, display_name, role, resource_link_id,"
            + " exercise_ref, ags_line_items_url, ags_line_item_url, ags_scopes, nrps_url,"
            + " dl_return_url, dl_data, dl_accept_line_item, dl_accept_types, dl_accept_multiple,"
            + " locale, created_at, expires_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        hash(token),
        launch.platform().issuer(),
        launch.platform().clientId(),
        launch.deploymentId(),
        launch.messageType().name(),
        launch.context().map(LtiContext::id).orElse(null),
        launch.context().flatMap(LtiContext::title).map(t -> cut(t, 500)).orElse(null),
        launch.userId().orElse(null),
        launch.displayName().map(n -> cut(n, 500)).orElse(null),
        launch.role().name(),
        launch.resourceLink().map(LtiResourceLink::id).orElse(null),
        launch.exerciseId().orElse(null),
        ags.flatMap(AgsEndpoint::lineItems).map(URI::toString).orElse(null),
        ags.flatMap(AgsEndpoint::lineItem).map(URI::toString).orElse(null),
        ags.map(a -> String.join(" ", a.scopes())).orElse(null),
        launch.nrps().map(NrpsEndpoint::contextMembershipsUrl).map(URI::toString).orElse(null),
        dl.map(DeepLinkingSettings::returnUrl).map(URI::toString).orElse(null),
        dl.flatMap(DeepLinkingSettings::data).orElse(null),
        dl.map(DeepLinkingSettings::acceptLineItem).orElse(null),
        dl.map(d -> String.join(" ", d.acceptTypes())).orElse(null),
        dl.map(DeepLinkingSettings::acceptMultiple).orElse(null),
        launch.locale().orElse(null),
        now,
        now.plus(LIFETIME));
    return token;
  }

  /** The live session for a token, if any. */
  public Optional<LaunchSession> find(String token) {
    if (token == null || token.isBlank() || token.length() > 100) {
      return Optional.empty();
    }
    return jdbc.queryOne(
            "SELECT * FROM lti_session WHERE token_hash = ?", JdbcLaunchSessions::map, hash(token))
        .filter(s -> s.expiresAt().isAfter(clock.instant()));
  }

  /** Ends a session. */
  public void end(String token) {
    jdbc.update("DELETE FROM lti_session WHERE token_hash = ?", hash(token));
  }

  /** Deletes expired sessions; returns how many. */
  public int purgeExpired(Instant now) {
    return jdbc.update("DELETE FROM lti_session WHERE expires_at < ?", now);
  }

  private static LaunchSession map(ResultSet rs) throws SQLException {
    String scopes = rs.getString("ags_scopes");
    String returnUrl = rs.getString("dl_return_url");
    Optional<DeepLinkingSettings> deepLinking = Optional.empty();
    if (returnUrl != null) {
      String types = rs.getString("dl_accept_types");
      deepLinking =
          Optional.of(
              new DeepLinkingSettings(
                  URI.create(returnUrl),
                  types == null || types.isBlank() ? List.of() : List.of(types.split(" ")),
                  List.of(),
                  List.of(),
                  Boolean.TRUE.equals(rs.getObject("dl_accept_multiple")),
                  Boolean.TRUE.equals(rs.getObject("dl_accept_line_item")),
                  false,
                  Optional.empty(),
                  Optional.empty(),
                  Optional.ofNullable(rs.getString("dl_data"))));
    }
    return new LaunchSession(
        new RegistrationKey(rs.getString("issuer"), rs.getString("client_id")),
        rs.getString("deployment_id"),
        LtiMessageType.valueOf(rs.getString("message_type")),
        Optional.ofNullable(rs.getString("context_id")),
        Optional.ofNullable(rs.getString("context_title")),
        Optional.ofNullable(rs.getString("user_id")),
        Optional.ofNullable(rs.getString("display_name")),
        LtiRole.valueOf(rs.getString("role")),
        Optional.ofNullable(rs.getString("resource_link_id")),
        Optional.ofNullable(rs.getString("exercise_ref")),
        uri(rs.getString("ags_line_items_url")),
        uri(rs.getString("ags_line_item_url")),
        scopes == null || scopes.isBlank()
            ? Set.of()
            : Set.of(scopes.split(" ")).stream().collect(Collectors.toSet()),
        uri(rs.getString("nrps_url")),
        deepLinking,
        Optional.ofNullable(rs.getString("locale")),
        Jdbc.instant(rs, "created_at"),
        Jdbc.instant(rs, "expires_at"));
  }

  private static Optional<URI> uri(String s) {
    return Optional.ofNullable(s).map(URI::create);
  }

  private static String cut(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }

  static String hash(String token) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
