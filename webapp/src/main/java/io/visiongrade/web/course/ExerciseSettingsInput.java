package io.visiongrade.web.course;

import io.visiongrade.lms.application.ExerciseSettings;
import io.visiongrade.lms.domain.DomainException;
import io.visiongrade.lms.domain.course.ComputeCaps;
import io.visiongrade.lms.domain.course.ImagePrompt;
import io.visiongrade.lms.domain.course.SubmissionKind;
import io.visiongrade.lms.domain.grading.AttemptSelection;
import io.visiongrade.lms.domain.grading.BlindPhase;
import io.visiongrade.lms.domain.grading.LatePolicy;
import io.visiongrade.lms.domain.grading.Rubric;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every setting of an exercise, as a teacher PUTs them (JSON). Absent fields take their defaults
 * (see {@link ExerciseSettings}). Instants are ISO-8601 ({@code 2026-12-08T09:00:00Z}); enums are
 * their names. Bean Validation checks ranges here; the domain checks the rules between fields.
 */
public record ExerciseSettingsInput(
    @Positive Long datasetId,
    @Min(8) @Max(1024) Integer inputWidth,
    @Min(8) @Max(1024) Integer inputHeight,
    @Min(1) @Max(3) Integer inputChannels,
    Long splitSeed,
    @Size(max = 40) String opensAt,
    @Size(max = 40) String dueAt,
    @Valid LateInput late,
    @Size(max = 1000)
        Map<@NotBlank @Size(max = 255) String, @NotBlank @Size(max = 40) String> extensions,
    @Min(0) @Max(100_000) Integer maxAttempts,
    @Min(0) @Max(31_536_000) Long minIntervalSeconds,
    @Min(0) @Max(100_000) Integer dailyCap,
    @Pattern(regexp = "BEST|LAST", message = "must be BEST or LAST") String attemptSelection,
    @Valid CapsInput computeCaps,
    @DecimalMin(value = "0", inclusive = false) @DecimalMax(value = "1", inclusive = false)
        Double publicTestFraction,
    @Size(max = 5)
        Set<
                @Pattern(
                    regexp = "SPEC|TORCHSCRIPT|PREDICTIONS_CSV|IMAGE_UPLOAD|DRAWING",
                    message = "must be SPEC, TORCHSCRIPT, PREDICTIONS_CSV, IMAGE_UPLOAD or DRAWING")
                String>
            allowedKinds,
    @Size(max = 50) List<@Valid @NotNull PromptInput> prompts,
    @DecimalMin("0") @DecimalMax("1") Double acceptThreshold,
    @DecimalMin("0") @DecimalMax("1") Double rejectThreshold,
    @Valid RubricInput rubric,
    @DecimalMin(value = "0", inclusive = false) @DecimalMax("10000") Double maxScore,
    Boolean chargeUserErrors) {

  /** Late submissions: percent per started day late, up to a cap. */
  public record LateInput(
      @NotNull @DecimalMin(value = "0", inclusive = false) @DecimalMax("100") Double percentPerDay,
      @NotNull @DecimalMin(value = "0", inclusive = false) @DecimalMax("100") Double capPercent) {}

  /** Compute caps of one grading. */
  public record CapsInput(
      @NotNull @Min(10) @Max(86_400) Integer wallSeconds,
      @NotNull @Min(1) @Max(100_000_000) Long maxParameters,
      @NotNull @Min(1) @Max(1000) Integer maxEpochs) {}

  /** One image-answer prompt. */
  public record PromptInput(
      @NotBlank @Size(max = 1000) String text, @NotBlank @Size(max = 200) String expectedClass) {}

  /** The rubric: metric, and optional baseline and target in [0, 1]. */
  public record RubricInput(
      @NotNull @Pattern(regexp = "ACCURACY|MACRO_F1", message = "must be ACCURACY or MACRO_F1")
          String metric,
      @DecimalMin("0") @DecimalMax("1") Double baseline,
      @DecimalMin("0") @DecimalMax("1") Double target) {}

  /** The use case's settings (also used by the teacher's settings page). */
  public ExerciseSettings toSettings() {
    Map<String, Instant> ext = null;
    if (extensions != null) {
      ext = new LinkedHashMap<>();
      for (var e : extensions.entrySet()) {
        ext.put(e.getKey(), instant("extensions." + e.getKey(), e.getValue()));
      }
    }
    Set<SubmissionKind> kinds = null;
    if (allowedKinds != null && !allowedKinds.isEmpty()) {
      kinds = EnumSet.noneOf(SubmissionKind.class);
      for (String k : allowedKinds) {
        kinds.add(SubmissionKind.valueOf(k));
      }
    }
    return new ExerciseSettings(
        datasetId,
        inputWidth,
        inputHeight,
        inputChannels,
        splitSeed,
        instant("opensAt", opensAt),
        instant("dueAt", dueAt),
        late == null ? null : new LatePolicy(late.percentPerDay(), late.capPercent()),
        ext,
        maxAttempts,
        minIntervalSeconds,
        dailyCap,
        attemptSelection == null ? null : AttemptSelection.valueOf(attemptSelection),
        computeCaps == null
            ? null
            : new ComputeCaps(
                computeCaps.wallSeconds(), computeCaps.maxParameters(), computeCaps.maxEpochs()),
        publicTestFraction == null ? null : new BlindPhase(publicTestFraction),
        kinds,
        prompts == null
            ? null
            : prompts.stream().map(p -> new ImagePrompt(p.text(), p.expectedClass())).toList(),
        acceptThreshold,
        rejectThreshold,
        rubric == null
            ? null
            : new Rubric(
                Rubric.Metric.valueOf(rubric.metric()), rubric.baseline(), rubric.target()),
        maxScore,
        chargeUserErrors);
  }

  private static Instant instant(String field, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(value.strip());
    } catch (DateTimeParseException e) {
      throw new DomainException.Invalid(
          field
              + " must be an ISO-8601 instant such as 2026-12-08T09:00:00Z, got \""
              + value
              + "\"");
    }
  }
}
