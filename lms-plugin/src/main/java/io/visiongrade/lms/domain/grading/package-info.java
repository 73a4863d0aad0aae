/**
 * Grades and the rules that produce them.
 *
 * <ul>
 *   <li>Delivery: {@link io.visiongrade.lms.domain.grading.ScoreDelivery} is one AGS score in the
 *       durable outbox (a row of {@code score_outbox}) with its delivery state, and {@link
 *       io.visiongrade.lms.domain.grading.ScoreDeliveryRepository} stores them.
 *   <li>Policy, pure and clock-free: {@link io.visiongrade.lms.domain.grading.SubmissionPolicy}
 *       (may a student submit now), {@link io.visiongrade.lms.domain.grading.LatePenalty}, {@link
 *       io.visiongrade.lms.domain.grading.Rubric} (metric to points), {@link
 *       io.visiongrade.lms.domain.grading.AttemptSelection} (best or last), {@link
 *       io.visiongrade.lms.domain.grading.BlindPhase} (public and private test parts) and {@link
 *       io.visiongrade.lms.domain.grading.ImageAnswerDecision} (accept, reject or review an image
 *       answer).
 * </ul>
 */
package io.visiongrade.lms.domain.grading;
