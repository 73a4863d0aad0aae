package io.visiongrade.lms.infrastructure.health;

import io.visiongrade.lms.infrastructure.persistence.DatabaseMigrator;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;

/** Starts loading the training engine as the application starts, so the first job need not. */
@ApplicationScoped
public class EngineWarmup {

  @Inject HealthChecks health;

  void onStartup(@Observes @Priority(DatabaseMigrator.STARTUP_PRIORITY + 10) Startup event) {
    health.loadEngine();
  }
}
