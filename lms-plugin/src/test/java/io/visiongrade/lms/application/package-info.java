/** Tests of the use cases, on in-memory repositories. */
package io.visiongrade.lms.application;
