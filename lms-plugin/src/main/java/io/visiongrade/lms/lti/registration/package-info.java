/**
 * Platforms this tool trusts: {@link io.visiongrade.lms.lti.registration.PlatformRegistration}
 * (keyed by issuer and client_id, since e.g. every hosted Canvas shares one issuer), the lookup
 * interface {@link io.visiongrade.lms.lti.registration.PlatformRegistrations} that the web module
 * implements with JPA, and LTI Dynamic Registration.
 */
package io.visiongrade.lms.lti.registration;
