/**
 * LTI 1.3 Advantage protocol core, plain Java with no container: claim names ({@link
 * io.visiongrade.lms.lti.LtiClaims}), service scopes, the tool's own configuration, and the one
 * error family ({@link io.visiongrade.lms.lti.LtiException}) that the web layer maps to HTTP.
 *
 * <p>Sub-packages: {@code registration} (platforms and Dynamic Registration), {@code launch} (OIDC
 * login and the ordered launch validator), {@code keys} (the tool's signing keys), {@code
 * deeplinking} (Deep Linking 2.0 responses), {@code services} (OAuth2 tokens, AGS, NRPS) and {@code
 * platform} (a small LTI platform emulator for the demo LMS and tests). Storage sits behind small
 * interfaces with in-memory implementations; the web module supplies JPA ones.
 */
package io.visiongrade.lms.lti;
