/**
 * The score outbox sender: {@link io.visiongrade.lms.infrastructure.outbox.OutboxProcessor} claims
 * due deliveries, sends them with the AGS client and records the outcome with {@link
 * io.visiongrade.lms.infrastructure.outbox.Backoff}; {@link
 * io.visiongrade.lms.infrastructure.outbox.OutboxSender} runs it on the container's scheduler.
 */
package io.visiongrade.lms.infrastructure.outbox;
