package io.visiongrade.lms.infrastructure.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A received upload: a temporary file in the store's {@code incoming} folder, complete and hashed,
 * not yet kept. {@link ContentStore#keep(Upload)} moves it into the store; {@link #close()} deletes
 * it if it is still there (always close it, kept or not).
 *
 * @param file the temporary file (read it, never move or rename it yourself)
 * @param size its length in bytes
 * @param sha256 the hex SHA-256 of its content
 */
public record Upload(Path file, long size, String sha256) implements AutoCloseable {

  public Upload {
    Objects.requireNonNull(file, "file");
    ContentStore.checkHash(sha256);
  }

  /** Deletes the temporary file if it was not kept. */
  @Override
  public void close() {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete the temporary upload " + file, e);
    }
  }
}
