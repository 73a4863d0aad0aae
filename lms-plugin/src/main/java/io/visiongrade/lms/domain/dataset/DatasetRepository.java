package io.visiongrade.lms.domain.dataset;

import java.util.List;
import java.util.Optional;

/** Stores dataset versions. */
public interface DatasetRepository {

  /**
   * Stores a new dataset as the next version of its name in its course (the version it carries is
   * replaced); returns it with its id and version.
   */
  Dataset add(Dataset dataset);

  /** A dataset of this course, if it exists and belongs to it. */
  Optional<Dataset> find(long courseId, long datasetId);

  /** A dataset by id, whatever its course (for jobs that already hold a checked id). */
  Optional<Dataset> findById(long datasetId);

  /** The course's datasets, by name then version. */
  List<Dataset> list(long courseId);

  /** The newest version of a named dataset of a course. */
  Optional<Dataset> latest(long courseId, String name);

  /** Whether any dataset keeps this stored upload (before deleting it from the store). */
  boolean usesArtifact(String artifactSha256);
}
