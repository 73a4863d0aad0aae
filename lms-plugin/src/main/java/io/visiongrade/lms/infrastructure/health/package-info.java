/** Liveness and readiness checks: database reachable, engine loadable, storage writable. */
package io.visiongrade.lms.infrastructure.health;
