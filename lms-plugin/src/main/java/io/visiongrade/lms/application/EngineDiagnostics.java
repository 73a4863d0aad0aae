package io.visiongrade.lms.application;

import io.visiongrade.engine.diagnostics.EngineSelfTest;
import io.visiongrade.lms.domain.DomainException;
import io.visiongrade.lms.domain.diagnostics.EngineCheck;
import io.visiongrade.lms.domain.diagnostics.EngineCheckRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.jboss.logging.Logger;

/** Runs the engine self-test inside the server and keeps its outcome. */
@ApplicationScoped
public class EngineDiagnostics {

  private static final Logger LOG = Logger.getLogger(EngineDiagnostics.class);

  /** Optimiser steps of one self-test: enough to learn the toy task, a second or less. */
  public static final int STEPS = 40;

  private final ReentrantLock running = new ReentrantLock();

  @Inject EngineCheckRepository checks;

  /**
   * Trains the tiny CNN once and stores the outcome. One self-test runs at a time.
   *
   * @throws DomainException.Conflict if one is already running
   */
  public EngineCheck runSelfTest() {
    if (!running.tryLock()) {
      throw new DomainException.Conflict(
          "An engine self-test is already running; try again in a few seconds");
    }
    try {
      Instant started = Instant.now();
      EngineSelfTest.Result result = EngineSelfTest.run(STEPS, started.toEpochMilli());
      LOG.infof(
          "Engine self-test: %s %s on %s, loss %.4f -> %.4f, accuracy %.2f, %d ms, %s",
          result.engine(),
          result.engineVersion(),
          result.device(),
          result.initialLoss(),
          result.finalLoss(),
          result.accuracy(),
          result.millis(),
          result.passed() ? "passed" : "FAILED");
      return checks.add(new EngineCheck(started, result));
    } finally {
      running.unlock();
    }
  }

  /** One self-test record. */
  public Optional<EngineCheck> find(long id) {
    return checks.find(id);
  }

  /** The latest self-tests, newest first. */
  public List<EngineCheck> history(int limit) {
    return checks.latest(Math.max(1, Math.min(limit, 100)));
  }
}
