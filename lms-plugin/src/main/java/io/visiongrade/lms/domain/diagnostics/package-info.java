/** Engine self-test records: when the training engine was last checked, and with what outcome. */
package io.visiongrade.lms.domain.diagnostics;
