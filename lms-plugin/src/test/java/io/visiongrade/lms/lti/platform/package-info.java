/**
 * End-to-end tests: the tool side (login, validator, deep linking, token, AGS, NRPS clients)
 * against the platform emulator, over a JDK HTTP server on loopback.
 */
package io.visiongrade.lms.lti.platform;
