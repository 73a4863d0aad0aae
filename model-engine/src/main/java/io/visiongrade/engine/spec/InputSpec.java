package io.visiongrade.engine.spec;

/** Input image size the network expects; images are resized to it. Channels are 1 or 3. */
public record InputSpec(int width, int height, int channels) {}
