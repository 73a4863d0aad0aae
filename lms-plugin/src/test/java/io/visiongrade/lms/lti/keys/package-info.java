/** Tests of the tool key manager: generation, thumbprint key ids, rotation and retention. */
package io.visiongrade.lms.lti.keys;
