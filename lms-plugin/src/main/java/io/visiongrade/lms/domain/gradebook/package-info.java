/**
 * The teacher's gradebook as read from storage: every grade, submission and answer of a course, put
 * together per student and exercise by {@code application.Gradebook}.
 */
package io.visiongrade.lms.domain.gradebook;
