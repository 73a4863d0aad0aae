package io.visiongrade.web.course;

import io.visiongrade.lms.domain.dataset.Dataset;
import io.visiongrade.lms.domain.dataset.DatasetClass;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A dataset as teachers see it.
 *
 * @param id the dataset's id
 * @param name its name
 * @param version its version of the name (1, 2, ...)
 * @param contentHash the engine's content hash (class names, shape, labels, pixels)
 * @param size the stored upload's size in bytes
 * @param format CLASS_FOLDERS_ZIP or IDX_ZIP
 * @param width image width every image was converted to
 * @param height image height
 * @param channels 1 (grayscale) or 3 (RGB)
 * @param imageCount images in all
 * @param classes the classes in label order with their image counts
 * @param splitSeed the default split seed
 * @param trainFraction the training share of a split
 * @param validationFraction the validation share
 * @param testFraction the test share
 * @param uploadedBy the teacher's LTI user id (null for built-in datasets)
 * @param createdAt when it was uploaded
 */
public record DatasetJson(
    long id,
    String name,
    int version,
    String contentHash,
    long size,
    String format,
    int width,
    int height,
    int channels,
    int imageCount,
    List<ClassJson> classes,
    long splitSeed,
    double trainFraction,
    double validationFraction,
    double testFraction,
    String uploadedBy,
    Instant createdAt) {

  /** One class. */
  public record ClassJson(int index, String name, int count) {}

  static DatasetJson of(Dataset d) {
    List<ClassJson> classes = new ArrayList<>();
    for (int i = 0; i < d.classes().size(); i++) {
      DatasetClass c = d.classes().get(i);
      classes.add(new ClassJson(i, c.name(), c.imageCount()));
    }
    return new DatasetJson(
        d.requireId(),
        d.name(),
        d.version(),
        d.contentHash(),
        d.artifactSize(),
        d.format().name(),
        d.width(),
        d.height(),
        d.channels(),
        d.imageCount(),
        classes,
        d.splitSeed(),
        d.fractions().train(),
        d.fractions().validation(),
        d.fractions().test(),
        d.uploadedBy().orElse(null),
        d.createdAt());
  }
}
