/** Tests of the deep linking response: claims, signature, line items, HTML escaping. */
package io.visiongrade.lms.lti.deeplinking;
