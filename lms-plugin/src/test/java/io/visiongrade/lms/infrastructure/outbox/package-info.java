/**
 * Tests of the outbox sender: back-off, and the processor against the platform emulator over
 * loopback HTTP (failures injected in front of it).
 */
package io.visiongrade.lms.infrastructure.outbox;
