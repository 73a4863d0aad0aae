package io.visiongrade.web.course;

import io.visiongrade.lms.application.ExerciseSetup;
import io.visiongrade.lms.domain.course.ComputeCaps;
import io.visiongrade.lms.domain.course.Exercise;
import io.visiongrade.lms.domain.course.ImagePrompt;
import io.visiongrade.lms.domain.dataset.Dataset;
import io.visiongrade.lms.domain.grading.LatePolicy;
import io.visiongrade.lms.domain.grading.Rubric;
import io.visiongrade.lms.infrastructure.lti.LaunchSession;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An exercise as its caller may see it: students get the public parts (dates, attempts, kinds,
 * prompt texts, input shape and class names); teachers also get {@link #settings()}. Nothing of the
 * dataset's images or test split is ever in it.
 *
 * @param yourDueAt the caller's own due date (their extension, else the exercise's)
 */
public record ExerciseJson(
    long id,
    String kind,
    String title,
    double maxScore,
    Instant opensAt,
    Instant dueAt,
    Instant yourDueAt,
    LateJson late,
    Integer maxAttempts,
    long minIntervalSeconds,
    Integer dailyCap,
    String attemptSelection,
    List<String> allowedKinds,
    List<String> prompts,
    InputJson input,
    List<String> classNames,
    boolean blindPhase,
    String metric,
    TeacherSettings settings) {

  /** The late policy. */
  public record LateJson(double percentPerDay, double capPercent) {}

  /** The input every submitted model takes. */
  public record InputJson(int width, int height, int channels) {}

  /** A prompt with its expected class (teachers only). */
  public record PromptJson(String text, String expectedClass) {}

  /** The dataset an exercise uses. */
  public record DatasetRef(long id, String name, int version, String contentHash) {}

  /** What only teachers see. */
  public record TeacherSettings(
      DatasetRef dataset,
      long splitSeed,
      Map<String, Instant> extensions,
      ComputeCaps computeCaps,
      Double publicTestFraction,
      List<PromptJson> prompts,
      double acceptThreshold,
      double rejectThreshold,
      Double rubricBaseline,
      Double rubricTarget,
      boolean chargeUserErrors) {}

  static ExerciseJson of(ExerciseSetup.Details details, LaunchSession session) {
    Exercise e = details.exercise();
    Dataset d = details.dataset().orElse(null);
    LatePolicy late = e.latePolicy().orElse(null);
    Rubric rubric = e.rubric();
    InputJson input =
        e.inputWidth().isPresent()
            ? new InputJson(
                e.inputWidth().get(),
                e.inputHeight().orElseThrow(),
                e.inputChannels().orElseThrow())
            : null;
    TeacherSettings settings =
        session.isTeacher()
            ? new TeacherSettings(
                d == null
                    ? null
                    : new DatasetRef(d.requireId(), d.name(), d.version(), d.contentHash()),
                e.splitSeed(),
                e.extensions(),
                e.computeCaps(),
                e.blindPhase().map(b -> b.publicFraction()).orElse(null),
                e.prompts().stream().map(p -> new PromptJson(p.text(), p.expectedClass())).toList(),
                e.acceptThreshold(),
                e.rejectThreshold(),
                rubric.baseline(),
                rubric.target(),
                e.chargesUserErrors())
            : null;
    return new ExerciseJson(
        e.getId(),
        e.getKind().name(),
        e.getTitle(),
        e.getMaxScore(),
        e.opensAt().orElse(null),
        e.dueAt().orElse(null),
        e.dueFor(session.userId().orElse(null)).orElse(null),
        late == null ? null : new LateJson(late.percentPerDay(), late.capPercent()),
        e.maxAttempts().orElse(null),
        e.minInterval().getSeconds(),
        e.dailyCap().orElse(null),
        e.attemptSelection().name(),
        e.allowedKinds().stream().map(Enum::name).toList(),
        e.prompts().stream().map(ImagePrompt::text).toList(),
        input,
        d == null ? List.of() : d.classNames(),
        e.blindPhase().isPresent(),
        rubric.metric().name(),
        settings);
  }
}
