package io.visiongrade.engine.train;

import io.visiongrade.engine.spec.SpecLimits;
import java.time.Duration;
import java.util.Objects;

/**
 * How to run a training (not what to train: that is the spec). Build with {@link #builder()}; all
 * values are optional.
 */
public final class TrainingOptions {
  /** Listener none, no cancellation, no budget, all processors, default limits, augmentation on. */
  public static final TrainingOptions DEFAULTS = builder().build();

  private final TrainingListener listener;
  private final CancellationToken cancellation;
  private final Duration timeBudget;
  private final int threads;
  private final SpecLimits limits;
  private final boolean augment;

  private TrainingOptions(Builder b) {
    this.listener = b.listener;
    this.cancellation = b.cancellation;
    this.timeBudget = b.timeBudget;
    this.threads = b.threads;
    this.limits = b.limits;
    this.augment = b.augment;
  }

  public static Builder builder() {
    return new Builder();
  }

  public TrainingListener listener() {
    return listener;
  }

  public CancellationToken cancellation() {
    return cancellation;
  }

  /** Wall-clock budget for the whole training, or {@code null} for none. */
  public Duration timeBudget() {
    return timeBudget;
  }

  public int threads() {
    return threads;
  }

  public SpecLimits limits() {
    return limits;
  }

  public boolean augment() {
    return augment;
  }

  /** Builder. */
  public static final class Builder {
    private TrainingListener listener = TrainingListener.NONE;
    private CancellationToken cancellation = new CancellationToken();
    private Duration timeBudget;
    private int threads = EngineThreads.defaultThreads();
    private SpecLimits limits = SpecLimits.DEFAULTS;
    private boolean augment = true;

    private Builder() {}

    public Builder optListener(TrainingListener value) {
      this.listener = Objects.requireNonNull(value, "listener");
      return this;
    }

    public Builder optCancellation(CancellationToken value) {
      this.cancellation = Objects.requireNonNull(value, "cancellation");
      return this;
    }

    /** Stop cleanly (after the current batch) once this much wall-clock time has passed. */
    public Builder optTimeBudget(Duration value) {
      this.timeBudget = value;
      return this;
    }

    /** PyTorch intra-op threads (process-wide, see {@link EngineThreads}). */
    public Builder optThreads(int value) {
      this.threads = value;
      return this;
    }

    public Builder optLimits(SpecLimits value) {
      this.limits = Objects.requireNonNull(value, "limits");
      return this;
    }

    /** Apply the spec's augmentation to training batches (default true). */
    public Builder optAugment(boolean value) {
      this.augment = value;
      return this;
    }

    /**
     * @throws IllegalArgumentException naming a bad value
     */
    public TrainingOptions build() {
      if (threads <= 0) {
        throw new IllegalArgumentException("threads must be positive, got " + threads);
      }
      if (timeBudget != null && (timeBudget.isNegative() || timeBudget.isZero())) {
        throw new IllegalArgumentException("timeBudget must be positive, got " + timeBudget);
      }
      return new TrainingOptions(this);
    }
  }
}
