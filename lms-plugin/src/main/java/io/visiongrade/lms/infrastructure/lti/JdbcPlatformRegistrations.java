package io.visiongrade.lms.infrastructure.lti;

import io.visiongrade.lms.domain.DomainException;
import io.visiongrade.lms.infrastructure.persistence.DatabaseMigrator;
import io.visiongrade.lms.infrastructure.persistence.Jdbc;
import io.visiongrade.lms.lti.registration.PlatformRegistration;
import io.visiongrade.lms.lti.registration.PlatformRegistrations;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import javax.sql.DataSource;

/** Platform registrations in the database, keyed by (issuer, client_id). */
@ApplicationScoped
public class JdbcPlatformRegistrations implements PlatformRegistrations {

  /** A stored registration with its database id. */
  public record Stored(long id, PlatformRegistration registration, Instant createdAt) {}

  private static final String SELECT =
      "SELECT r.id, r.issuer, r.client_id, r.name, r.auth_login_url, r.token_url, r.jwks_url,"
          + " r.created_at, d.deployment_id FROM platform_registration r"
          + " LEFT JOIN platform_deployment d ON d.registration_id = r.id";

  @Resource(lookup = DatabaseMigrator.DATA_SOURCE)
  DataSource dataSource;

  private Jdbc jdbc;

  @PostConstruct
  void init() {
    jdbc = new Jdbc(dataSource);
  }

  @Override
  public Optional<PlatformRegistration> find(String issuer, String clientId) {
    return load(" WHERE r.issuer = ? AND r.client_id = ?", issuer, clientId).stream()
        .findFirst()
        .map(Stored::registration);
  }

  @Override
  public List<PlatformRegistration> findByIssuer(String issuer) {
    return load(" WHERE r.issuer = ?", issuer).stream().map(Stored::registration).toList();
  }

  /** All registrations, oldest first. */
  public List<Stored> list() {
    return load("");
  }

  /** The registration with this id. */
  public Optional<Stored> get(long id) {
    return load(" WHERE r.id = ?", id).stream().findFirst();
  }

  /**
   * Adds a registration, or (same issuer and client id) updates its endpoints and adds its
   * deployments. Returns the stored registration.
   */
  public Stored save(PlatformRegistration reg) {
    long id =
        jdbc.transaction(
            c -> {
              Long existing = idOf(c, reg.issuer(), reg.clientId());
              long rid;
              if (existing == null) {
                rid = insert(c, reg);
              } else {
                rid = existing;
                try (PreparedStatement ps =
                    c.prepareStatement(
                        "UPDATE platform_registration SET name = ?, auth_login_url = ?,"
                            + " token_url = ?, jwks_url = ? WHERE id = ?")) {
                  ps.setString(1, reg.name());
                  ps.setString(2, reg.authLoginUrl().toString());
                  ps.setString(3, reg.tokenUrl().toString());
                  ps.setString(4, reg.jwksUrl().toString());
                  ps.setLong(5, rid);
                  ps.executeUpdate();
                }
              }
              for (String deployment : reg.deploymentIds()) {
                try (PreparedStatement ps =
                    c.prepareStatement(
                        "INSERT INTO platform_deployment (registration_id, deployment_id)"
                            + " SELECT ?, ? WHERE NOT EXISTS (SELECT 1 FROM platform_deployment"
                            + " WHERE registration_id = ? AND deployment_id = ?)")) {
                  ps.setLong(1, rid);
                  ps.setString(2, deployment);
                  ps.setLong(3, rid);
                  ps.setString(4, deployment);
                  ps.executeUpdate();
                }
              }
              return rid;
            });
    return get(id).orElseThrow();
  }

  /** Deletes a registration and its deployments. */
  public void delete(long id) {
    if (jdbc.update("DELETE FROM platform_registration WHERE id = ?", id) == 0) {
      throw new DomainException.NotFound("Platform registration", id);
    }
  }

  private static Long idOf(Connection c, String issuer, String clientId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT id FROM platform_registration WHERE issuer = ? AND client_id = ?")) {
      ps.setString(1, issuer);
      ps.setString(2, clientId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : null;
      }
    }
  }

  private static long insert(Connection c, PlatformRegistration reg) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO platform_registration (issuer, client_id, name, auth_login_url,"
                + " token_url, jwks_url, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            Statement.RETURN_GENERATED_KEYS)) {
      ps.setString(1, reg.issuer());
      ps.setString(2, reg.clientId());
      ps.setString(3, reg.name());
      ps.setString(4, reg.authLoginUrl().toString());
      ps.setString(5, reg.tokenUrl().toString());
      ps.setString(6, reg.jwksUrl().toString());
      ps.setObject(7, Jdbc.ts(Instant.now()));
      ps.executeUpdate();
      return Jdbc.generatedId(ps, "platform registration");
    }
  }

  private List<Stored> load(String where, Object... params) {
    record Row(
        long id,
        String issuer,
        String clientId,
        String name,
        String auth,
        String token,
        String jwks,
        Instant created,
        String deployment) {}
    List<Row> rows =
        jdbc.query(
            SELECT + where + " ORDER BY r.id, d.deployment_id",
            rs ->
                new Row(
                    rs.getLong("id"),
                    rs.getString("issuer"),
                    rs.getString("client_id"),
                    rs.getString("name"),
                    rs.getString("auth_login_url"),
                    rs.getString("token_url"),
                    rs.getString("jwks_url"),
                    Jdbc.instant(rs, "created_at"),
                    rs.getString("deployment_id")),
            params);
    Map<Long, List<Row>> byId = new LinkedHashMap<>();
    for (Row row : rows) {
      byId.computeIfAbsent(row.id(), k -> new ArrayList<>()).add(row);
    }
    List<Stored> result = new ArrayList<>();
    for (List<Row> group : byId.values()) {
      Row first = group.get(0);
      TreeSet<String> deployments = new TreeSet<>();
      group.stream().map(Row::deployment).filter(d -> d != null).forEach(deployments::add);
      result.add(
          new Stored(
              first.id(),
              new PlatformRegistration(
                  first.issuer(),
                  first.clientId(),
                  deployments,
                  URI.create(first.auth()),
                  URI.create(first.token()),
                  URI.create(first.jwks()),
                  first.name()),
              first.created()));
    }
    return result;
  }
}
