/**
 * Errors as RFC 9457 problem details ({@code application/problem+json}): one mapper per error
 * family, each with a message a person can act on and the request id to quote to support.
 */
package io.visiongrade.web.problem;
