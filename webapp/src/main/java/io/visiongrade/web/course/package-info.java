/** REST resources of a course, for the caller's launch session (Authorization: Bearer). */
package io.visiongrade.web.course;
