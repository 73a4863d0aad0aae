package io.visiongrade.lms.application;

import io.visiongrade.lms.infrastructure.persistence.PostgresTestDatabase;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * {@link StudentPrivacyTest} on PostgreSQL (a fresh schema per test); only when {@code
 * -Dvisiongrade.test.postgres-url} names a server.
 */
@EnabledIfSystemProperty(named = PostgresTestDatabase.URL_PROPERTY, matches = ".+")
class PostgresStudentPrivacyTest extends StudentPrivacyTest {

  @Override
  PrivacyFixture fixture() {
    return new PrivacyFixture(dir, PostgresTestDatabase.migrated());
  }
}
