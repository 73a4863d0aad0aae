/**
 * Datasets a teacher uploads to a course: {@link io.visiongrade.lms.domain.dataset.Dataset} (one
 * version of a named dataset: its content hash, classes and counts, image shape, split seed and
 * fractions, and the stored upload it was imported from) and {@link
 * io.visiongrade.lms.domain.dataset.DatasetRepository}. The images themselves are never in the
 * database; they are imported again from the stored upload when needed.
 */
package io.visiongrade.lms.domain.dataset;
