package io.visiongrade.lms.lti.services;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.visiongrade.lms.lti.LtiErrorCode;
import io.visiongrade.lms.lti.LtiServiceException;
import io.visiongrade.lms.lti.keys.InMemoryToolKeyStore;
import io.visiongrade.lms.lti.keys.ToolKeyManager;
import io.visiongrade.lms.lti.registration.PlatformRegistration;
import io.visiongrade.lms.lti.support.Urls;
import io.visiongrade.lms.lti.testing.LoopbackServer;
import io.visiongrade.lms.lti.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PlatformTokenClientTest {

  static final String SCORE = "https://purl.imsglobal.org/spec/lti-ags/scope/score";
  static final String LINE_ITEM = "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem";

  LoopbackServer server = LoopbackServer.start();
  MutableClock clock = MutableClock.atSystemTime();
  ToolKeyManager keys = new ToolKeyManager(new InMemoryToolKeyStore(), clock, Duration.ofDays(1));
  PlatformTokenClient client;
  PlatformRegistration registration;
  List<Map<String, String>> forms = new ArrayList<>();
  AtomicReference<LoopbackServer.Response> answer = new AtomicReference<>();

  @BeforeEach
  void setUp() {
    server.route(
        "/token",
        r -> {
          forms.add(Urls.parseForm(r.body()));
          return answer.get();
        });
    answer.set(
        LoopbackServer.Response.json(
            200, "{\"access_token\":\"t-1\",\"token_type\":\"bearer\",\"expires_in\":600}"));
    registration =
        new PlatformRegistration(
            "https://lms.example",
            "client-1",
            Set.of("d"),
            server.url("/auth"),
            server.url("/token"),
            server.url("/jwks"),
            null);
    client =
        new PlatformTokenClient(
            new PlatformHttp(LoopbackServer.client(), Duration.ofSeconds(2), clock), keys);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void sendsAClientAssertionGrant() throws Exception {
    AccessToken token = client.token(registration, Set.of(SCORE, LINE_ITEM));
    assertEquals("t-1", token.value());
    assertEquals(Set.of(SCORE, LINE_ITEM), token.scopes());
    assertFalse(token.toString().contains("t-1"));

    Map<String, String> form = forms.get(0);
    assertEquals("client_credentials", form.get("grant_type"));
    assertEquals(
        "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
        form.get("client_assertion_type"));
    assertEquals(LINE_ITEM + " " + SCORE, form.get("scope"));

    SignedJWT assertion = SignedJWT.parse(form.get("client_assertion"));
    assertEquals(keys.activeKey().getKeyID(), assertion.getHeader().getKeyID());
    assertTrue(assertion.verify(new RSASSAVerifier(keys.activeKey().toRSAPublicKey())));
    JWTClaimsSet c = assertion.getJWTClaimsSet();
    assertEquals("client-1", c.getIssuer());
    assertEquals("client-1", c.getSubject());
    assertEquals(List.of(server.url("/token").toString()), c.getAudience());
    assertTrue(c.getJWTID().length() >= 22);
    assertTrue(
        Duration.between(c.getIssueTime().toInstant(), c.getExpirationTime().toInstant())
                .toMinutes()
            <= 5);
  }

  @Test
  void cachesPerScopeSetUntilShortlyBeforeExpiry() throws Exception {
    client.token(registration, Set.of(SCORE));
    client.token(registration, Set.of(SCORE));
    assertEquals(1, forms.size());
    client.token(registration, Set.of(LINE_ITEM));
    assertEquals(2, forms.size());

    clock.advance(Duration.ofSeconds(600 - 61));
    client.token(registration, Set.of(SCORE));
    assertEquals(2, forms.size(), "still valid 61 s before expiry");
    clock.advance(Duration.ofSeconds(2));
    client.token(registration, Set.of(SCORE));
    assertEquals(3, forms.size(), "renewed within the last minute");
  }

  @Test
  void everyAssertionHasItsOwnJti() throws Exception {
    client.token(registration, Set.of(SCORE));
    client.token(registration, Set.of(LINE_ITEM));
    assertNotEquals(
        SignedJWT.parse(forms.get(0).get("client_assertion")).getJWTClaimsSet().getJWTID(),
        SignedJWT.parse(forms.get(1).get("client_assertion")).getJWTClaimsSet().getJWTID());
  }

  @Test
  void refusalsAndMalformedAnswersArePermanent() {
    answer.set(LoopbackServer.Response.json(400, "{\"error\":\"invalid_scope\"}"));
    LtiServiceException refused =
        assertThrows(LtiServiceException.class, () -> client.token(registration, Set.of(SCORE)));
    assertEquals(LtiErrorCode.PLATFORM_REJECTED, refused.code());
    assertFalse(refused.retryable());
    assertTrue(refused.getMessage().contains("invalid_scope"));

    answer.set(LoopbackServer.Response.json(200, "{\"token_type\":\"Bearer\"}"));
    LtiServiceException malformed =
        assertThrows(LtiServiceException.class, () -> client.token(registration, Set.of(SCORE)));
    assertEquals(LtiErrorCode.PLATFORM_RESPONSE_MALFORMED, malformed.code());
  }

  @Test
  void serverErrorsAreRetryable() {
    answer.set(LoopbackServer.Response.json(502, "{}"));
    LtiServiceException e =
        assertThrows(LtiServiceException.class, () -> client.token(registration, Set.of(SCORE)));
    assertTrue(e.retryable());
    assertEquals(LtiErrorCode.PLATFORM_FAILED, e.code());
  }
}
