/**
 * Image answers: a student's image for one prompt of an image-answer exercise, the course model's
 * verdict on it, and the student's grade on the exercise computed from those verdicts.
 */
package io.visiongrade.lms.domain.answer;
