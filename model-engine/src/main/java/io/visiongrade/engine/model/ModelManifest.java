package io.visiongrade.engine.model;

import java.util.List;

/**
 * The {@code model.json} of a saved model directory.
 *
 * @param format directory format version ({@link ModelArtifacts#FORMAT})
 * @param classNames class names, index = label
 * @param datasetHash content hash of the training data
 * @param seed training seed
 * @param totalParameters trainable parameters
 * @param engine deep-learning engine name
 * @param engineVersion its version (libtorch)
 * @param djlVersion DJL version
 * @param createdAt ISO-8601 instant of saving
 */
public record ModelManifest(
    int format,
    List<String> classNames,
    String datasetHash,
    long seed,
    long totalParameters,
    String engine,
    String engineVersion,
    String djlVersion,
    String createdAt) {

  public ModelManifest {
    classNames = List.copyOf(classNames);
  }
}
