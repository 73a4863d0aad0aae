/**
 * VisionGrade's LMS plugin: the course / exercise / submission / grade domain, the grading pipeline
 * and the LTI 1.3 Advantage integration, on Jakarta EE.
 */
package io.visiongrade.lms;
