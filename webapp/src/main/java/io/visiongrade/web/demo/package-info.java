/**
 * The demo course of demo mode: at start-up, {@link io.visiongrade.web.demo.DemoSeeder} fills the
 * LMS emulator's course with a shapes dataset, a trained and promoted course model, a "Draw a
 * triangle" exercise and a classifier challenge, so that a newcomer can try the product at once.
 */
package io.visiongrade.web.demo;
