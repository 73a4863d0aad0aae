/**
 * Classifier-challenge submissions: {@link io.visiongrade.lms.domain.submission.Submission} (the
 * immutable artefact a student hands in, its grading status and results), {@link
 * io.visiongrade.lms.domain.submission.Grade} (the attempt that counts for one student on one
 * exercise) and their repositories.
 */
package io.visiongrade.lms.domain.submission;
