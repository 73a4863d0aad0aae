/**
 * Test helpers for the LTI packages: a settable clock and a JDK {@code HttpServer} on loopback that
 * serves key sets and platform services from test code, so that no test needs the network.
 */
package io.visiongrade.lms.lti.testing;
