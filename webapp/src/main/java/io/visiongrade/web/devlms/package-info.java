/**
 * The built-in LMS emulator at {@code /dev-lms/}: a small LTI 1.3 platform for trying the product
 * without an LMS. It speaks real signed LTI messages through the tool's real endpoints. Only in
 * demo mode ({@code visiongrade.demo=true}, base URL on this machine).
 */
package io.visiongrade.web.devlms;
