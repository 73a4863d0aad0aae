/**
 * Privacy at run time: the scheduler of the retention sweep, and the installation's pseudonym key
 * (kept in the data directory) that log lines and aliases are derived with.
 */
package io.visiongrade.lms.infrastructure.privacy;
