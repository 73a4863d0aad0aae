/**
 * The pages a launch lands on: the course home, and the exercise picker of Deep Linking. The
 * browser carries its launch session as a token (query parameter {@code session} or {@code
 * Authorization: Bearer}), so nothing relies on third-party cookies inside the LMS iframe.
 */
package io.visiongrade.web.app;
