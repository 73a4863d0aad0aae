package io.visiongrade.lms.infrastructure.storage;

import io.visiongrade.lms.domain.DomainException;
import io.visiongrade.lms.infrastructure.config.Settings;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Files named by the SHA-256 of their content, under a root folder with a two-level fan-out: {@code
 * <root>/ab/cd/abcd...}. Names never come from users.
 *
 * <p>Writes go to a temporary file in {@code <root>/incoming} (the same file system), are counted
 * against a size limit while they stream (nothing is held in memory beyond one buffer), flushed to
 * disk and then moved into place atomically; a reader sees a complete file or none. Storing the
 * same content twice keeps one file. On any failure (size limit, disk full, an I/O error of the
 * source) the temporary file is deleted and nothing is left half-written.
 */
@ApplicationScoped
public class ContentStore {

  private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");
  private static final int BUFFER = 64 * 1024;
  private static final String INCOMING = "incoming";
  private static final Duration STALE = Duration.ofDays(1);
  private static final Logger LOG = Logger.getLogger(ContentStore.class);

  @Inject Settings settings;

  private Path root;

  /** For CDI. */
  protected ContentStore() {}

  /** A store under {@code root} (created if missing). */
  public ContentStore(Path root) {
    this.root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
    createRoot();
  }

  @PostConstruct
  void init() {
    root = settings.storageDir().toAbsolutePath().normalize();
    createRoot();
  }

  private void createRoot() {
    try {
      Files.createDirectories(root.resolve(INCOMING));
    } catch (IOException e) {
      throw new DomainException.Unavailable(
          "Cannot create the storage folder " + root + ": " + e, e);
    }
    purgeIncoming(Instant.now().minus(STALE));
  }

  /**
   * Deletes temporary files and folders in {@code incoming} last changed before {@code cutoff}:
   * leftovers of a crash in the middle of an upload. Runs when the store starts.
   *
   * @return how many were deleted
   */
  public int purgeIncoming(Instant cutoff) {
    int deleted = 0;
    try (Stream<Path> s = Files.list(root.resolve(INCOMING))) {
      for (Path p : s.toList()) {
        if (Files.getLastModifiedTime(p).toInstant().isBefore(cutoff)) {
          try (Stream<Path> tree = Files.walk(p)) {
            for (Path q : tree.sorted(Comparator.reverseOrder()).toList()) {
              Files.deleteIfExists(q);
            }
          }
          deleted++;
        }
      }
    } catch (IOException e) {
      LOG.warnf("Could not clean the storage's incoming folder: %s", e.toString());
    }
    return deleted;
  }

  /** The root folder. */
  public Path root() {
    return root;
  }

  /**
   * Streams {@code in} into a temporary file, hashing and counting as it goes.
   *
   * @param maxBytes the most bytes accepted
   * @throws DomainException.TooLarge the stream holds more than {@code maxBytes} (the temporary
   *     file is already deleted)
   * @throws DomainException.Unavailable the disk is full or failed, or the stream broke off
   */
  public Upload receive(InputStream in, long maxBytes) {
    Objects.requireNonNull(in, "in");
    if (maxBytes < 0) {
      throw new IllegalArgumentException("maxBytes must not be negative, got " + maxBytes);
    }
    Path tmp = null;
    try {
      tmp = Files.createTempFile(root.resolve(INCOMING), "upload-", ".part");
      MessageDigest sha = sha256();
      long total = 0;
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE);
          OutputStream out = Channels.newOutputStream(ch)) {
        byte[] buf = new byte[BUFFER];
        int n;
        while ((n = in.read(buf)) >= 0) {
          total += n;
          if (total > maxBytes) {
            throw new DomainException.TooLarge(
                "The upload is larger than the limit of " + maxBytes + " bytes", maxBytes);
          }
          sha.update(buf, 0, n);
          out.write(buf, 0, n);
        }
        out.flush();
        ch.force(true);
      }
      Upload upload = new Upload(tmp, total, HexFormat.of().formatHex(sha.digest()));
      tmp = null; // the caller owns it now
      return upload;
    } catch (IOException e) {
      throw failure("Could not receive the upload", e);
    } finally {
      deleteQuietly(tmp);
    }
  }

  /**
   * Moves a received upload into the store (atomically). If the same content is already there, the
   * upload is dropped and the stored file kept.
   */
  public StoredContent keep(Upload upload) {
    Path target = path(upload.sha256());
    try {
      Files.createDirectories(target.getParent());
      if (Files.exists(target)) {
        return new StoredContent(upload.sha256(), Files.size(target));
      }
      try {
        Files.move(upload.file(), target, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException e) {
        // A concurrent writer stored the same content first: same bytes, nothing to do.
      } catch (AtomicMoveNotSupportedException e) {
        throw new DomainException.Unavailable(
            "The storage folder " + root + " does not support atomic moves", e);
      }
      return new StoredContent(upload.sha256(), upload.size());
    } catch (IOException e) {
      throw failure("Could not store the upload", e);
    } finally {
      upload.close();
    }
  }

  /**
   * Stores a stream: {@link #receive} then {@link #keep}.
   *
   * @throws DomainException.TooLarge over {@code maxBytes}
   * @throws DomainException.Unavailable disk full or an I/O error
   */
  public StoredContent put(InputStream in, long maxBytes) {
    return keep(receive(in, maxBytes));
  }

  /**
   * A new empty folder for temporary files (unpacking, packing) on the store's file system; the
   * caller deletes it.
   */
  public Path scratchDir() {
    try {
      return Files.createTempDirectory(root.resolve(INCOMING), "scratch-");
    } catch (IOException e) {
      throw failure("Could not create a temporary folder", e);
    }
  }

  /** Stores a copy of a file (the file itself is left alone). */
  public StoredContent putFile(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return put(in, Long.MAX_VALUE);
    } catch (IOException e) {
      throw failure("Could not read " + file, e);
    }
  }

  /** Whether content with this hash is stored. */
  public boolean exists(String sha256) {
    return Files.isRegularFile(path(sha256));
  }

  /** The stored content's size, if it is stored. */
  public Optional<StoredContent> find(String sha256) {
    Path p = path(sha256);
    try {
      return Optional.of(new StoredContent(sha256, Files.size(p)));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new DomainException.Unavailable("Could not read stored file " + sha256, e);
    }
  }

  /**
   * Opens stored content for reading.
   *
   * @throws DomainException.NotFound nothing stored under this hash
   */
  public InputStream open(String sha256) {
    try {
      return Files.newInputStream(path(sha256));
    } catch (NoSuchFileException e) {
      throw new DomainException.NotFound("Stored file", sha256);
    } catch (IOException e) {
      throw new DomainException.Unavailable("Could not read stored file " + sha256, e);
    }
  }

  /**
   * The stored file itself, for readers that need random access (a zip). Read only: never write,
   * move or delete it.
   *
   * @throws DomainException.NotFound nothing stored under this hash
   */
  public Path file(String sha256) {
    Path p = path(sha256);
    if (!Files.isRegularFile(p)) {
      throw new DomainException.NotFound("Stored file", sha256);
    }
    return p;
  }

  /** Deletes stored content (for retention); true if it was there. */
  public boolean delete(String sha256) {
    try {
      return Files.deleteIfExists(path(sha256));
    } catch (IOException e) {
      throw new DomainException.Unavailable("Could not delete stored file " + sha256, e);
    }
  }

  /** Where content with this hash lives: {@code <root>/ab/cd/<hash>}. */
  Path path(String sha256) {
    checkHash(sha256);
    return root.resolve(sha256.substring(0, 2)).resolve(sha256.substring(2, 4)).resolve(sha256);
  }

  /**
   * @throws IllegalArgumentException unless a lower-case hex SHA-256
   */
  static void checkHash(String sha256) {
    if (sha256 == null || !HASH.matcher(sha256).matches()) {
      throw new IllegalArgumentException("not a lower-case hex SHA-256: " + sha256);
    }
  }

  private static DomainException.Unavailable failure(String what, IOException e) {
    String m = e.getMessage();
    if (m != null && m.toLowerCase(java.util.Locale.ROOT).contains("no space left")) {
      return new StorageFull(
          what
              + ": the server's disk is full. Nothing was kept; try again later or ask the"
              + " administrator to free space in the storage folder.",
          e);
    }
    return new DomainException.Unavailable(
        what + ": " + e.getClass().getSimpleName() + (m == null ? "" : ": " + m), e);
  }

  /** The storage folder's file system is full (HTTP 507): nothing of the write was kept. */
  public static final class StorageFull extends DomainException.Unavailable {
    StorageFull(String message, IOException cause) {
      super(message, cause);
    }
  }

  private static void deleteQuietly(Path p) {
    if (p != null) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException ignored) {
        // The incoming folder is for temporary files only; a leftover is harmless.
      }
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
