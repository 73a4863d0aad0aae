package io.visiongrade.lms.domain.diagnostics;

import io.visiongrade.engine.diagnostics.EngineSelfTest;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/** One run of the engine self-test: a tiny CNN trained inside the server. */
@Entity
@Table(name = "engine_check")
public class EngineCheck {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "started_at", nullable = false)
  private Instant startedAt;

  @Column(nullable = false, length = 40)
  private String engine;

  @Column(name = "engine_version", nullable = false, length = 40)
  private String engineVersion;

  @Column(nullable = false, length = 40)
  private String device;

  @Column(nullable = false)
  private int steps;

  @Column(name = "initial_loss", nullable = false)
  private double initialLoss;

  @Column(name = "final_loss", nullable = false)
  private double finalLoss;

  @Column(nullable = false)
  private double accuracy;

  @Column(nullable = false)
  private long millis;

  @Column(nullable = false)
  private boolean passed;

  protected EngineCheck() {}

  /** Records the outcome of a self-test that started at {@code startedAt}. */
  public EngineCheck(Instant startedAt, EngineSelfTest.Result result) {
    // Microseconds: what every supported database keeps, so a read equals what was written.
    this.startedAt = Objects.requireNonNull(startedAt, "startedAt").truncatedTo(ChronoUnit.MICROS);
    Objects.requireNonNull(result, "result");
    this.engine = result.engine();
    this.engineVersion = result.engineVersion();
    this.device = result.device();
    this.steps = result.steps();
    this.initialLoss = result.initialLoss();
    this.finalLoss = result.finalLoss();
    this.accuracy = result.accuracy();
    this.millis = result.millis();
    this.passed = result.passed();
  }

  public Long getId() {
    return id;
  }

  public Instant getStartedAt() {
    return startedAt;
  }

  public String getEngine() {
    return engine;
  }

  public String getEngineVersion() {
    return engineVersion;
  }

  public String getDevice() {
    return device;
  }

  public int getSteps() {
    return steps;
  }

  public double getInitialLoss() {
    return initialLoss;
  }

  public double getFinalLoss() {
    return finalLoss;
  }

  public double getAccuracy() {
    return accuracy;
  }

  public long getMillis() {
    return millis;
  }

  public boolean isPassed() {
    return passed;
  }
}
