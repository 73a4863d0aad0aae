package io.visiongrade.lms.domain.job;

import io.visiongrade.lms.domain.DomainException;

/**
 * What a running job reports about itself, for the page that watches it. Build it with {@link
 * #phase} and the {@code withX} methods; what a handler does not know stays unknown: {@code 0} for
 * counts, {@code NaN} for measurements, {@code -1} for the ETA.
 *
 * @param phase a short word for what happens now ("loading", "training", "evaluating")
 * @param epoch the current epoch, from 1 (0: unknown)
 * @param epochs the number of epochs (0: unknown)
 * @param batch the current batch of the epoch, from 1 (0: unknown)
 * @param batches the batches per epoch (0: unknown)
 * @param loss the latest training loss (NaN: unknown)
 * @param accuracy the latest accuracy, 0..1 (NaN: unknown)
 * @param imagesPerSecond throughput (NaN: unknown)
 * @param etaSeconds the estimated seconds left (-1: unknown)
 */
public record JobProgress(
    String phase,
    int epoch,
    int epochs,
    int batch,
    int batches,
    double loss,
    double accuracy,
    double imagesPerSecond,
    long etaSeconds) {

  /** The longest phase kept. */
  public static final int MAX_PHASE = 50;

  public JobProgress {
    if (phase == null || phase.isBlank() || phase.length() > MAX_PHASE) {
      throw new DomainException.Invalid(
          "A progress phase needs 1 to " + MAX_PHASE + " characters, got " + phase);
    }
    if (epoch < 0 || epochs < 0 || batch < 0 || batches < 0 || etaSeconds < -1) {
      throw new DomainException.Invalid(
          "Progress counts must not be negative, got epoch "
              + epoch
              + "/"
              + epochs
              + ", batch "
              + batch
              + "/"
              + batches
              + ", ETA "
              + etaSeconds);
    }
  }

  /** Only a phase; everything else unknown. */
  public static JobProgress phase(String phase) {
    return new JobProgress(phase, 0, 0, 0, 0, Double.NaN, Double.NaN, Double.NaN, -1);
  }

  public JobProgress withEpoch(int epoch, int epochs) {
    return new JobProgress(
        phase, epoch, epochs, batch, batches, loss, accuracy, imagesPerSecond, etaSeconds);
  }

  public JobProgress withBatch(int batch, int batches) {
    return new JobProgress(
        phase, epoch, epochs, batch, batches, loss, accuracy, imagesPerSecond, etaSeconds);
  }

  public JobProgress withLoss(double loss) {
    return new JobProgress(
        phase, epoch, epochs, batch, batches, loss, accuracy, imagesPerSecond, etaSeconds);
  }

  public JobProgress withAccuracy(double accuracy) {
    return new JobProgress(
        phase, epoch, epochs, batch, batches, loss, accuracy, imagesPerSecond, etaSeconds);
  }

  public JobProgress withImagesPerSecond(double imagesPerSecond) {
    return new JobProgress(
        phase, epoch, epochs, batch, batches, loss, accuracy, imagesPerSecond, etaSeconds);
  }

  public JobProgress withEtaSeconds(long etaSeconds) {
    return new JobProgress(
        phase, epoch, epochs, batch, batches, loss, accuracy, imagesPerSecond, etaSeconds);
  }
}
