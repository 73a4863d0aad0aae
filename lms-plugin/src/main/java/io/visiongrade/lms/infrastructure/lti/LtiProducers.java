package io.visiongrade.lms.infrastructure.lti;

import io.visiongrade.lms.infrastructure.config.Settings;
import io.visiongrade.lms.lti.ToolConfiguration;
import io.visiongrade.lms.lti.deeplinking.DeepLinkingResponseBuilder;
import io.visiongrade.lms.lti.keys.ToolKeyManager;
import io.visiongrade.lms.lti.launch.JwksCache;
import io.visiongrade.lms.lti.launch.LaunchValidator;
import io.visiongrade.lms.lti.launch.LoginInitiation;
import io.visiongrade.lms.lti.registration.DynamicRegistration;
import io.visiongrade.lms.lti.services.AgsClient;
import io.visiongrade.lms.lti.services.NrpsClient;
import io.visiongrade.lms.lti.services.PlatformHttp;
import io.visiongrade.lms.lti.services.PlatformTokenClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;

/**
 * The LTI protocol objects, one of each per application (the key-set cache and the token cache must
 * be shared), wired to the database-backed stores.
 */
@ApplicationScoped
public class LtiProducers {

  /** Connect and request timeout towards platforms. */
  public static final Duration PLATFORM_TIMEOUT = Duration.ofSeconds(10);

  @Inject Settings settings;
  @Inject JdbcPlatformRegistrations registrations;
  @Inject JdbcLoginStates states;
  @Inject JdbcToolKeyStore keyStore;

  private final Clock clock = Clock.systemUTC();
  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(PLATFORM_TIMEOUT)
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  @Produces
  @Singleton
  ToolConfiguration tool() {
    return ToolConfiguration.under("VisionGrade", settings.baseUrl());
  }

  @Produces
  @Singleton
  ToolKeyManager toolKeys() {
    return new ToolKeyManager(keyStore, clock, ToolKeyManager.DEFAULT_RETENTION);
  }

  @Produces
  @Singleton
  JwksCache keySets() {
    return JwksCache.withDefaults(http, clock);
  }

  @Produces
  @Singleton
  PlatformHttp platformHttp() {
    return new PlatformHttp(http, PLATFORM_TIMEOUT, clock);
  }

  @Produces
  @Singleton
  PlatformTokenClient tokens(PlatformHttp platformHttp, ToolKeyManager keys) {
    return new PlatformTokenClient(platformHttp, keys);
  }

  @Produces
  @Singleton
  AgsClient ags(PlatformHttp platformHttp, PlatformTokenClient tokens) {
    return new AgsClient(platformHttp, tokens);
  }

  @Produces
  @Singleton
  NrpsClient nrps(PlatformHttp platformHttp, PlatformTokenClient tokens) {
    return new NrpsClient(platformHttp, tokens);
  }

  @Produces
  @Singleton
  LoginInitiation loginInitiation(ToolConfiguration tool) {
    return new LoginInitiation(tool, registrations, states, clock);
  }

  @Produces
  @Singleton
  LaunchValidator launchValidator(JwksCache keySets) {
    return new LaunchValidator(registrations, keySets, states, states, clock);
  }

  @Produces
  @Singleton
  DeepLinkingResponseBuilder deepLinkingResponses(ToolKeyManager keys) {
    return new DeepLinkingResponseBuilder(keys, clock);
  }

  @Produces
  @Singleton
  DynamicRegistration dynamicRegistration(PlatformHttp platformHttp, ToolConfiguration tool) {
    return new DynamicRegistration(platformHttp, tool);
  }
}
