/**
 * Tests of score deliveries: the state machine, and one contract every {@code
 * ScoreDeliveryRepository} passes (in memory, and JDBC on H2 with the real migrations).
 */
package io.visiongrade.lms.domain.grading;
