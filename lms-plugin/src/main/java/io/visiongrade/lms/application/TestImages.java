package io.visiongrade.lms.application;

import io.visiongrade.engine.data.DatasetWriter;
import io.visiongrade.engine.data.LabeledImages;
import io.visiongrade.lms.domain.DomainException;
import io.visiongrade.lms.domain.course.CourseRepository;
import io.visiongrade.lms.domain.course.Exercise;
import io.visiongrade.lms.domain.course.SubmissionKind;
import io.visiongrade.lms.domain.grading.TestImageIds;
import io.visiongrade.lms.domain.grading.TestImageKeyRepository;
import io.visiongrade.lms.infrastructure.lti.LaunchSession;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The unlabelled test images of a classifier challenge that takes predictions CSVs: a zip of PNGs
 * named by their public id ({@link TestImageIds}), in the order of those ids, with no label, class
 * folder or original file name, for the course's students once the exercise is open. A predictions
 * CSV names images by the same ids; {@link #withPublicIds} gives the grading job the test split
 * under them.
 */
@ApplicationScoped
public class TestImages {

  /** The folder inside the zip. */
  public static final String FOLDER = "test-images/";

  /** What the zip's README says. */
  static final String README =
      "The unlabelled test images of this exercise. Predict the class of each and submit a CSV"
          + " with one line per image:\r\n\r\nid,label\r\nt-0123456789abcdef0123,<class name or"
          + " index>\r\n\r\nThe id is the file name without .png. Classes: ";

  @Inject CourseCatalog catalog;
  @Inject CourseRepository courses;
  @Inject DatasetLibrary datasets;
  @Inject TestImageKeyRepository keys;

  private ChallengeSubmissions.Exercises exercises;
  Clock clock = Clock.systemUTC();

  /** For CDI. */
  protected TestImages() {}

  /** Outside a container (tests). */
  public TestImages(
      ChallengeSubmissions.Exercises exercises,
      DatasetLibrary datasets,
      TestImageKeyRepository keys,
      Clock clock) {
    this.exercises = Objects.requireNonNull(exercises, "exercises");
    this.datasets = Objects.requireNonNull(datasets, "datasets");
    this.keys = Objects.requireNonNull(keys, "keys");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @PostConstruct
  void init() {
    exercises =
        new ChallengeSubmissions.Exercises() {
          @Override
          public Exercise inCourse(LaunchSession session, long exerciseId) {
            return catalog.exercise(session, exerciseId);
          }

          @Override
          public long courseIdOf(LaunchSession session) {
            return catalog.courseOf(session).getId();
          }

          @Override
          public Exercise byId(long exerciseId) {
            return courses
                .findExercise(exerciseId)
                .orElseThrow(() -> new DomainException.NotFound("Exercise", exerciseId));
          }
        };
  }

  /** The test images of an exercise, ready to be written. */
  public record Download(long exerciseId, LabeledImages images, List<String> classNames) {}

  /**
   * Checks that the caller may download an exercise's test images and loads them under their public
   * ids.
   *
   * @throws DomainException.NotFound no such exercise in the caller's course
   * @throws DomainException.Invalid not a classifier challenge that takes predictions CSVs
   * @throws DomainException.Conflict not open yet, or no dataset yet
   */
  public Download prepare(LaunchSession session, long exerciseId) {
    Exercise exercise = exercises.inCourse(session, exerciseId);
    if (exercise.getKind() != Exercise.Kind.CLASSIFIER_CHALLENGE
        || !exercise.allowedKinds().contains(SubmissionKind.PREDICTIONS_CSV)) {
      throw new DomainException.Invalid(
          "Exercise "
              + exerciseId
              + " takes no predictions CSV, so it has no test images to download");
    }
    Instant now = clock.instant();
    if (!session.isTeacher() && exercise.opensAt().map(now::isBefore).orElse(false)) {
      throw new DomainException.Conflict(
          "This exercise opens at "
              + exercise.opensAt().get()
              + "; its test images can be downloaded from then on.");
    }
    DatasetLibrary.Loaded loaded = datasets.load(exercise);
    LabeledImages test = withPublicIds(exercise, loaded);
    return new Download(exercise.getId(), test, test.classNames());
  }

  /**
   * The exercise's test split with every image's id replaced by its public id (labels kept: for
   * grading on the server only).
   */
  public LabeledImages withPublicIds(Exercise exercise, DatasetLibrary.Loaded loaded) {
    LabeledImages test = loaded.splits().test();
    byte[] key = keys.keyFor(exercise.getId(), clock.instant());
    List<String> ids =
        TestImageIds.of(key, loaded.dataset().contentHash(), exercise.splitSeed(), test.ids());
    return new LabeledImages(
        test.channels(),
        test.height(),
        test.width(),
        test.pixels(),
        test.labels(),
        ids,
        test.classNames(),
        test.contentHash());
  }

  /**
   * Writes the zip: {@code test-images/<id>.png} for every image in the order of the ids (which
   * says nothing about labels), and a README naming the CSV format and the classes. Nothing in it
   * carries a label.
   */
  public static void writeZip(Download d, OutputStream out) throws IOException {
    LabeledImages images = d.images();
    Integer[] order = new Integer[images.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparing(images::id));
    ZipOutputStream zip = new ZipOutputStream(out);
    ZipEntry readme = entry(FOLDER + "README.txt");
    zip.putNextEntry(readme);
    zip.write(
        (README + String.join(", ", d.classNames()) + "\r\n").getBytes(StandardCharsets.UTF_8));
    zip.closeEntry();
    for (int i : order) {
      zip.putNextEntry(entry(FOLDER + images.id(i) + ".png"));
      zip.write(DatasetWriter.png(images, i));
      zip.closeEntry();
    }
    zip.finish();
    zip.flush();
  }

  /** An entry with a fixed time, so that nothing about when the dataset was made shows. */
  private static ZipEntry entry(String name) {
    ZipEntry e = new ZipEntry(name);
    e.setTime(0);
    return e;
  }
}
