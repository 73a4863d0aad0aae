/**
 * The tool's own RSA signing keys: generated on first use, stored through {@link
 * io.visiongrade.lms.lti.keys.ToolKeyStore} (never in the repository), rotated with the previous
 * public key kept in the published key set for a retention period, and used to sign deep linking
 * responses and OAuth2 client assertions.
 */
package io.visiongrade.lms.lti.keys;
