/** Unit tests of the course resources' request mapping (no container). */
package io.visiongrade.web.course;
