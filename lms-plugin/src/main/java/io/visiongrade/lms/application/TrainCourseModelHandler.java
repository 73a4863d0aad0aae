package io.visiongrade.lms.application;

import io.visiongrade.engine.data.DatasetSplits;
import io.visiongrade.engine.eval.EvaluationResult;
import io.visiongrade.engine.eval.Evaluator;
import io.visiongrade.engine.model.ModelArtifacts;
import io.visiongrade.engine.spec.SpecException;
import io.visiongrade.engine.spec.SpecLimits;
import io.visiongrade.engine.train.CancellationToken;
import io.visiongrade.engine.train.CnnTrainer;
import io.visiongrade.engine.train.TrainingDivergedException;
import io.visiongrade.engine.train.TrainingOptions;
import io.visiongrade.engine.train.TrainingResult;
import io.visiongrade.lms.domain.coursemodel.CourseModel;
import io.visiongrade.lms.domain.job.JobContext;
import io.visiongrade.lms.domain.job.JobHandler;
import io.visiongrade.lms.domain.job.JobOutcome;
import io.visiongrade.lms.domain.job.JobProgress;
import io.visiongrade.lms.domain.job.JobUserError;
import io.visiongrade.lms.infrastructure.storage.ContentStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Trains a course model version (job kind {@code TRAIN_COURSE_MODEL}, payload: the version id): on
 * the dataset's training split with the validation split for early stopping, reporting progress per
 * batch and stopping when the job is cancelled; then evaluates it on the validation and test splits
 * and stores the saved model through {@link CourseModels#recordReady}. A diverged training is the
 * teacher's error ({@link JobUserError}); the version becomes FAILED when the job ends so.
 */
@ApplicationScoped
public class TrainCourseModelHandler implements JobHandler {

  @Inject CourseModels models;
  @Inject DatasetLibrary datasets;
  @Inject ContentStore store;

  @Inject
  @ConfigProperty(name = "visiongrade.jobs.training-threads", defaultValue = "0")
  int trainingThreads;

  /** For CDI. */
  protected TrainCourseModelHandler() {}

  /** Outside a container (tests). */
  public TrainCourseModelHandler(CourseModels models, DatasetLibrary datasets, ContentStore store) {
    this.models = Objects.requireNonNull(models, "models");
    this.datasets = Objects.requireNonNull(datasets, "datasets");
    this.store = Objects.requireNonNull(store, "store");
  }

  @Override
  public String kind() {
    return CourseModels.JOB_KIND;
  }

  @Override
  public JobOutcome run(JobContext ctx) throws JobUserError {
    long id = Long.parseLong(ctx.payload().strip());
    ctx.progress().report(JobProgress.phase("loading"));
    Optional<CourseModels.Training> training = models.startTraining(id);
    if (training.isEmpty()) {
      return JobOutcome.of("course model " + id + " is gone or not training; nothing done");
    }
    CourseModel m = training.get().model();
    DatasetSplits splits = datasets.load(m.datasetId(), m.seed()).splits();
    CancellationToken token = new CancellationToken();
    TrainingOptions options =
        TrainingOptions.builder()
            .optThreads(TrainingThreads.resolve(trainingThreads))
            .optLimits(SpecLimits.DEFAULTS)
            .optTimeBudget(budget(ctx))
            .optCancellation(token)
            .optListener(
                p -> {
                  if (ctx.isCancelled()) {
                    token.cancel();
                  }
                  ctx.progress()
                      .report(
                          JobProgress.phase("training")
                              .withEpoch(p.epoch(), p.epochs())
                              .withBatch(p.batch(), p.batchesPerEpoch())
                              .withLoss(p.loss())
                              .withAccuracy(p.accuracy())
                              .withImagesPerSecond(p.imagesPerSecond())
                              .withEtaSeconds(p.eta() == null ? -1 : p.eta().toSeconds()));
                })
            .build();
    Path dir = null;
    try (TrainingResult r =
        CnnTrainer.train(training.get().spec(), splits.train(), splits.validation(), options)) {
      if (ctx.isCancelled()) {
        return JobOutcome.of("cancelled");
      }
      ctx.progress().report(JobProgress.phase("evaluating"));
      MetricsJson json = new MetricsJson();
      if (splits.validation().size() > 0) {
        EvaluationResult val =
            Evaluator.fromLogits(r.model().logits(splits.validation()), splits.validation(), 1);
        json.field("validation", MetricsJson.evaluation(val, false));
      }
      EvaluationResult test =
          Evaluator.fromLogits(r.model().logits(splits.test()), splits.test(), 1);
      json.field("test", MetricsJson.evaluation(test, false));
      json.field("epochs", MetricsJson.curves(r.epochs()));
      json.field("stopReason", MetricsJson.quote(r.stopReason().name()));
      json.field("parameters", String.valueOf(r.model().summary().totalParameters()));
      dir = store.scratchDir();
      ModelArtifacts.save(r.model(), dir, m.datasetHash(), m.seed(), null);
      CourseModel ready = models.recordReady(id, json.build(), dir);
      return JobOutcome.of(
          "course model version "
              + ready.version()
              + " ready: test accuracy "
              + MetricsJson.num(test.accuracy()));
    } catch (SpecException e) {
      throw new JobUserError("The network is not valid: " + String.join("; ", e.problems()), e);
    } catch (TrainingDivergedException e) {
      throw new JobUserError(
          "Training diverged: " + e.getMessage() + ". Try a smaller learning rate.", e);
    } catch (IOException e) {
      throw new IllegalStateException("Could not save course model " + id + ": " + e, e);
    } finally {
      deleteTree(dir);
    }
  }

  /** The job's time limit less a tenth of what is left (to evaluate and store the model). */
  private static Duration budget(JobContext ctx) {
    Duration left = Duration.between(Instant.now(), ctx.deadline());
    Duration usable = left.minus(left.dividedBy(10));
    return usable.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : usable;
  }

  private static void deleteTree(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // scratch files are purged with the incoming folder
    }
  }
}
