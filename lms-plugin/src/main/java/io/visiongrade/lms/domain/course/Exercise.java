package io.visiongrade.lms.domain.course;

import io.visiongrade.lms.domain.DomainException;
import io.visiongrade.lms.domain.dataset.Dataset;
import io.visiongrade.lms.domain.grading.AttemptSelection;
import io.visiongrade.lms.domain.grading.BlindPhase;
import io.visiongrade.lms.domain.grading.ImageAnswerDecision;
import io.visiongrade.lms.domain.grading.LatePolicy;
import io.visiongrade.lms.domain.grading.Rubric;
import io.visiongrade.lms.domain.grading.SubmissionRules;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * An exercise of a course, placed in the LMS through Deep Linking, with its settings and grading
 * policy: dataset and input shape, schedule, late policy and extensions, attempt limits, compute
 * caps, blind phase, allowed submission kinds, image-answer prompts and thresholds, and rubric.
 * Every setting has a default (open, unlimited, accuracy from chance); each method that changes one
 * is named after what the teacher does and rejects bad values with a message naming the field.
 */
@Entity
@Table(name = "exercise")
public class Exercise {

  /** The two families of exercise. */
  public enum Kind {
    /** Students answer with an image that the course model grades. */
    IMAGE_ANSWER,
    /** Students submit a classifier that the server trains and scores on a hidden test split. */
    CLASSIFIER_CHALLENGE
  }

  /** Longest title. */
  public static final int MAX_TITLE = 200;

  /** Largest maximum score. */
  public static final double MAX_SCORE_LIMIT = 10_000;

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @ManyToOne(optional = false)
  @JoinColumn(name = "course_id", nullable = false)
  private Course course;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 30)
  private Kind kind;

  @Column(nullable = false, length = MAX_TITLE)
  private String title;

  @Column(name = "max_score", nullable = false)
  private double maxScore;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "dataset_id")
  private Long datasetId;

  @Column(name = "input_width")
  private Integer inputWidth;

  @Column(name = "input_height")
  private Integer inputHeight;

  @Column(name = "input_channels")
  private Integer inputChannels;

  @Column(name = "split_seed", nullable = false)
  private long splitSeed;

  @Column(name = "opens_at")
  private Instant opensAt;

  @Column(name = "due_at")
  private Instant dueAt;

  @Column(name = "late_percent_per_day")
  private Double latePercentPerDay;

  @Column(name = "late_cap_percent")
  private Double lateCapPercent;

  @Column(name = "max_attempts")
  private Integer maxAttempts;

  @Column(name = "min_interval_seconds", nullable = false)
  private long minIntervalSeconds;

  @Column(name = "daily_cap")
  private Integer dailyCap;

  @Enumerated(EnumType.STRING)
  @Column(name = "attempt_selection", nullable = false, length = 10)
  private AttemptSelection attemptSelection = AttemptSelection.BEST;

  @Column(name = "max_wall_seconds", nullable = false)
  private int maxWallSeconds = ComputeCaps.DEFAULT.wallSeconds();

  @Column(name = "max_parameters", nullable = false)
  private long maxParameters = ComputeCaps.DEFAULT.maxParameters();

  @Column(name = "max_epochs", nullable = false)
  private int maxEpochs = ComputeCaps.DEFAULT.maxEpochs();

  @Column(name = "public_test_fraction")
  private Double publicTestFraction;

  @Column(name = "allowed_kinds", length = 200)
  private String allowedKinds;

  @Column(name = "accept_threshold", nullable = false)
  private double acceptThreshold = DEFAULT_ACCEPT_THRESHOLD;

  @Column(name = "reject_threshold", nullable = false)
  private double rejectThreshold = DEFAULT_REJECT_THRESHOLD;

  @Enumerated(EnumType.STRING)
  @Column(name = "rubric_metric", nullable = false, length = 20)
  private Rubric.Metric rubricMetric = Rubric.Metric.ACCURACY;

  @Column(name = "rubric_baseline")
  private Double rubricBaseline;

  @Column(name = "rubric_target")
  private Double rubricTarget;

  @Column(name = "charge_user_errors", nullable = false)
  private boolean chargeUserErrors;

  @ElementCollection(fetch = FetchType.EAGER)
  @CollectionTable(name = "exercise_extension", joinColumns = @JoinColumn(name = "exercise_id"))
  @MapKeyColumn(name = "user_id", length = 255)
  @Column(name = "due_at", nullable = false)
  private Map<String, Instant> extensions = new HashMap<>();

  @ElementCollection(fetch = FetchType.EAGER)
  @CollectionTable(name = "exercise_prompt", joinColumns = @JoinColumn(name = "exercise_id"))
  @OrderColumn(name = "position")
  private List<ImagePrompt> prompts = new ArrayList<>();

  /** Default τ_accept of image answers. */
  public static final double DEFAULT_ACCEPT_THRESHOLD = 0.8;

  /** Default τ_reject of image answers. */
  public static final double DEFAULT_REJECT_THRESHOLD = 0.3;

  /** Most prompts of an image-answer exercise. */
  public static final int MAX_PROMPTS = 50;

  protected Exercise() {}

  /**
   * A new exercise.
   *
   * @throws DomainException.Invalid a title that is blank or too long, or a maximum score outside
   *     (0, 10000]
   */
  public Exercise(Course course, Kind kind, String title, double maxScore, Instant now) {
    this.course = Objects.requireNonNull(course, "course");
    this.kind = Objects.requireNonNull(kind, "kind");
    if (title == null || title.isBlank()) {
      throw new DomainException.Invalid("An exercise needs a title");
    }
    if (title.strip().length() > MAX_TITLE) {
      throw new DomainException.Invalid(
          "An exercise title has at most " + MAX_TITLE + " characters, got " + title.length());
    }
    this.title = title.strip();
    checkMaxScore(maxScore);
    this.maxScore = maxScore;
    this.createdAt = Objects.requireNonNull(now, "now").truncatedTo(ChronoUnit.MICROS);
  }

  public Long getId() {
    return id;
  }

  public Course getCourse() {
    return course;
  }

  public Kind getKind() {
    return kind;
  }

  public String getTitle() {
    return title;
  }

  public double getMaxScore() {
    return maxScore;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  // ---------------------------------------------------------------- what a teacher does

  /**
   * The teacher picks the dataset and the input the exercise's models take.
   *
   * @param inputWidth null for the dataset's width (likewise height and channels)
   * @throws DomainException.NotFound the dataset belongs to another course
   * @throws DomainException.Invalid an input size outside [8, 1024] or channels not 1 or 3
   */
  public void useDataset(
      Dataset dataset, Integer inputWidth, Integer inputHeight, Integer inputChannels, long seed) {
    Objects.requireNonNull(dataset, "dataset");
    if (course.getId() == null || dataset.courseId() != course.getId()) {
      throw new DomainException.NotFound("Dataset", dataset.requireId());
    }
    int w = inputWidth == null ? dataset.width() : inputWidth;
    int h = inputHeight == null ? dataset.height() : inputHeight;
    int c = inputChannels == null ? dataset.channels() : inputChannels;
    checkRange("inputWidth", w, 8, 1024);
    checkRange("inputHeight", h, 8, 1024);
    if (c != 1 && c != 3) {
      throw new DomainException.Invalid("inputChannels must be 1 or 3, got " + c);
    }
    for (ImagePrompt p : prompts) {
      requireClass(dataset, p.expectedClass());
    }
    this.datasetId = dataset.requireId();
    this.inputWidth = w;
    this.inputHeight = h;
    this.inputChannels = c;
    this.splitSeed = seed;
  }

  /**
   * The teacher sets when the exercise opens and when it is due (either may be null).
   *
   * @throws DomainException.Invalid a due date not after the opening
   */
  public void schedule(Instant opensAt, Instant dueAt) {
    Instant o = micros(opensAt);
    Instant d = micros(dueAt);
    if (o != null && d != null && !d.isAfter(o)) {
      throw new DomainException.Invalid(
          "schedule: dueAt (" + d + ") must be after opensAt (" + o + ")");
    }
    this.opensAt = o;
    this.dueAt = d;
  }

  /** The teacher accepts late submissions with this penalty, or none after the due date (null). */
  public void setLatePolicy(LatePolicy policy) {
    this.latePercentPerDay = policy == null ? null : policy.percentPerDay();
    this.lateCapPercent = policy == null ? null : policy.capPercent();
  }

  /**
   * The teacher gives one student a later due date.
   *
   * @throws DomainException.Invalid a blank user id, or a date not after the exercise's opening
   */
  public void grantExtension(String userId, Instant until) {
    if (userId == null || userId.isBlank() || userId.length() > 255) {
      throw new DomainException.Invalid("extension: userId must have 1 to 255 characters");
    }
    Objects.requireNonNull(until, "until");
    if (opensAt != null && !until.isAfter(opensAt)) {
      throw new DomainException.Invalid(
          "extension: until (" + until + ") must be after opensAt (" + opensAt + ")");
    }
    extensions.put(userId, micros(until));
  }

  /** The teacher takes an extension back; true if there was one. */
  public boolean revokeExtension(String userId) {
    return extensions.remove(userId) != null;
  }

  /**
   * The teacher limits how often students are graded (each null or 0 for no limit).
   *
   * @throws DomainException.Invalid a negative value
   */
  public void limitAttempts(Integer maxAttempts, Duration minInterval, Integer dailyCap) {
    Duration interval = minInterval == null ? Duration.ZERO : minInterval;
    Integer max = maxAttempts == null || maxAttempts == 0 ? null : maxAttempts;
    Integer cap = dailyCap == null || dailyCap == 0 ? null : dailyCap;
    new SubmissionRules(null, null, null, max, interval, cap, Map.of()); // validates
    this.maxAttempts = max;
    this.minIntervalSeconds = interval.getSeconds();
    this.dailyCap = cap;
  }

  /** The teacher chooses which attempt counts: the best or the last. */
  public void countAttempts(AttemptSelection selection) {
    this.attemptSelection = Objects.requireNonNull(selection, "selection");
  }

  /** The teacher caps what one grading may use. */
  public void capCompute(ComputeCaps caps) {
    Objects.requireNonNull(caps, "caps");
    this.maxWallSeconds = caps.wallSeconds();
    this.maxParameters = caps.maxParameters();
    this.maxEpochs = caps.maxEpochs();
  }

  /** The teacher holds a blind final phase (null: students always see their full test score). */
  public void useBlindPhase(BlindPhase phase) {
    this.publicTestFraction = phase == null ? null : phase.publicFraction();
  }

  /**
   * The teacher allows these kinds of submission.
   *
   * @throws DomainException.Invalid none, or a kind this exercise's kind cannot take
   */
  public void allowSubmissions(Collection<SubmissionKind> kinds) {
    if (kinds == null || kinds.isEmpty()) {
      throw new DomainException.Invalid("allowedKinds must name at least one submission kind");
    }
    Set<SubmissionKind> possible = SubmissionKind.possibleFor(kind);
    for (SubmissionKind k : kinds) {
      if (!possible.contains(k)) {
        throw new DomainException.Invalid(
            "allowedKinds: a " + kind + " exercise cannot take " + k + "; possible: " + possible);
      }
    }
    this.allowedKinds =
        EnumSet.copyOf(kinds).stream().map(Enum::name).collect(Collectors.joining(","));
  }

  /**
   * The teacher sets the prompts of an image-answer exercise and the thresholds of its decisions.
   *
   * @throws DomainException.Invalid not an image-answer exercise, too many prompts, a class the
   *     dataset does not have ({@code dataset} may be null when none is chosen yet), or thresholds
   *     not ordered 0 <= τ_reject < τ_accept <= 1
   */
  public void askFor(
      List<ImagePrompt> newPrompts,
      double acceptThreshold,
      double rejectThreshold,
      Dataset dataset) {
    Objects.requireNonNull(newPrompts, "prompts");
    if (!newPrompts.isEmpty() && kind != Kind.IMAGE_ANSWER) {
      throw new DomainException.Invalid("prompts: only image-answer exercises have prompts");
    }
    if (newPrompts.size() > MAX_PROMPTS) {
      throw new DomainException.Invalid(
          "prompts: at most " + MAX_PROMPTS + ", got " + newPrompts.size());
    }
    try {
      ImageAnswerDecision.checkThresholds(acceptThreshold, rejectThreshold);
    } catch (IllegalArgumentException e) {
      throw new DomainException.Invalid(e.getMessage());
    }
    if (dataset != null) {
      for (ImagePrompt p : newPrompts) {
        requireClass(dataset, p.expectedClass());
      }
    }
    this.prompts.clear();
    this.prompts.addAll(newPrompts);
    this.acceptThreshold = acceptThreshold;
    this.rejectThreshold = rejectThreshold;
  }

  /**
   * The teacher changes the maximum score (grades are then re-scored).
   *
   * @throws DomainException.Invalid outside (0, 10000]
   */
  public void rescale(double newMaxScore) {
    checkMaxScore(newMaxScore);
    this.maxScore = newMaxScore;
  }

  /**
   * The teacher decides whether a student's own error (an invalid spec, a bad file) counts as one
   * of their attempts (by default it does not).
   */
  public void chargeUserErrors(boolean charge) {
    this.chargeUserErrors = charge;
  }

  private static void checkMaxScore(double maxScore) {
    if (!(maxScore > 0 && maxScore <= MAX_SCORE_LIMIT)) {
      throw new DomainException.Invalid(
          "The maximum score must be above 0 and at most "
              + (int) MAX_SCORE_LIMIT
              + ", got "
              + maxScore);
    }
  }

  /** The teacher sets how metric values become points. */
  public void useRubric(Rubric rubric) {
    Objects.requireNonNull(rubric, "rubric");
    this.rubricMetric = rubric.metric();
    this.rubricBaseline = rubric.baseline();
    this.rubricTarget = rubric.target();
  }

  private static void requireClass(Dataset dataset, String className) {
    if (dataset.classIndex(className).isEmpty()) {
      throw new DomainException.Invalid(
          "prompt expectedClass '"
              + className
              + "' is not a class of dataset "
              + dataset.name()
              + " "
              + dataset.classNames());
    }
  }

  private static void checkRange(String field, int v, int min, int max) {
    if (v < min || v > max) {
      throw new DomainException.Invalid(
          field + " must be between " + min + " and " + max + ", got " + v);
    }
  }

  private static Instant micros(Instant t) {
    return t == null ? null : t.truncatedTo(ChronoUnit.MICROS);
  }

  // ---------------------------------------------------------------- what the grading reads

  /** The dataset the exercise is graded on, if chosen. */
  public Optional<Long> datasetId() {
    return Optional.ofNullable(datasetId);
  }

  /** Input width of the exercise's models (the dataset's unless set), if a dataset is chosen. */
  public Optional<Integer> inputWidth() {
    return Optional.ofNullable(inputWidth);
  }

  public Optional<Integer> inputHeight() {
    return Optional.ofNullable(inputHeight);
  }

  public Optional<Integer> inputChannels() {
    return Optional.ofNullable(inputChannels);
  }

  /** The seed of the dataset split this exercise uses. */
  public long splitSeed() {
    return splitSeed;
  }

  public Optional<Instant> opensAt() {
    return Optional.ofNullable(opensAt);
  }

  public Optional<Instant> dueAt() {
    return Optional.ofNullable(dueAt);
  }

  /** The late policy, or empty: no submissions after the due date. */
  public Optional<LatePolicy> latePolicy() {
    return latePercentPerDay == null
        ? Optional.empty()
        : Optional.of(new LatePolicy(latePercentPerDay, lateCapPercent));
  }

  /** Per-student due dates, by LTI user id (sorted). */
  public Map<String, Instant> extensions() {
    return new TreeMap<>(extensions);
  }

  /** The student's due date: their extension, else the exercise's. */
  public Optional<Instant> dueFor(String userId) {
    Instant ext = userId == null ? null : extensions.get(userId);
    return Optional.ofNullable(ext != null ? ext : dueAt);
  }

  public Optional<Integer> maxAttempts() {
    return Optional.ofNullable(maxAttempts);
  }

  public Duration minInterval() {
    return Duration.ofSeconds(minIntervalSeconds);
  }

  public Optional<Integer> dailyCap() {
    return Optional.ofNullable(dailyCap);
  }

  public AttemptSelection attemptSelection() {
    return attemptSelection;
  }

  /** Everything {@link io.visiongrade.lms.domain.grading.SubmissionPolicy} checks. */
  public SubmissionRules submissionRules() {
    return new SubmissionRules(
        opensAt,
        dueAt,
        latePolicy().orElse(null),
        maxAttempts,
        minInterval(),
        dailyCap,
        extensions);
  }

  public ComputeCaps computeCaps() {
    return new ComputeCaps(maxWallSeconds, maxParameters, maxEpochs);
  }

  /** The blind phase, if the teacher holds one. */
  public Optional<BlindPhase> blindPhase() {
    return publicTestFraction == null
        ? Optional.empty()
        : Optional.of(new BlindPhase(publicTestFraction));
  }

  /** The kinds students may submit (all the exercise's kind can take, unless narrowed). */
  public Set<SubmissionKind> allowedKinds() {
    if (allowedKinds == null || allowedKinds.isBlank()) {
      return SubmissionKind.possibleFor(kind);
    }
    Set<SubmissionKind> out = EnumSet.noneOf(SubmissionKind.class);
    Arrays.stream(allowedKinds.split(",")).map(SubmissionKind::valueOf).forEach(out::add);
    return out;
  }

  /** The prompts of an image-answer exercise, in order. */
  public List<ImagePrompt> prompts() {
    return List.copyOf(prompts);
  }

  /** τ_accept. */
  public double acceptThreshold() {
    return acceptThreshold;
  }

  /** τ_reject. */
  public double rejectThreshold() {
    return rejectThreshold;
  }

  public Rubric rubric() {
    return new Rubric(rubricMetric, rubricBaseline, rubricTarget);
  }

  /** Points out of {@link #getMaxScore()} for a metric value (before any late penalty). */
  public double points(double metricValue, int classes, OptionalDouble referenceScore) {
    return rubric().points(metricValue, classes, referenceScore, maxScore);
  }

  /** Whether a student's own error counts as one of their attempts (the teacher's policy). */
  public boolean chargesUserErrors() {
    return chargeUserErrors;
  }

  /**
   * Everything grades are computed from besides the students' work: when these change, the
   * exercise's grades must be re-scored. Equal terms give equal grades.
   */
  public GradingTerms gradingTerms() {
    return new GradingTerms(
        maxScore,
        rubric(),
        datasetId,
        splitSeed,
        publicTestFraction,
        dueAt,
        latePolicy().orElse(null),
        Map.copyOf(extensions()),
        attemptSelection,
        prompts().size());
  }

  /**
   * What grades of an exercise are computed from (see {@link #gradingTerms()}).
   *
   * @param maxScore the maximum score
   * @param rubric metric, baseline, target
   * @param datasetId the dataset (null: none)
   * @param splitSeed the split seed
   * @param publicTestFraction the blind phase's public share (null: none)
   * @param dueAt the due date (null: none)
   * @param latePolicy the late policy (null: none)
   * @param extensions per-student due dates
   * @param attemptSelection best or last
   * @param prompts the number of image-answer prompts
   */
  public record GradingTerms(
      double maxScore,
      Rubric rubric,
      Long datasetId,
      long splitSeed,
      Double publicTestFraction,
      Instant dueAt,
      LatePolicy latePolicy,
      Map<String, Instant> extensions,
      AttemptSelection attemptSelection,
      int prompts) {

    /**
     * Whether a change from {@code before} to these terms alters what stored metric values mean
     * (the dataset, its split, the blind phase's cut or the metric): submissions must then be
     * evaluated again, not only given new points.
     */
    public boolean needsEvaluation(GradingTerms before) {
      return !Objects.equals(datasetId, before.datasetId)
          || splitSeed != before.splitSeed
          || !Objects.equals(publicTestFraction, before.publicTestFraction)
          || rubric.metric() != before.rubric.metric();
    }
  }
}
