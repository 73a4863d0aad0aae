/** Tests of the job aggregate, its fairness rules and the repository contract. */
package io.visiongrade.lms.domain.job;
