package io.visiongrade.lms.infrastructure.privacy;

import io.visiongrade.lms.domain.privacy.Pseudonyms;
import io.visiongrade.lms.infrastructure.config.Settings;
import io.visiongrade.lms.infrastructure.persistence.DatabaseMigrator;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.jboss.logging.Logger;

/**
 * The installation's pseudonym key: 32 random bytes generated on first start into {@code <data
 * dir>/pseudonym-key} (base64, readable by the server's user only) and installed into {@link
 * Pseudonyms} before anything else starts. Keep it with the data directory: a new key gives every
 * user new pseudonyms (old log lines can no longer be matched to new ones).
 */
@ApplicationScoped
public class PseudonymKey {

  private static final Logger LOG = Logger.getLogger(PseudonymKey.class);
  static final String FILE = "pseudonym-key";

  @Inject Settings settings;

  void onStartup(@Observes @Priority(DatabaseMigrator.STARTUP_PRIORITY - 50) Startup event) {
    Pseudonyms.install(load(settings.dataDir().resolve(FILE)));
  }

  /** The key in {@code file}, generated there first if missing. */
  static byte[] load(Path file) {
    try {
      if (!Files.exists(file)) {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Path tmp = Files.createTempFile(file.getParent(), FILE, ".tmp");
        try {
          Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
          LOG.debug("No POSIX permissions on this file system", e);
        }
        Files.writeString(
            tmp,
            Base64.getEncoder().encodeToString(key) + "\n",
            StandardCharsets.UTF_8,
            StandardOpenOption.TRUNCATE_EXISTING);
        try {
          Files.move(tmp, file); // a rename; fails if another server wrote one first
          LOG.infof("Generated the pseudonym key for log lines; it is in %s", file);
        } catch (java.nio.file.FileAlreadyExistsException e) {
          Files.deleteIfExists(tmp); // another server on the same data directory was first
        }
      }
      byte[] key =
          Base64.getDecoder().decode(Files.readString(file, StandardCharsets.UTF_8).strip());
      if (key.length < 32) {
        throw new IllegalStateException(
            "The pseudonym key in " + file + " is too short (" + key.length + " bytes)");
      }
      return key;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read or write the pseudonym key " + file, e);
    }
  }
}
