package io.visiongrade.web.devlms;

import io.visiongrade.lms.infrastructure.config.Settings;
import io.visiongrade.lms.infrastructure.lti.JdbcPlatformRegistrations;
import io.visiongrade.lms.infrastructure.persistence.DatabaseMigrator;
import io.visiongrade.lms.lti.ToolConfiguration;
import io.visiongrade.lms.lti.keys.ToolKeyManager;
import io.visiongrade.lms.lti.platform.EmulatedCourse;
import io.visiongrade.lms.lti.platform.PlatformEmulator;
import io.visiongrade.lms.lti.platform.ToolKeySource;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Optional;
import org.jboss.logging.Logger;

/** The emulated platform of demo mode, registered with the tool at start-up. */
@ApplicationScoped
public class DevLms {

  private static final Logger LOG = Logger.getLogger(DevLms.class);

  /** Path of the emulator under the application. */
  public static final String PATH = "dev-lms";

  /** Students in each emulated course. */
  public static final int STUDENTS = 5;

  /**
   * The second course (course B): teacher {@code b-teacher-1}, students {@code b-student-1} to
   * {@code b-student-5}, beside the first course ({@link PlatformEmulator#CONTEXT_ID}, teacher
   * {@code teacher-1}, students {@code student-1} to {@code student-5}).
   */
  public static final EmulatedCourse COURSE_B =
      new EmulatedCourse("course-2", "Demo course B: a second class", "DEMO-2");

  /** The prefix of course B's user ids. */
  public static final String COURSE_B_USERS = "b-";

  @Inject Settings settings;
  @Inject ToolConfiguration tool;
  @Inject ToolKeyManager keys;
  @Inject JdbcPlatformRegistrations registrations;

  private volatile PlatformEmulator emulator;

  void onStartup(@Observes @Priority(DatabaseMigrator.STARTUP_PRIORITY + 20) Startup event) {
    if (settings.demoRefused()) {
      LOG.warnf(
          "visiongrade.demo=true ignored: the base URL %s is not on this machine, and the LMS"
              + " emulator is for local trials only",
          settings.baseUrl());
      return;
    }
    if (!settings.demo()) {
      return;
    }
    PlatformEmulator lms =
        new PlatformEmulator(
            settings.baseUrl().resolve(PATH),
            "visiongrade-dev",
            "dev-deployment-1",
            tool,
            ToolKeySource.of(keys::publicJwks),
            Clock.systemUTC(),
            STUDENTS);
    lms.addCourse(COURSE_B, COURSE_B_USERS, STUDENTS);
    registrations.save(lms.registration());
    emulator = lms;
    LOG.infof("Demo mode: LMS emulator at %s%s/", settings.baseUrl(), PATH);
  }

  /** The emulator, when demo mode is on. */
  public Optional<PlatformEmulator> emulator() {
    return Optional.ofNullable(emulator);
  }
}
