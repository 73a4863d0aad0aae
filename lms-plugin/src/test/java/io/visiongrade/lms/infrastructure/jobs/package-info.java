/** Tests of the job processor and the progress hub, without a container. */
package io.visiongrade.lms.infrastructure.jobs;
