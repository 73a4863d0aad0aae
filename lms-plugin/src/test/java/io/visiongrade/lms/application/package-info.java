/** Tests of the use cases, on in-memory repositories or H2 with the real migrations. */
package io.visiongrade.lms.application;
