/**
 * A small LTI 1.3 platform in plain Java, for the product's {@code /dev-lms/} demo and for
 * end-to-end tests: courses with a teacher and students each, its own key pair and issuer, OIDC
 * login initiation and authorization that sign id_tokens, deep linking responses checked against
 * the tool's key set, a client-credentials token endpoint, and AGS and NRPS services. Every
 * endpoint is a plain request-to-{@link io.visiongrade.lms.lti.platform.PlatformResponse} method
 * that HTTP glue (a servlet, JAX-RS or the JDK server) wraps. Not for production use.
 */
package io.visiongrade.lms.lti.platform;
