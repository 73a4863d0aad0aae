/**
 * The LTI 1.3 core wired into the container: database-backed registrations, login states, nonces,
 * tool keys and launch sessions, and the CDI producers of the protocol objects.
 */
package io.visiongrade.lms.infrastructure.lti;
