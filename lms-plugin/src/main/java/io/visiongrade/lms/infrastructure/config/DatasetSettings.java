package io.visiongrade.lms.infrastructure.config;

import io.visiongrade.engine.data.ImportOptions;

/**
 * Limits and defaults of dataset uploads ({@code visiongrade.dataset.*}); the defaults suit a
 * 2-core server.
 *
 * @param maxUploadBytes {@code visiongrade.dataset.max-upload-bytes} (209715200, 200 MiB): the
 *     largest upload, checked from Content-Length and again while streaming
 * @param maxInflatedBytes {@code visiongrade.dataset.max-inflated-bytes} (1073741824, 1 GiB): what
 *     a zip may inflate to
 * @param maxImages {@code visiongrade.dataset.max-images} (50000)
 * @param maxImageSize {@code visiongrade.dataset.max-image-size} (64): the largest target width or
 *     height (the exercise's input size)
 * @param maxPixelsPerImage {@code visiongrade.dataset.max-pixels-per-image} (16777216): the largest
 *     source image (width x height), read from its header before decoding
 * @param maxEntries {@code visiongrade.dataset.max-entries} (60000): files and folders in a zip
 * @param threads {@code visiongrade.dataset.import-threads} (2): decoding threads of one import
 * @param cacheMaxBytes {@code visiongrade.dataset.cache-max-bytes} (268435456, 256 MiB): pixel
 *     bytes of imported datasets (split for a seed) kept in memory; least recently used go first
 * @param maxThumbnailsPerClass {@code visiongrade.dataset.max-thumbnails-per-class} (16)
 */
public record DatasetSettings(
    long maxUploadBytes,
    long maxInflatedBytes,
    int maxImages,
    int maxImageSize,
    long maxPixelsPerImage,
    int maxEntries,
    int threads,
    long cacheMaxBytes,
    int maxThumbnailsPerClass) {

  /** The defaults. */
  public static final DatasetSettings DEFAULTS =
      new DatasetSettings(200L << 20, 1L << 30, 50_000, 64, 16L << 20, 60_000, 2, 256L << 20, 16);

  public DatasetSettings {
    positive("visiongrade.dataset.max-upload-bytes", maxUploadBytes);
    positive("visiongrade.dataset.max-inflated-bytes", maxInflatedBytes);
    positive("visiongrade.dataset.max-images", maxImages);
    positive("visiongrade.dataset.max-pixels-per-image", maxPixelsPerImage);
    positive("visiongrade.dataset.max-entries", maxEntries);
    positive("visiongrade.dataset.import-threads", threads);
    positive("visiongrade.dataset.cache-max-bytes", cacheMaxBytes);
    positive("visiongrade.dataset.max-thumbnails-per-class", maxThumbnailsPerClass);
    if (maxImageSize < 8 || maxImageSize > ImportOptions.MAX_TARGET_SIZE) {
      throw new IllegalArgumentException(
          "visiongrade.dataset.max-image-size must be in [8, "
              + ImportOptions.MAX_TARGET_SIZE
              + "], got "
              + maxImageSize);
    }
  }

  /** Import options for a new upload of this shape, with these limits. */
  public ImportOptions importOptions(int width, int height, int channels) {
    return ImportOptions.builder()
        .setImageSize(width, height)
        .setChannels(channels)
        .optMaxImages(maxImages)
        .optMaxTotalBytes(maxUploadBytes)
        .optMaxInflatedBytes(maxInflatedBytes)
        .optMaxPixelsPerImage(maxPixelsPerImage)
        .optMaxEntries(maxEntries)
        .optThreads(threads)
        .build();
  }

  private static void positive(String key, long value) {
    if (value < 1) {
      throw new IllegalArgumentException(key + " must be at least 1, got " + value);
    }
  }
}
