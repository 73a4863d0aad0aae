package io.visiongrade.engine.data;

import java.util.Objects;

/**
 * A dataset split into training, validation and test sets. Each set carries its own content hash
 * (see {@link DatasetHasher}). The test set may be empty (size 0) when it is given separately.
 */
public record DatasetSplits(LabeledImages train, LabeledImages validation, LabeledImages test) {
  public DatasetSplits {
    Objects.requireNonNull(train, "train");
    Objects.requireNonNull(validation, "validation");
    Objects.requireNonNull(test, "test");
  }
}
