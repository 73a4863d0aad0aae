/** Use cases: what teachers, students and administrators do, as transactions over the domain. */
package io.visiongrade.lms.application;
