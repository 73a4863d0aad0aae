package io.visiongrade.lms.domain.answer;

import io.visiongrade.lms.domain.grading.ImageAnswerDecision;
import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A student's image for one prompt, with what the promoted course model said about it.
 *
 * @param id null until stored
 * @param exerciseId the image-answer exercise
 * @param courseId its course
 * @param userId the student
 * @param promptIndex the prompt answered (0-based)
 * @param expectedClass the class the prompt asked for
 * @param imageSha256 the image in the content store
 * @param imageSize its size in bytes
 * @param contentType {@code image/png} or {@code image/jpeg}
 * @param submittedAt when it arrived
 * @param modelId the course model version that classified it
 * @param modelVersion that version's number
 * @param datasetHash the content hash of the dataset the model was trained on
 * @param seed that training's split seed
 * @param topClassesJson the most probable classes, {@code [{"class":..,"probability":..}, ..]}
 * @param expectedProbability the expected class's probability
 * @param decision ACCEPTED, REJECTED or REVIEW
 * @param lineItemUrl the AGS line item of the student's launch, if it had one
 */
public record ImageAnswer(
    Long id,
    long exerciseId,
    long courseId,
    String userId,
    int promptIndex,
    String expectedClass,
    String imageSha256,
    long imageSize,
    String contentType,
    Instant submittedAt,
    long modelId,
    int modelVersion,
    String datasetHash,
    long seed,
    String topClassesJson,
    double expectedProbability,
    ImageAnswerDecision decision,
    URI lineItemUrl) {

  public ImageAnswer {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(expectedClass, "expectedClass");
    Objects.requireNonNull(imageSha256, "imageSha256");
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(submittedAt, "submittedAt");
    Objects.requireNonNull(datasetHash, "datasetHash");
    Objects.requireNonNull(topClassesJson, "topClassesJson");
    Objects.requireNonNull(decision, "decision");
    if (promptIndex < 0) {
      throw new IllegalArgumentException("promptIndex must be at least 0, got " + promptIndex);
    }
  }

  public long requireId() {
    if (id == null) {
      throw new IllegalStateException("image answer not stored yet");
    }
    return id;
  }

  public Optional<URI> lineItem() {
    return Optional.ofNullable(lineItemUrl);
  }

  public ImageAnswer withId(long newId) {
    return new ImageAnswer(
        newId,
        exerciseId,
        courseId,
        userId,
        promptIndex,
        expectedClass,
        imageSha256,
        imageSize,
        contentType,
        submittedAt,
        modelId,
        modelVersion,
        datasetHash,
        seed,
        topClassesJson,
        expectedProbability,
        decision,
        lineItemUrl);
  }

  /** The same answer with another decision (a teacher's review). */
  public ImageAnswer withDecision(ImageAnswerDecision d) {
    return new ImageAnswer(
        id,
        exerciseId,
        courseId,
        userId,
        promptIndex,
        expectedClass,
        imageSha256,
        imageSize,
        contentType,
        submittedAt,
        modelId,
        modelVersion,
        datasetHash,
        seed,
        topClassesJson,
        expectedProbability,
        d,
        lineItemUrl);
  }
}
