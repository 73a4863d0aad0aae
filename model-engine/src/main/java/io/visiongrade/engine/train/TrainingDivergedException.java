package io.visiongrade.engine.train;

/**
 * The training loss became NaN or infinite (typically a too-high learning rate). Unchecked: a
 * property of the run, not of the input's format; the caller reports it to the student.
 */
public class TrainingDivergedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int epoch;
  private final int batch;

  public TrainingDivergedException(int epoch, int batch, double loss) {
    super(
        "training diverged: loss is "
            + loss
            + " at epoch "
            + (epoch + 1)
            + ", batch "
            + batch
            + " (try a lower learning rate)");
    this.epoch = epoch;
    this.batch = batch;
  }

  /** 0-based epoch where the loss became non-finite. */
  public int epoch() {
    return epoch;
  }

  /** 1-based batch within that epoch. */
  public int batch() {
    return batch;
  }
}
