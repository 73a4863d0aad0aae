package io.visiongrade.engine.spec;

/**
 * Compute and size caps a spec must respect. Build with {@link #builder()}; {@link #DEFAULTS} holds
 * the defaults documented on each builder method.
 */
public final class SpecLimits {

  /** The default limits. */
  public static final SpecLimits DEFAULTS = builder().build();

  private final long maxParameters;
  private final int maxEpochs;
  private final int maxInputSide;
  private final int maxLayers;
  private final int maxBatchSize;
  private final int maxJsonBytes;
  private final int maxJsonDepth;

  private SpecLimits(Builder b) {
    this.maxParameters = b.maxParameters;
    this.maxEpochs = b.maxEpochs;
    this.maxInputSide = b.maxInputSide;
    this.maxLayers = b.maxLayers;
    this.maxBatchSize = b.maxBatchSize;
    this.maxJsonBytes = b.maxJsonBytes;
    this.maxJsonDepth = b.maxJsonDepth;
  }

  public static Builder builder() {
    return new Builder();
  }

  public long maxParameters() {
    return maxParameters;
  }

  public int maxEpochs() {
    return maxEpochs;
  }

  public int maxInputSide() {
    return maxInputSide;
  }

  public int maxLayers() {
    return maxLayers;
  }

  public int maxBatchSize() {
    return maxBatchSize;
  }

  public int maxJsonBytes() {
    return maxJsonBytes;
  }

  public int maxJsonDepth() {
    return maxJsonDepth;
  }

  @Override
  public String toString() {
    return "SpecLimits[maxParameters="
        + maxParameters
        + ", maxEpochs="
        + maxEpochs
        + ", maxInputSide="
        + maxInputSide
        + ", maxLayers="
        + maxLayers
        + ", maxBatchSize="
        + maxBatchSize
        + ", maxJsonBytes="
        + maxJsonBytes
        + ", maxJsonDepth="
        + maxJsonDepth
        + "]";
  }

  /** Builder; every value is optional. */
  public static final class Builder {
    private long maxParameters = 5_000_000;
    private int maxEpochs = 100;
    private int maxInputSide = 256;
    private int maxLayers = 64;
    private int maxBatchSize = 1024;
    private int maxJsonBytes = 64 * 1024;
    private int maxJsonDepth = 6;

    private Builder() {}

    /** Trainable parameters in the whole network; default 5,000,000. */
    public Builder optMaxParameters(long value) {
      this.maxParameters = value;
      return this;
    }

    /** Default 100. */
    public Builder optMaxEpochs(int value) {
      this.maxEpochs = value;
      return this;
    }

    /** Largest input width or height in pixels; default 256. */
    public Builder optMaxInputSide(int value) {
      this.maxInputSide = value;
      return this;
    }

    /** Default 64 (a residual block counts as one layer). */
    public Builder optMaxLayers(int value) {
      this.maxLayers = value;
      return this;
    }

    /** Default 1024. */
    public Builder optMaxBatchSize(int value) {
      this.maxBatchSize = value;
      return this;
    }

    /** Largest spec document in bytes (UTF-8); default 65,536. */
    public Builder optMaxJsonBytes(int value) {
      this.maxJsonBytes = value;
      return this;
    }

    /** Deepest nesting of JSON objects and arrays; default 6 (the format needs 4). */
    public Builder optMaxJsonDepth(int value) {
      this.maxJsonDepth = value;
      return this;
    }

    /**
     * @throws IllegalArgumentException naming the first non-positive limit
     */
    public SpecLimits build() {
      positive("maxParameters", maxParameters);
      positive("maxEpochs", maxEpochs);
      positive("maxInputSide", maxInputSide);
      positive("maxLayers", maxLayers);
      positive("maxBatchSize", maxBatchSize);
      positive("maxJsonBytes", maxJsonBytes);
      positive("maxJsonDepth", maxJsonDepth);
      return new SpecLimits(this);
    }

    private static void positive(String field, long value) {
      if (value <= 0) {
        throw new IllegalArgumentException(field + " must be positive, got " + value);
      }
    }
  }
}
