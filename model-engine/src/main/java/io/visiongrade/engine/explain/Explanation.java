package io.visiongrade.engine.explain;

import java.awt.image.BufferedImage;

/**
 * One explained decision: the class explained and its probability, the model's prediction, and two
 * maps at input resolution ({@code [height][width]}, values in [0, 1]): Grad-CAM (where the last
 * convolutional features that raise the class score are) and saliency (which pixels change the
 * score most). Immutable: accessors return copies.
 */
public final class Explanation {
  private final int classIndex;
  private final String className;
  private final double probability;
  private final int predictedIndex;
  private final String predictedClassName;
  private final double[] probabilities;
  private final float[][] gradCam;
  private final float[][] saliency;
  private final byte[] pixels;
  private final int width;
  private final int height;
  private final int channels;
  private final String layer;

  Explanation(
      int classIndex,
      String className,
      double probability,
      int predictedIndex,
      String predictedClassName,
      double[] probabilities,
      float[][] gradCam,
      float[][] saliency,
      byte[] pixels,
      int width,
      int height,
      int channels,
      String layer) {
    this.classIndex = classIndex;
    this.className = className;
    this.probability = probability;
    this.predictedIndex = predictedIndex;
    this.predictedClassName = predictedClassName;
    this.probabilities = probabilities;
    this.gradCam = gradCam;
    this.saliency = saliency;
    this.pixels = pixels;
    this.width = width;
    this.height = height;
    this.channels = channels;
    this.layer = layer;
  }

  /** The class whose score was explained. */
  public int classIndex() {
    return classIndex;
  }

  public String className() {
    return className;
  }

  /** Softmax probability of the explained class. */
  public double probability() {
    return probability;
  }

  /** The model's most probable class (the explained one unless another was asked for). */
  public int predictedIndex() {
    return predictedIndex;
  }

  public String predictedClassName() {
    return predictedClassName;
  }

  /** Softmax probabilities of all classes, in class order. */
  public double[] probabilities() {
    return probabilities.clone();
  }

  /** The Grad-CAM map, {@code [height][width]} in [0, 1]; all zeros when no feature supports it. */
  public float[][] gradCam() {
    return copy(gradCam);
  }

  /** The saliency map {@code |d score / d pixel|}, {@code [height][width]} in [0, 1]. */
  public float[][] saliency() {
    return copy(saliency);
  }

  /** The explained image as the model saw it: uint8, CHW, {@code channels x height x width}. */
  public byte[] pixels() {
    return pixels.clone();
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  public int channels() {
    return channels;
  }

  /** The layer Grad-CAM used, e.g. {@code layer 2 (conv2d)}. */
  public String layer() {
    return layer;
  }

  /** The explained image, enlarged {@code scale} times (nearest neighbour). */
  public BufferedImage image(int scale) {
    return HeatMaps.image(pixels, channels, height, width, scale);
  }

  /** The Grad-CAM map over the image, {@code scale * width x scale * height}. */
  public BufferedImage gradCamOverlay(int scale) {
    return HeatMaps.overlay(image(scale), gradCam);
  }

  /** The saliency map over the image, {@code scale * width x scale * height}. */
  public BufferedImage saliencyOverlay(int scale) {
    return HeatMaps.overlay(image(scale), saliency);
  }

  /** {@link #gradCamOverlay} as PNG bytes. */
  public byte[] gradCamOverlayPng(int scale) {
    return HeatMaps.png(gradCamOverlay(scale));
  }

  /** {@link #saliencyOverlay} as PNG bytes. */
  public byte[] saliencyOverlayPng(int scale) {
    return HeatMaps.png(saliencyOverlay(scale));
  }

  /** The bare Grad-CAM map in the colour map, as PNG bytes. */
  public byte[] gradCamPng(int scale) {
    return HeatMaps.png(HeatMaps.render(gradCam, scale));
  }

  /** The bare saliency map in the colour map, as PNG bytes. */
  public byte[] saliencyPng(int scale) {
    return HeatMaps.png(HeatMaps.render(saliency, scale));
  }

  private static float[][] copy(float[][] m) {
    float[][] out = new float[m.length][];
    for (int i = 0; i < m.length; i++) {
      out[i] = m[i].clone();
    }
    return out;
  }
}
