/**
 * The product's settings, read through MicroProfile Config (system properties, environment
 * variables, {@code META-INF/microprofile-config.properties}) with embedded defaults.
 */
package io.visiongrade.lms.infrastructure.config;
