/**
 * Calls from the tool to LTI Advantage services: OAuth2 client-credentials tokens with a signed
 * client assertion ({@link io.visiongrade.lms.lti.services.PlatformTokenClient}), Assignment and
 * Grade Services 2.0 ({@link io.visiongrade.lms.lti.services.AgsClient}) and Names and Role
 * Provisioning Services 2.0 ({@link io.visiongrade.lms.lti.services.NrpsClient}). Failures are
 * classified once ({@link io.visiongrade.lms.lti.services.PlatformHttp}) into retryable and
 * permanent, which is what the score outbox needs ({@link
 * io.visiongrade.lms.lti.services.DeliveryResult}).
 */
package io.visiongrade.lms.lti.services;
