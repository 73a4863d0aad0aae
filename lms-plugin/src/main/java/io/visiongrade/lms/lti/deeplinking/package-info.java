/**
 * Deep Linking 2.0 responses: after a teacher picks an exercise, {@link
 * io.visiongrade.lms.lti.deeplinking.DeepLinkingResponseBuilder} signs an {@code
 * LtiDeepLinkingResponse} with {@code ltiResourceLink} items and renders the self-submitting form
 * that posts it back to the platform.
 */
package io.visiongrade.lms.lti.deeplinking;
