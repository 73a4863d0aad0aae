/** Tests of the small LTI helpers. */
package io.visiongrade.lms.lti.support;
