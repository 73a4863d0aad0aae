/**
 * The LTI 1.3 launch: OIDC third-party login initiation ({@link
 * io.visiongrade.lms.lti.launch.LoginInitiation}), the one ordered {@link
 * io.visiongrade.lms.lti.launch.LaunchValidator} that turns a platform's id_token into a {@link
 * io.visiongrade.lms.lti.launch.LtiLaunch}, the platform key set cache, and the state and nonce
 * stores (interfaces with in-memory implementations; the web module adds database ones).
 */
package io.visiongrade.lms.lti.launch;
