/**
 * REST resources of a course, for the caller's launch session ({@code Authorization: Bearer} or
 * {@code ?session=}): the roster, datasets (upload, list, details, sample images) and exercises
 * (settings for teachers, public parts for students). Every id is looked up in the caller's course.
 */
package io.visiongrade.web.course;
