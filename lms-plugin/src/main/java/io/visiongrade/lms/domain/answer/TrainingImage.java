package io.visiongrade.lms.domain.answer;

import java.time.Instant;

/** A reviewed answer image a teacher added, with its label, for the next dataset version. */
public record TrainingImage(
    long id,
    long courseId,
    long answerId,
    String imageSha256,
    String className,
    String addedBy,
    Instant addedAt) {}
