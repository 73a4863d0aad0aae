package io.visiongrade.lms.domain.job;

/**
 * A job reached a final state (succeeded, failed, cancelled). The server fires it as a CDI event
 * after the state was stored, for whoever needs to react (a submission marked failed, a page).
 */
public record JobFinished(JobView job) {}
