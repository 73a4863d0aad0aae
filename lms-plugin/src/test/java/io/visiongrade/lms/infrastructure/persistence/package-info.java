/** Tests of the JDBC repositories on H2 with the real Flyway migrations. */
package io.visiongrade.lms.infrastructure.persistence;
