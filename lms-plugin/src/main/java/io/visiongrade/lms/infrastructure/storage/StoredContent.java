package io.visiongrade.lms.infrastructure.storage;

import java.util.Objects;

/**
 * A file in the {@link ContentStore}.
 *
 * @param sha256 the lower-case hex SHA-256 of the content: its name in the store
 * @param size its length in bytes
 */
public record StoredContent(String sha256, long size) {
  public StoredContent {
    ContentStore.checkHash(Objects.requireNonNull(sha256, "sha256"));
    if (size < 0) {
      throw new IllegalArgumentException("size must not be negative, got " + size);
    }
  }
}
