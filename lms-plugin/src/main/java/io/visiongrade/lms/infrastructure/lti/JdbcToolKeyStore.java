package io.visiongrade.lms.infrastructure.lti;

import io.visiongrade.lms.infrastructure.persistence.DatabaseMigrator;
import io.visiongrade.lms.infrastructure.persistence.Jdbc;
import io.visiongrade.lms.lti.keys.StoredToolKey;
import io.visiongrade.lms.lti.keys.ToolKeyStore;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import javax.sql.DataSource;

/**
 * The tool's RSA key pairs in the database: generated on first use, never in the repository or in a
 * file. Access to the table is access to the private key; protect database backups accordingly.
 */
@ApplicationScoped
public class JdbcToolKeyStore implements ToolKeyStore {

  @Resource(lookup = DatabaseMigrator.DATA_SOURCE)
  DataSource dataSource;

  private Jdbc jdbc;

  @PostConstruct
  void init() {
    jdbc = new Jdbc(dataSource);
  }

  @Override
  public List<StoredToolKey> findAll() {
    return jdbc.query(
        "SELECT kid, private_jwk, created_at, retired_at FROM tool_key ORDER BY created_at",
        rs ->
            new StoredToolKey(
                rs.getString("kid"),
                rs.getString("private_jwk"),
                Jdbc.instant(rs, "created_at"),
                Jdbc.instant(rs, "retired_at")));
  }

  @Override
  public void save(StoredToolKey key) {
    int updated =
        jdbc.update(
            "UPDATE tool_key SET private_jwk = ?, created_at = ?, retired_at = ? WHERE kid = ?",
            key.privateJwkJson(),
            key.createdAt(),
            key.retiredAt(),
            key.kid());
    if (updated == 0) {
      jdbc.update(
          "INSERT INTO tool_key (kid, private_jwk, created_at, retired_at) VALUES (?, ?, ?, ?)",
          key.kid(),
          key.privateJwkJson(),
          key.createdAt(),
          key.retiredAt());
    }
  }

  @Override
  public void delete(String kid) {
    jdbc.update("DELETE FROM tool_key WHERE kid = ?", kid);
  }
}
