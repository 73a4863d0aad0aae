/**
 * CNN specifications: the immutable {@link io.visiongrade.engine.spec.CnnSpec} (built by a builder
 * or parsed from JSON by {@link io.visiongrade.engine.spec.SpecJson}), its limits ({@link
 * io.visiongrade.engine.spec.SpecLimits}), shape validation ({@link
 * io.visiongrade.engine.spec.ModelSummary}) and the built-in {@link
 * io.visiongrade.engine.spec.Presets}. Nothing here touches native memory.
 */
package io.visiongrade.engine.spec;
