/**
 * Grades on their way to the LMS: {@link io.visiongrade.lms.domain.grading.ScoreDelivery} is one
 * AGS score in the durable outbox (a row of {@code score_outbox}) with its delivery state, and
 * {@link io.visiongrade.lms.domain.grading.ScoreDeliveryRepository} stores them.
 */
package io.visiongrade.lms.domain.grading;
