/** VisionGrade's web layer: JAX-RS resources, pages, filters and exception mappers. */
package io.visiongrade.web;
