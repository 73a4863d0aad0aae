/**
 * Courses (one LMS context of one platform registration) and their exercises. Everything a request
 * touches is scoped to one course.
 */
package io.visiongrade.lms.domain.course;
