/** Liveness and readiness endpoints at {@code /health/live} and {@code /health/ready}. */
package io.visiongrade.web.health;
