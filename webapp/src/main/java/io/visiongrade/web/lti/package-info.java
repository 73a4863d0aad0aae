/**
 * The LTI 1.3 endpoints: OIDC login initiation, launch, the tool's key set, Dynamic Registration,
 * and the error pages of failed launches.
 */
package io.visiongrade.web.lti;
