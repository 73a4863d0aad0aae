package io.visiongrade.engine.data;

import java.util.Objects;

/**
 * A dataset could not be imported because of its content (not because of a bug in the engine).
 *
 * <p>The message names the offending file (a path relative to the dataset, or an archive entry) and
 * the reason, and is safe to show to the teacher who uploaded the dataset.
 */
public class DatasetException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why a dataset was refused. */
  public enum Reason {
    /** The file or archive could not be read at all. */
    UNREADABLE,
    /** The bytes are not a PNG, JPEG, BMP or GIF image (checked by magic bytes). */
    NOT_AN_IMAGE,
    /** The image is truncated or corrupt. */
    CORRUPT_IMAGE,
    /** The image header claims more pixels than allowed (decompression bomb). */
    IMAGE_TOO_LARGE,
    /** An archive entry has an absolute path or a {@code ..} segment (zip slip). */
    UNSAFE_PATH,
    /** A symbolic link inside a directory or an archive. */
    SYMLINK,
    /** The archive is not a valid zip file. */
    CORRUPT_ARCHIVE,
    /** The archive inflates to more bytes than allowed (zip bomb). */
    ARCHIVE_TOO_LARGE,
    /** More files or archive entries than allowed. */
    TOO_MANY_ENTRIES,
    /** More images than allowed. */
    TOO_MANY_IMAGES,
    /** More input bytes than allowed. */
    TOO_MANY_BYTES,
    /** A file sits outside any class folder. */
    NOT_IN_CLASS_FOLDER,
    /** Two entries with the same path. */
    DUPLICATE_ENTRY,
    /** Fewer classes than required. */
    TOO_FEW_CLASSES,
    /** A class has fewer images than required. */
    TOO_FEW_IMAGES_IN_CLASS,
    /** A {@code labels.txt} / {@code classes.txt} file that does not match the classes. */
    INVALID_CLASS_NAMES,
    /** An IDX file with a wrong magic number, shape or length. */
    INVALID_IDX,
    /** The IDX image and label files hold different numbers of items. */
    COUNT_MISMATCH
  }

  private final Reason reason;
  private final String file;

  /**
   * Creates the exception.
   *
   * @param reason why the dataset was refused
   * @param file the offending file, relative to the dataset root, or {@code null} for the dataset
   *     as a whole
   * @param detail what exactly is wrong, in words for the teacher
   */
  public DatasetException(Reason reason, String file, String detail) {
    this(reason, file, detail, null);
  }

  /** Creates the exception with a cause. */
  public DatasetException(Reason reason, String file, String detail, Throwable cause) {
    super(file == null ? detail : file + ": " + detail, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
    this.file = file;
  }

  /** Why the dataset was refused. */
  public Reason reason() {
    return reason;
  }

  /** The offending file relative to the dataset root, or {@code null}. */
  public String file() {
    return file;
  }
}
