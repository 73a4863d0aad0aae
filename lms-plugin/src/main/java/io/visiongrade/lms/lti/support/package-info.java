/**
 * Small helpers shared by the LTI packages: typed reads from parsed JSON objects (Nimbus' bundled
 * JSON parser, so no JSON-P implementation is needed outside the container), secure random values,
 * URL query building, HTML escaping and auto-submitting forms, and HTTP header parsing.
 */
package io.visiongrade.lms.lti.support;
