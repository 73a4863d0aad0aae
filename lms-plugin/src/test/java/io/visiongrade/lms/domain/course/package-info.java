/** Tests of exercises: their settings, validation and the rules they hand to the grading policy. */
package io.visiongrade.lms.domain.course;
