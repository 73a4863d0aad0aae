/**
 * Why did the model decide that: {@link io.visiongrade.engine.explain.Explainer} computes a
 * Grad-CAM class-activation map (on the last convolutional layer) and a gradient saliency map for
 * one image and one class of a trained {@link io.visiongrade.engine.model.CnnModel}, through DJL's
 * autograd; {@link io.visiongrade.engine.explain.Explanation} holds the maps and {@link
 * io.visiongrade.engine.explain.HeatMaps} renders them as PNG heat maps and overlays.
 */
package io.visiongrade.engine.explain;
