/**
 * Jobs: training, evaluation and grading work queued in the database. {@link
 * io.visiongrade.lms.domain.job.Job} is one job and its state machine, {@link
 * io.visiongrade.lms.domain.job.FairOrder} the fairness rules (teachers first, students in turn,
 * one running job per student), {@link io.visiongrade.lms.domain.job.JobRepository} stores them.
 * {@link io.visiongrade.lms.domain.job.JobHandler} (with {@link
 * io.visiongrade.lms.domain.job.JobContext}) is what runs a kind of job, and {@link
 * io.visiongrade.lms.domain.job.JobDispatcher} the one seam to where jobs run (this server, or
 * worker machines later).
 */
package io.visiongrade.lms.domain.job;
