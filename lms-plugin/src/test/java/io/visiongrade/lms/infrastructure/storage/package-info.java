/** Tests of the content-addressed store on a temporary folder. */
package io.visiongrade.lms.infrastructure.storage;
