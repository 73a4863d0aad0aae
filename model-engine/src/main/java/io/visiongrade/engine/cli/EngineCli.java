package io.visiongrade.engine.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import io.visiongrade.engine.data.DatasetException;
import io.visiongrade.engine.eval.EvaluationResult;
import io.visiongrade.engine.model.InvalidImageException;
import io.visiongrade.engine.model.ModelFormatException;
import io.visiongrade.engine.model.NativeTuning;
import io.visiongrade.engine.model.Prediction;
import io.visiongrade.engine.score.PredictionsCsvException;
import io.visiongrade.engine.spec.ModelSummary;
import io.visiongrade.engine.spec.SpecException;
import io.visiongrade.engine.spec.SpecLimits;
import io.visiongrade.engine.train.EngineThreads;
import io.visiongrade.engine.train.TrainingDivergedException;
import io.visiongrade.engine.train.TrainingListener;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code java -jar model-engine-cli.jar <command>}: train, evaluate, predict, check-spec, explain.
 * Exit codes: 0 success, 2 bad input (message on stderr), 1 internal failure. {@code --json} prints
 * one JSON document on stdout; human runs print a progress bar on stderr.
 */
@Command(
    name = "model-engine",
    mixinStandardHelpOptions = true,
    version = "VisionGrade model engine",
    description = "Train, evaluate and run image classifiers (DJL + PyTorch, offline).",
    subcommands = {
      EngineCli.Train.class,
      EngineCli.Evaluate.class,
      EngineCli.Predict.class,
      EngineCli.CheckSpec.class,
      ExplainCommand.class
    })
public final class EngineCli implements Runnable {
  public static final int OK = 0;
  public static final int FAILURE = 1;
  public static final int BAD_INPUT = 2;

  static {
    // DJL must never download anything: set before any DJL class reads it.
    if (System.getProperty("ai.djl.offline") == null) {
      System.setProperty("ai.djl.offline", "true");
    }
    if (System.getProperty("ai.djl.default_engine") == null) {
      System.setProperty("ai.djl.default_engine", "PyTorch");
    }
    NativeTuning.tune(); // before libtorch loads, so that libgomp sees GOMP_SPINCOUNT
  }

  private PrintStream out;
  private PrintStream err;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        new CommandLine(this), "missing command: train, evaluate, predict, check-spec or explain");
  }

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs one command line, printing to {@code out}/{@code err}; returns the exit code. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    EngineCli cli = new EngineCli();
    cli.out = out;
    cli.err = err;
    CommandLine cmd = new CommandLine(cli);
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    cmd.setCaseInsensitiveEnumValuesAllowed(true);
    cmd.setParameterExceptionHandler(
        (e, a) -> {
          err.println("error: " + e.getMessage());
          e.getCommandLine().usage(err);
          return BAD_INPUT;
        });
    cmd.setExecutionExceptionHandler((e, c, p) -> report(e, err));
    return cmd.execute(args);
  }

  /** Maps an exception to an exit code, printing a message that names the problem. */
  static int report(Exception e, PrintStream err) {
    if (e instanceof SpecException s) {
      err.println("error: invalid spec:");
      s.problems().forEach(p -> err.println("  " + p));
      return BAD_INPUT;
    }
    if (e instanceof DatasetException
        || e instanceof ModelFormatException
        || e instanceof InvalidImageException
        || e instanceof BadInputException
        || e instanceof PredictionsCsvException
        || e instanceof TrainingDivergedException) {
      err.println("error: " + e.getMessage());
      return BAD_INPUT;
    }
    err.println("internal error: " + e);
    e.printStackTrace(err);
    return FAILURE;
  }

  private void print(JsonObject json) {
    out.println(new GsonBuilder().setPrettyPrinting().serializeNulls().create().toJson(json));
    out.flush();
  }

  /** {@code train}. */
  @Command(name = "train", description = "Train a CNN from a spec and save it as a directory.")
  static final class Train implements Callable<Integer> {
    @CommandLine.ParentCommand EngineCli parent;

    @Option(names = "--data", required = true, description = "Dataset: folder, zip or IDX dir.")
    Path data;

    @Option(names = "--spec", required = true, description = "Spec JSON file or preset name.")
    String spec;

    @Option(names = "--out", required = true, description = "Directory for the saved model.")
    Path out;

    @Option(names = "--epochs", description = "Override the spec's epochs.")
    Integer epochs;

    @Option(names = "--seed", description = "Override the spec's seed.")
    Long seed;

    @Option(names = "--threads", description = "PyTorch intra-op threads (default: all CPUs).")
    Integer threads;

    @Option(names = "--time-budget", description = "Stop cleanly after this many seconds.")
    Long budgetSeconds;

    @Option(names = "--json", description = "Print one JSON document on stdout.")
    boolean json;

    @Override
    public Integer call() throws Exception {
      int t = threads == null ? EngineThreads.defaultThreads() : threads;
      if (t <= 0) {
        throw new BadInputException("--threads must be positive, got " + t);
      }
      if (budgetSeconds != null && budgetSeconds <= 0) {
        throw new BadInputException("--time-budget must be positive, got " + budgetSeconds);
      }
      Commands.TrainRequest req =
          new Commands.TrainRequest(
              data,
              spec,
              out,
              epochs,
              seed,
              t,
              budgetSeconds == null ? null : Duration.ofSeconds(budgetSeconds),
              SpecLimits.DEFAULTS);
      TrainingListener listener = json ? TrainingListener.NONE : new ProgressBar(parent.err);
      Commands.TrainResult r = Commands.train(req, listener);
      if (json) {
        parent.print(r.toJson());
      } else {
        parent.out.printf(
            Locale.ROOT,
            "trained %d images in %.1f s (%.0f img/s), stopped: %s, best epoch %d%n",
            r.trainSize(),
            r.elapsedSeconds(),
            r.imagesPerSecond(),
            r.stopReason(),
            r.bestEpoch() + 1);
        if (r.test() != null) {
          printMetrics(parent.out, r.test());
        }
        parent.out.println("saved to " + r.out());
      }
      return OK;
    }
  }

  /** {@code evaluate}. */
  @Command(
      name = "evaluate",
      description = "Evaluate a saved model, a TorchScript file or a predictions CSV.")
  static final class Evaluate implements Callable<Integer> {
    @CommandLine.ParentCommand EngineCli parent;

    @CommandLine.ArgGroup(exclusive = true, multiplicity = "1")
    What what;

    /** Exactly one of the two. */
    static final class What {
      @Option(names = "--model", required = true, description = "Model directory or .pt file.")
      Path model;

      @Option(
          names = "--predictions",
          required = true,
          description = "Predictions CSV (id,label per line).")
      Path predictions;
    }

    @Option(names = "--data", required = true, description = "Dataset: folder, zip or IDX dir.")
    Path data;

    @Option(
        names = "--split",
        defaultValue = "TEST",
        description = "all, train, validation or test (default: ${DEFAULT-VALUE}).")
    Commands.Split split;

    @Option(
        names = "--input",
        defaultValue = "28x28x1",
        description =
            "Input WIDTHxHEIGHTxCHANNELS for TorchScript files (default: ${DEFAULT-VALUE}).")
    String input;

    @Option(
        names = "--seed",
        defaultValue = "42",
        description =
            "Split seed for TorchScript files and CSVs (saved models use their own; default 42).")
    long seed;

    @Option(names = "--json", description = "Print one JSON document on stdout.")
    boolean json;

    @Override
    public Integer call() throws Exception {
      Commands.EvaluateResult r =
          what.model != null
              ? Commands.evaluate(what.model, data, split, input, seed)
              : Commands.evaluatePredictions(what.predictions, data, split, input, seed);
      if (json) {
        parent.print(r.toJson());
      } else {
        parent.out.println(r.kind() + " model " + r.model() + " on the " + r.split() + " split:");
        printMetrics(parent.out, r.metrics());
      }
      return OK;
    }
  }

  /** {@code predict}. */
  @Command(name = "predict", description = "Classify images with a saved model.")
  static final class Predict implements Callable<Integer> {
    @CommandLine.ParentCommand EngineCli parent;

    @Option(names = "--model", required = true, description = "Model directory.")
    Path model;

    @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "PNG/JPEG/BMP/GIF files.")
    List<Path> images;

    @Option(names = "--top", defaultValue = "3", description = "Classes per image (default: 3).")
    int top;

    @Option(names = "--json", description = "Print one JSON document on stdout.")
    boolean json;

    @Override
    public Integer call() throws Exception {
      if (top <= 0) {
        throw new BadInputException("--top must be positive, got " + top);
      }
      Commands.PredictResult r = Commands.predict(model, images, top);
      if (json) {
        parent.print(r.toJson());
      } else {
        for (Commands.ImagePrediction p : r.predictions()) {
          StringBuilder sb = new StringBuilder(p.image().toString()).append(':');
          for (Prediction c : p.top()) {
            sb.append(String.format(Locale.ROOT, " %s %.4f", c.className(), c.probability()));
          }
          parent.out.println(sb);
        }
      }
      return OK;
    }
  }

  /** {@code check-spec}. */
  @Command(name = "check-spec", description = "Validate a spec and show layer shapes.")
  static final class CheckSpec implements Callable<Integer> {
    @CommandLine.ParentCommand EngineCli parent;

    @Parameters(index = "0", paramLabel = "FILE|PRESET", description = "Spec file or preset.")
    String spec;

    @Option(names = "--classes", defaultValue = "10", description = "Class count (default: 10).")
    int classes;

    @Option(names = "--json", description = "Print one JSON document on stdout.")
    boolean json;

    @Override
    public Integer call() throws Exception {
      Commands.CheckSpecResult r = Commands.checkSpec(spec, classes, SpecLimits.DEFAULTS);
      if (json) {
        parent.print(r.toJson());
      } else {
        ModelSummary s = r.summary();
        parent.out.printf(Locale.ROOT, "%-4s %-14s %-14s %12s%n", "#", "layer", "output", "params");
        for (ModelSummary.LayerSummary l : s.layers()) {
          parent.out.printf(
              Locale.ROOT,
              "%-4d %-14s %-14s %,12d%n",
              l.index(),
              l.type(),
              l.shapeText(),
              l.parameters());
        }
        parent.out.printf(Locale.ROOT, "total parameters: %,d%n", s.totalParameters());
      }
      return OK;
    }
  }

  static void printMetrics(PrintStream out, EvaluationResult m) {
    out.printf(
        Locale.ROOT,
        "accuracy %.4f, top-%d %.4f, macro-F1 %.4f%s, %d images, %d misclassified%n",
        m.accuracy(),
        m.topK(),
        m.topKAccuracy(),
        m.macroF1(),
        Double.isNaN(m.meanLoss()) ? "" : String.format(Locale.ROOT, ", loss %.4f", m.meanLoss()),
        m.count(),
        m.misclassifiedIds().size());
  }
}
