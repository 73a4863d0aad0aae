package io.visiongrade.engine.cli;

import io.visiongrade.engine.train.EpochMetrics;
import io.visiongrade.engine.train.TrainingListener;
import io.visiongrade.engine.train.TrainingProgress;
import java.io.PrintStream;
import java.util.Locale;

/** A one-line progress bar for human runs, redrawn at most every 200 ms. */
final class ProgressBar implements TrainingListener {
  private static final int WIDTH = 30;
  private final PrintStream err;
  private long lastDraw;

  ProgressBar(PrintStream err) {
    this.err = err;
  }

  @Override
  public void onBatch(TrainingProgress p) {
    long now = System.nanoTime();
    if (now - lastDraw < 200_000_000L && p.batch() != p.batchesPerEpoch()) {
      return;
    }
    lastDraw = now;
    int filled = (int) ((long) WIDTH * p.batch() / p.batchesPerEpoch());
    long eta = p.eta().toSeconds();
    err.printf(
        Locale.ROOT,
        "\repoch %d/%d [%s%s] %d/%d loss %.4f acc %.4f %.0f img/s ETA %d:%02d ",
        p.epoch() + 1,
        p.epochs(),
        "=".repeat(filled),
        " ".repeat(WIDTH - filled),
        p.batch(),
        p.batchesPerEpoch(),
        p.loss(),
        p.accuracy(),
        p.imagesPerSecond(),
        eta / 60,
        eta % 60);
    err.flush();
  }

  @Override
  public void onEpoch(EpochMetrics m) {
    err.printf(
        Locale.ROOT,
        "%nepoch %d: loss %.4f acc %.4f%s%n",
        m.epoch() + 1,
        m.trainLoss(),
        m.trainAccuracy(),
        Double.isNaN(m.validationLoss())
            ? ""
            : String.format(
                Locale.ROOT,
                " val_loss %.4f val_acc %.4f",
                m.validationLoss(),
                m.validationAccuracy()));
  }
}
