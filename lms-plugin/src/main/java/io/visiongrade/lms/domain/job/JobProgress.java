package io.visiongrade.lms.domain.job;

import io.visiongrade.lms.domain.DomainException;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * What a running job reports about itself, for the page that watches it. Build it with {@link
 * #phase} and the {@code withX} methods; what a handler does not know stays unknown: {@code 0} for
 * counts, empty for measurements (a measurement that is not a finite number, such as the NaN loss
 * of a diverged training, is unknown too: JSON cannot carry it), {@code -1} for the ETA.
 *
 * @param phase a short word for what happens now ("loading", "training", "evaluating")
 * @param epoch the current epoch, from 1 (0: unknown)
 * @param epochs the number of epochs (0: unknown)
 * @param batch the current batch of the epoch, from 1 (0: unknown)
 * @param batches the batches per epoch (0: unknown)
 * @param loss the latest training loss
 * @param accuracy the latest accuracy, 0..1
 * @param imagesPerSecond throughput
 * @param etaSeconds the estimated seconds left (-1: unknown)
 */
public record JobProgress(
    String phase,
    int epoch,
    int epochs,
    int batch,
    int batches,
    OptionalDouble loss,
    OptionalDouble accuracy,
    OptionalDouble imagesPerSecond,
    long etaSeconds) {

  /** The longest phase kept. */
  public static final int MAX_PHASE = 50;

  public JobProgress {
    loss = finite(loss);
    accuracy = finite(accuracy);
    imagesPerSecond = finite(imagesPerSecond);
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
    return new JobProgress(
        phase,
        0,
        0,
        0,
        0,
        OptionalDouble.empty(),
        OptionalDouble.empty(),
        OptionalDouble.empty(),
        -1);
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
        phase, epoch, epochs, batch, batches, of(loss), accuracy, imagesPerSecond, etaSeconds);
  }

  public JobProgress withAccuracy(double accuracy) {
    return new JobProgress(
        phase, epoch, epochs, batch, batches, loss, of(accuracy), imagesPerSecond, etaSeconds);
  }

  public JobProgress withImagesPerSecond(double imagesPerSecond) {
    return new JobProgress(
        phase, epoch, epochs, batch, batches, loss, accuracy, of(imagesPerSecond), etaSeconds);
  }

  public JobProgress withEtaSeconds(long etaSeconds) {
    return new JobProgress(
        phase, epoch, epochs, batch, batches, loss, accuracy, imagesPerSecond, etaSeconds);
  }

  private static OptionalDouble of(double v) {
    return Double.isFinite(v) ? OptionalDouble.of(v) : OptionalDouble.empty();
  }

  private static OptionalDouble finite(OptionalDouble v) {
    Objects.requireNonNull(v, "measurement");
    return v.isPresent() && !Double.isFinite(v.getAsDouble()) ? OptionalDouble.empty() : v;
  }
}
