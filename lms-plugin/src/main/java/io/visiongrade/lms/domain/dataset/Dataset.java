package io.visiongrade.lms.domain.dataset;

import io.visiongrade.lms.domain.DomainException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One version of a named dataset of a course. Immutable: a new upload under the same name is a new
 * version.
 */
public final class Dataset {

  /** What the stored upload is. */
  public enum Format {
    /** A zip archive of class folders. */
    CLASS_FOLDERS_ZIP,
    /** A zip archive holding one IDX pair (images and labels), maybe with {@code labels.txt}. */
    IDX_ZIP
  }

  /** Longest dataset name. */
  public static final int MAX_NAME = 100;

  private final Long id;
  private final long courseId;
  private final String name;
  private final int version;
  private final String contentHash;
  private final String artifactSha256;
  private final long artifactSize;
  private final Format format;
  private final int width;
  private final int height;
  private final int channels;
  private final List<DatasetClass> classes;
  private final long splitSeed;
  private final SplitFractions fractions;
  private final String uploadedBy;
  private final Instant createdAt;

  /**
   * A dataset version.
   *
   * @param id null until stored
   * @throws DomainException.Invalid a blank or too long name, fewer than 2 classes
   */
  public Dataset(
      Long id,
      long courseId,
      String name,
      int version,
      String contentHash,
      String artifactSha256,
      long artifactSize,
      Format format,
      int width,
      int height,
      int channels,
      List<DatasetClass> classes,
      long splitSeed,
      SplitFractions fractions,
      String uploadedBy,
      Instant createdAt) {
    this.id = id;
    this.courseId = courseId;
    this.name = checkName(name);
    if (version < 1) {
      throw new IllegalArgumentException("version must be at least 1, got " + version);
    }
    this.version = version;
    this.contentHash = hex64(contentHash, "contentHash");
    this.artifactSha256 = hex64(artifactSha256, "artifactSha256");
    this.artifactSize = artifactSize;
    this.format = Objects.requireNonNull(format, "format");
    if (width < 1 || height < 1 || (channels != 1 && channels != 3)) {
      throw new IllegalArgumentException(
          "bad image shape " + width + "x" + height + "x" + channels);
    }
    this.width = width;
    this.height = height;
    this.channels = channels;
    this.classes = List.copyOf(classes);
    if (this.classes.size() < 2) {
      throw new DomainException.Invalid(
          "A dataset needs at least 2 classes, got " + this.classes.size());
    }
    this.splitSeed = splitSeed;
    this.fractions = Objects.requireNonNull(fractions, "fractions");
    this.uploadedBy = uploadedBy;
    this.createdAt = Objects.requireNonNull(createdAt, "createdAt").truncatedTo(ChronoUnit.MICROS);
  }

  /**
   * A valid dataset name, stripped.
   *
   * @throws DomainException.Invalid blank or longer than {@value #MAX_NAME} characters
   */
  public static String checkName(String name) {
    if (name == null || name.isBlank()) {
      throw new DomainException.Invalid("A dataset needs a name");
    }
    String n = name.strip();
    if (n.length() > MAX_NAME) {
      throw new DomainException.Invalid(
          "A dataset name has at most " + MAX_NAME + " characters, got " + n.length());
    }
    if (n.chars().anyMatch(Character::isISOControl)) {
      throw new DomainException.Invalid(
          "A dataset name cannot contain control characters (such as NUL or a line break)");
    }
    return n;
  }

  private static String hex64(String s, String field) {
    if (s == null || !s.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException(field + " must be a hex SHA-256, got " + s);
    }
    return s;
  }

  /** The same dataset with its database id. */
  public Dataset withId(long newId) {
    return new Dataset(
        newId,
        courseId,
        name,
        version,
        contentHash,
        artifactSha256,
        artifactSize,
        format,
        width,
        height,
        channels,
        classes,
        splitSeed,
        fractions,
        uploadedBy,
        createdAt);
  }

  /** The same dataset as another version number (before it is stored). */
  public Dataset withVersion(int newVersion) {
    return new Dataset(
        id,
        courseId,
        name,
        newVersion,
        contentHash,
        artifactSha256,
        artifactSize,
        format,
        width,
        height,
        channels,
        classes,
        splitSeed,
        fractions,
        uploadedBy,
        createdAt);
  }

  public Optional<Long> id() {
    return Optional.ofNullable(id);
  }

  /** The id of a stored dataset. */
  public long requireId() {
    if (id == null) {
      throw new IllegalStateException("dataset " + name + " v" + version + " is not stored yet");
    }
    return id;
  }

  public long courseId() {
    return courseId;
  }

  public String name() {
    return name;
  }

  public int version() {
    return version;
  }

  /** The engine's content hash (class names, shape, labels and pixels). */
  public String contentHash() {
    return contentHash;
  }

  /** The SHA-256 of the stored upload in the content store. */
  public String artifactSha256() {
    return artifactSha256;
  }

  public long artifactSize() {
    return artifactSize;
  }

  public Format format() {
    return format;
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  public int channels() {
    return channels;
  }

  public List<DatasetClass> classes() {
    return classes;
  }

  public List<String> classNames() {
    return classes.stream().map(DatasetClass::name).toList();
  }

  /** Index of a class by name, if it has one. */
  public Optional<Integer> classIndex(String className) {
    for (int i = 0; i < classes.size(); i++) {
      if (classes.get(i).name().equals(className)) {
        return Optional.of(i);
      }
    }
    return Optional.empty();
  }

  public int imageCount() {
    return classes.stream().mapToInt(DatasetClass::imageCount).sum();
  }

  public long splitSeed() {
    return splitSeed;
  }

  public SplitFractions fractions() {
    return fractions;
  }

  /** The LTI user id of the teacher who uploaded it, or null for a built-in dataset. */
  public Optional<String> uploadedBy() {
    return Optional.ofNullable(uploadedBy);
  }

  public Instant createdAt() {
    return createdAt;
  }

  @Override
  public String toString() {
    return "Dataset " + id + " '" + name + "' v" + version + " (" + contentHash + ")";
  }
}
