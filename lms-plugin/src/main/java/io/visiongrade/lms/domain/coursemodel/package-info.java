/**
 * Course models: the versions of the classifier a teacher trains on a course dataset to grade image
 * answers; at most one per course is promoted (the one answers are classified with).
 */
package io.visiongrade.lms.domain.coursemodel;
