package io.visiongrade.lms.lti.launch;

import java.net.URI;
import java.time.Instant;

/**
 * The answer to a login initiation: send the browser to {@code redirectUrl}, and keep {@code state}
 * in the browser (a {@code SameSite=None; Secure} cookie and/or LTI client-side postMessage
 * storage) until {@code expiresAt}, so that the launch can prove it comes back to the same browser.
 */
public record LoginRedirect(URI redirectUrl, String state, Instant expiresAt) {}
