package io.visiongrade.engine.data;

/**
 * Target shape and safety limits for a dataset import. Immutable; built once with {@link
 * #builder()} and validated by {@link Builder#build()}.
 *
 * <p>Required: {@link Builder#setImageSize(int, int)} and {@link Builder#setChannels(int)}. Every
 * limit has a default (see the {@code DEFAULT_*} constants).
 */
public final class ImportOptions {
  /** Default for {@link #maxImages()}. */
  public static final int DEFAULT_MAX_IMAGES = 100_000;

  /** Default for {@link #maxTotalBytes()}: 512 MiB. */
  public static final long DEFAULT_MAX_TOTAL_BYTES = 512L << 20;

  /** Default for {@link #maxInflatedBytes()}: 1 GiB. */
  public static final long DEFAULT_MAX_INFLATED_BYTES = 1L << 30;

  /** Default for {@link #maxPixelsPerImage()}: 64 megapixels (e.g. 8192 x 8192). */
  public static final long DEFAULT_MAX_PIXELS_PER_IMAGE = 64L << 20;

  /** Default for {@link #maxEntries()}. */
  public static final int DEFAULT_MAX_ENTRIES = 200_000;

  /** Default for {@link #minImagesPerClass()}. */
  public static final int DEFAULT_MIN_IMAGES_PER_CLASS = 2;

  /** Default for {@link #minClasses()} (and its smallest allowed value). */
  public static final int DEFAULT_MIN_CLASSES = 2;

  /** Largest allowed target width or height. */
  public static final int MAX_TARGET_SIZE = 1024;

  private final int width;
  private final int height;
  private final int channels;
  private final int maxImages;
  private final long maxTotalBytes;
  private final long maxInflatedBytes;
  private final long maxPixelsPerImage;
  private final int maxEntries;
  private final int minImagesPerClass;
  private final int minClasses;
  private final int threads;

  private ImportOptions(Builder b) {
    this.width = b.width;
    this.height = b.height;
    this.channels = b.channels;
    this.maxImages = b.maxImages;
    this.maxTotalBytes = b.maxTotalBytes;
    this.maxInflatedBytes = b.maxInflatedBytes;
    this.maxPixelsPerImage = b.maxPixelsPerImage;
    this.maxEntries = b.maxEntries;
    this.minImagesPerClass = b.minImagesPerClass;
    this.minClasses = b.minClasses;
    this.threads = b.threads;
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder pre-filled with these options. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.width = width;
    b.height = height;
    b.channels = channels;
    b.maxImages = maxImages;
    b.maxTotalBytes = maxTotalBytes;
    b.maxInflatedBytes = maxInflatedBytes;
    b.maxPixelsPerImage = maxPixelsPerImage;
    b.maxEntries = maxEntries;
    b.minImagesPerClass = minImagesPerClass;
    b.minClasses = minClasses;
    b.threads = threads;
    return b;
  }

  /** Target width in pixels; every image is resized to it. */
  public int width() {
    return width;
  }

  /** Target height in pixels. */
  public int height() {
    return height;
  }

  /** Target channels: 1 (grayscale by luminance) or 3 (RGB). */
  public int channels() {
    return channels;
  }

  /** Most images accepted. */
  public int maxImages() {
    return maxImages;
  }

  /**
   * Most input bytes: the sum of file sizes of a directory, or the size of an archive/IDX files.
   */
  public long maxTotalBytes() {
    return maxTotalBytes;
  }

  /** Most bytes an archive may inflate to, counted while streaming (never the declared size). */
  public long maxInflatedBytes() {
    return maxInflatedBytes;
  }

  /** Most pixels (width x height, read from the header before decoding) of one source image. */
  public long maxPixelsPerImage() {
    return maxPixelsPerImage;
  }

  /** Most files in a directory or entries in an archive (folders included). */
  public int maxEntries() {
    return maxEntries;
  }

  /** Fewest images a class must have. */
  public int minImagesPerClass() {
    return minImagesPerClass;
  }

  /** Fewest classes a dataset must have (at least 2). */
  public int minClasses() {
    return minClasses;
  }

  /** Threads used to decode images. */
  public int threads() {
    return threads;
  }

  @Override
  public String toString() {
    return "ImportOptions{"
        + width
        + "x"
        + height
        + "x"
        + channels
        + ", maxImages="
        + maxImages
        + ", maxTotalBytes="
        + maxTotalBytes
        + ", maxInflatedBytes="
        + maxInflatedBytes
        + ", maxPixelsPerImage="
        + maxPixelsPerImage
        + ", maxEntries="
        + maxEntries
        + ", minImagesPerClass="
        + minImagesPerClass
        + ", minClasses="
        + minClasses
        + ", threads="
        + threads
        + "}";
  }

  /** Builds {@link ImportOptions}; {@code set*} for required values, {@code opt*} for the rest. */
  public static final class Builder {
    private int width;
    private int height;
    private int channels;
    private int maxImages = DEFAULT_MAX_IMAGES;
    private long maxTotalBytes = DEFAULT_MAX_TOTAL_BYTES;
    private long maxInflatedBytes = DEFAULT_MAX_INFLATED_BYTES;
    private long maxPixelsPerImage = DEFAULT_MAX_PIXELS_PER_IMAGE;
    private int maxEntries = DEFAULT_MAX_ENTRIES;
    private int minImagesPerClass = DEFAULT_MIN_IMAGES_PER_CLASS;
    private int minClasses = DEFAULT_MIN_CLASSES;
    private int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

    private Builder() {}

    /** Required: the size every image is resized to. */
    public Builder setImageSize(int width, int height) {
      this.width = width;
      this.height = height;
      return this;
    }

    /** Required: 1 for grayscale, 3 for RGB. */
    public Builder setChannels(int channels) {
      this.channels = channels;
      return this;
    }

    public Builder optMaxImages(int maxImages) {
      this.maxImages = maxImages;
      return this;
    }

    public Builder optMaxTotalBytes(long maxTotalBytes) {
      this.maxTotalBytes = maxTotalBytes;
      return this;
    }

    public Builder optMaxInflatedBytes(long maxInflatedBytes) {
      this.maxInflatedBytes = maxInflatedBytes;
      return this;
    }

    public Builder optMaxPixelsPerImage(long maxPixelsPerImage) {
      this.maxPixelsPerImage = maxPixelsPerImage;
      return this;
    }

    public Builder optMaxEntries(int maxEntries) {
      this.maxEntries = maxEntries;
      return this;
    }

    public Builder optMinImagesPerClass(int minImagesPerClass) {
      this.minImagesPerClass = minImagesPerClass;
      return this;
    }

    public Builder optMinClasses(int minClasses) {
      this.minClasses = minClasses;
      return this;
    }

    public Builder optThreads(int threads) {
      this.threads = threads;
      return this;
    }

    /**
     * Validates and builds.
     *
     * @throws IllegalArgumentException naming the field and value that is out of range
     */
    public ImportOptions build() {
      if (width == 0 && height == 0) {
        throw new IllegalArgumentException("imageSize is required (setImageSize)");
      }
      checkRange("width", width, 1, MAX_TARGET_SIZE);
      checkRange("height", height, 1, MAX_TARGET_SIZE);
      if (channels != 1 && channels != 3) {
        throw new IllegalArgumentException(
            "channels must be 1 (grayscale) or 3 (RGB), got " + channels);
      }
      checkRange("maxImages", maxImages, 1, Integer.MAX_VALUE);
      checkRange("maxTotalBytes", maxTotalBytes, 1, Long.MAX_VALUE);
      checkRange("maxInflatedBytes", maxInflatedBytes, 1, Long.MAX_VALUE);
      checkRange("maxPixelsPerImage", maxPixelsPerImage, 1, Long.MAX_VALUE);
      checkRange("maxEntries", maxEntries, 1, Integer.MAX_VALUE);
      checkRange("minImagesPerClass", minImagesPerClass, 1, Integer.MAX_VALUE);
      checkRange("minClasses", minClasses, 2, Integer.MAX_VALUE);
      checkRange("threads", threads, 1, 256);
      return new ImportOptions(this);
    }

    private static void checkRange(String field, long value, long min, long max) {
      if (value < min || value > max) {
        throw new IllegalArgumentException(
            field
                + " must be in ["
                + min
                + ", "
                + (max == Long.MAX_VALUE || max == Integer.MAX_VALUE ? "inf" : max)
                + "], got "
                + value);
      }
    }
  }
}
