/**
 * Runs jobs in this server: {@link io.visiongrade.lms.infrastructure.jobs.JobProcessor} claims
 * queued jobs by the fairness rules, runs their handlers with bounded concurrency per lane, keeps
 * their leases alive and records outcomes (plain Java); {@link
 * io.visiongrade.lms.infrastructure.jobs.LocalJobDispatcher} is the server's {@code JobDispatcher}
 * and runs the processor on the container's managed executors; {@link
 * io.visiongrade.lms.infrastructure.jobs.JobProgressHub} passes job updates to watching pages.
 */
package io.visiongrade.lms.infrastructure.jobs;
