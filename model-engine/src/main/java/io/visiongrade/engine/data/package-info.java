/**
 * Datasets: import (class folders, zip archives, IDX files) into one compact {@link
 * io.visiongrade.engine.data.LabeledImages}, content hashing ({@link
 * io.visiongrade.engine.data.DatasetHasher}), stratified seeded splits ({@link
 * io.visiongrade.engine.data.DatasetSplitter}) and synthetic shape datasets for tests and demos
 * ({@link io.visiongrade.engine.data.SyntheticShapes}).
 *
 * <p>Bad uploads fail with a checked {@link io.visiongrade.engine.data.DatasetException} whose
 * message names the file and the reason; every size is bounded by {@link
 * io.visiongrade.engine.data.ImportOptions}. Nothing here touches the native engine.
 */
package io.visiongrade.engine.data;
