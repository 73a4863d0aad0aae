package io.visiongrade.lms.application;

import io.visiongrade.lms.domain.course.ComputeCaps;
import io.visiongrade.lms.domain.course.ImagePrompt;
import io.visiongrade.lms.domain.course.SubmissionKind;
import io.visiongrade.lms.domain.grading.AttemptSelection;
import io.visiongrade.lms.domain.grading.BlindPhase;
import io.visiongrade.lms.domain.grading.LatePolicy;
import io.visiongrade.lms.domain.grading.Rubric;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every setting of an exercise at once, as a teacher saves them; {@link ExerciseSetup#configure}
 * replaces the exercise's settings with these. A null field means "none" or "the default".
 *
 * @param datasetId the course dataset to grade on (null: none yet)
 * @param inputWidth the models' input width (null: the dataset's)
 * @param inputHeight the models' input height (null: the dataset's)
 * @param inputChannels 1 or 3 (null: the dataset's)
 * @param splitSeed the dataset split's seed (null: the dataset's own)
 * @param opensAt no submissions before (null: open now)
 * @param dueAt the due date (null: none)
 * @param latePolicy penalty of late submissions (null: none accepted)
 * @param extensions per-student due dates by LTI user id (null: none)
 * @param maxAttempts gradings per student (null or 0: unlimited)
 * @param minIntervalSeconds the least time between two gradings (null: 0)
 * @param dailyCap gradings per student in 24 hours (null or 0: unlimited)
 * @param attemptSelection which attempt counts (null: BEST)
 * @param computeCaps per grading (null: the defaults)
 * @param blindPhase the public share of the test split (null: no blind phase)
 * @param allowedKinds what students may submit (null: all the exercise's kind can take)
 * @param prompts image-answer prompts (null: none)
 * @param acceptThreshold τ_accept (null: 0.8)
 * @param rejectThreshold τ_reject (null: 0.3)
 * @param rubric metric, baseline and target (null: accuracy from chance)
 * @param maxScore the maximum score (null: unchanged)
 * @param chargeUserErrors whether a student's own error (an invalid spec, a bad file) counts as one
 *     of their attempts (null: no)
 */
public record ExerciseSettings(
    Long datasetId,
    Integer inputWidth,
    Integer inputHeight,
    Integer inputChannels,
    Long splitSeed,
    Instant opensAt,
    Instant dueAt,
    LatePolicy latePolicy,
    Map<String, Instant> extensions,
    Integer maxAttempts,
    Long minIntervalSeconds,
    Integer dailyCap,
    AttemptSelection attemptSelection,
    ComputeCaps computeCaps,
    BlindPhase blindPhase,
    Set<SubmissionKind> allowedKinds,
    List<ImagePrompt> prompts,
    Double acceptThreshold,
    Double rejectThreshold,
    Rubric rubric,
    Double maxScore,
    Boolean chargeUserErrors) {}
