/** JPA implementations of the domain repositories, and the Flyway schema migrator. */
package io.visiongrade.lms.infrastructure.persistence;
