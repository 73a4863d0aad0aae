/**
 * Students' data as personal data (PRIVACY.md): a course's retention setting, what one student's
 * data in a course is (for an export or an erasure), and the keyed pseudonyms that stand for LTI
 * user ids in logs and on anything other students can see.
 */
package io.visiongrade.lms.domain.privacy;
