package io.visiongrade.engine.spec;

import java.util.Locale;

/**
 * One layer of a sequential CNN. Values are as written in the spec; {@link CnnSpec.Builder#build()}
 * checks them and {@link CnnSpec#summarize(int, SpecLimits)} checks that they fit together.
 */
public sealed interface LayerSpec {

  /** The JSON {@code type} of this layer. */
  String type();

  /** Padding of a convolution. */
  enum Padding {
    /** Zero padding of {@code kernel / 2}: output size {@code ceil(in / stride)}; odd kernels. */
    SAME,
    /** No padding. */
    VALID;

    public String jsonName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** 2-D convolution with bias. */
  record Conv2d(
      int filters,
      int kernelHeight,
      int kernelWidth,
      int strideHeight,
      int strideWidth,
      Padding padding,
      Activation activation)
      implements LayerSpec {
    @Override
    public String type() {
      return "conv2d";
    }
  }

  /** 2-D max or average pooling; stride defaults to the pool size. */
  record Pool2d(boolean max, int poolHeight, int poolWidth, int strideHeight, int strideWidth)
      implements LayerSpec {
    @Override
    public String type() {
      return max ? "maxpool2d" : "avgpool2d";
    }
  }

  /** Average over the whole spatial extent: {@code (C, H, W)} to {@code (C)}. */
  record GlobalAvgPool() implements LayerSpec {
    @Override
    public String type() {
      return "globalavgpool";
    }
  }

  /** Batch normalisation over channels (or features when the input is flat). */
  record BatchNorm() implements LayerSpec {
    @Override
    public String type() {
      return "batchnorm";
    }
  }

  /** Dropout with the given drop probability, active in training only. */
  record Dropout(double rate) implements LayerSpec {
    @Override
    public String type() {
      return "dropout";
    }
  }

  /** Flattens {@code (C, H, W)} to {@code (C*H*W)}. */
  record Flatten() implements LayerSpec {
    @Override
    public String type() {
      return "flatten";
    }
  }

  /**
   * Fully connected layer.
   *
   * @param units output features, or {@link #CLASSES} for "as many as the dataset has classes"
   */
  record Dense(int units, Activation activation) implements LayerSpec {
    /** Marker for {@code "units": "classes"}. */
    public static final int CLASSES = -1;

    @Override
    public String type() {
      return "dense";
    }
  }

  /**
   * A basic residual block (He et al. 2016): conv3x3(stride)-BN-ReLU-conv3x3-BN plus a shortcut (a
   * 1x1 conv + BN when the shape changes), then ReLU. Convolutions inside have no bias.
   */
  record Residual(int filters, int stride) implements LayerSpec {
    @Override
    public String type() {
      return "residual";
    }
  }
}
