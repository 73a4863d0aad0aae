/** Tests of LTI Dynamic Registration against a platform served from loopback. */
package io.visiongrade.lms.lti.registration;
