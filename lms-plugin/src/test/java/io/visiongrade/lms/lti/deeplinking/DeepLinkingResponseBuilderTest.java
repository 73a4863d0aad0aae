package io.visiongrade.lms.lti.deeplinking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.visiongrade.lms.lti.LtiClaims;
import io.visiongrade.lms.lti.keys.InMemoryToolKeyStore;
import io.visiongrade.lms.lti.keys.ToolKeyManager;
import io.visiongrade.lms.lti.launch.DeepLinkingSettings;
import io.visiongrade.lms.lti.launch.LtiLaunch;
import io.visiongrade.lms.lti.launch.LtiMessageType;
import io.visiongrade.lms.lti.launch.LtiRole;
import io.visiongrade.lms.lti.registration.RegistrationKey;
import io.visiongrade.lms.lti.testing.MutableClock;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeepLinkingResponseBuilderTest {

  static final URI RETURN_URL = URI.create("https://lms.example.edu/dl/return?a=1&b='2'");
  static final URI EXERCISE_URL = URI.create("https://tool.example.org/visiongrade/lti/launch");

  MutableClock clock = MutableClock.atSystemTime();
  ToolKeyManager keys = new ToolKeyManager(new InMemoryToolKeyStore(), clock, Duration.ofDays(1));
  DeepLinkingResponseBuilder builder = new DeepLinkingResponseBuilder(keys, clock);

  static LtiLaunch request(boolean acceptLineItem, boolean acceptMultiple, String data) {
    DeepLinkingSettings settings =
        new DeepLinkingSettings(
            RETURN_URL,
            List.of("ltiResourceLink", "link"),
            List.of("iframe"),
            List.of(),
            acceptMultiple,
            acceptLineItem,
            false,
            Optional.empty(),
            Optional.empty(),
            Optional.ofNullable(data));
    return new LtiLaunch(
        new RegistrationKey("https://lms.example.edu", "client-7"),
        "dep-3",
        LtiMessageType.DEEP_LINKING,
        URI.create("https://tool.example.org/visiongrade/lti/deep-link"),
        Optional.of("teacher-1"),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        List.of(),
        LtiRole.TEACHER,
        Optional.empty(),
        Optional.empty(),
        Map.of(),
        Optional.empty(),
        Optional.empty(),
        Optional.of(settings),
        Optional.empty(),
        Optional.empty());
  }

  @Test
  void signsAResponseWithTheRequiredClaims() throws Exception {
    DeepLinkingResponse response =
        builder.build(
            request(true, true, "opaque <data>"),
            List.of(ResourceLinkItem.forExercise("Shapes", EXERCISE_URL, "ex-42", 10)),
            Optional.of("Added"));

    assertEquals(RETURN_URL, response.returnUrl());
    SignedJWT jwt = SignedJWT.parse(response.jwt());
    assertEquals(JWSAlgorithm.RS256, jwt.getHeader().getAlgorithm());
    assertEquals(keys.activeKey().getKeyID(), jwt.getHeader().getKeyID());
    RSAKey published =
        (RSAKey) JWKSet.parse(keys.publicJwks()).getKeyByKeyId(jwt.getHeader().getKeyID());
    assertTrue(jwt.verify(new RSASSAVerifier(published)));

    JWTClaimsSet c = jwt.getJWTClaimsSet();
    assertEquals("client-7", c.getIssuer());
    assertEquals(List.of("https://lms.example.edu"), c.getAudience());
    assertEquals("dep-3", c.getStringClaim(LtiClaims.DEPLOYMENT_ID));
    assertEquals("LtiDeepLinkingResponse", c.getStringClaim(LtiClaims.MESSAGE_TYPE));
    assertEquals("1.3.0", c.getStringClaim(LtiClaims.VERSION));
    assertEquals("opaque <data>", c.getStringClaim(LtiClaims.DL_DATA));
    assertEquals("Added", c.getStringClaim(LtiClaims.DL_MSG));
    assertNotNull(c.getStringClaim(LtiClaims.NONCE));
    assertEquals(clock.instant().getEpochSecond(), c.getIssueTime().toInstant().getEpochSecond());
    assertTrue(c.getExpirationTime().toInstant().isAfter(clock.instant()));

    @SuppressWarnings("unchecked")
    Map<String, Object> item =
        (Map<String, Object>) ((List<?>) c.getClaim(LtiClaims.DL_CONTENT_ITEMS)).get(0);
    assertEquals("ltiResourceLink", item.get("type"));
    assertEquals("Shapes", item.get("title"));
    assertEquals(EXERCISE_URL.toString(), item.get("url"));
    assertEquals(Map.of("exercise_id", "ex-42"), item.get("custom"));
    @SuppressWarnings("unchecked")
    Map<String, Object> lineItem = (Map<String, Object>) item.get("lineItem");
    assertEquals(10.0, ((Number) lineItem.get("scoreMaximum")).doubleValue());
    assertEquals("Shapes", lineItem.get("label"));
    assertEquals("ex-42", lineItem.get("resourceId"));
  }

  @Test
  void leavesOutTheLineItemWhenThePlatformDoesNotAcceptOne() throws Exception {
    DeepLinkingResponse response =
        builder.build(
            request(false, true, null),
            List.of(ResourceLinkItem.forExercise("Shapes", EXERCISE_URL, "ex-42", 10)),
            Optional.empty());
    JWTClaimsSet c = SignedJWT.parse(response.jwt()).getJWTClaimsSet();
    Map<?, ?> item = (Map<?, ?>) ((List<?>) c.getClaim(LtiClaims.DL_CONTENT_ITEMS)).get(0);
    assertFalse(item.containsKey("lineItem"));
    assertFalse(c.getClaims().containsKey(LtiClaims.DL_DATA));
  }

  @Test
  void refusesMoreItemsThanThePlatformAccepts() {
    ResourceLinkItem a = ResourceLinkItem.forExercise("A", EXERCISE_URL, "a", 1);
    ResourceLinkItem b = ResourceLinkItem.forExercise("B", EXERCISE_URL, "b", 1);
    assertThrows(
        IllegalArgumentException.class,
        () -> builder.build(request(true, false, null), List.of(a, b), Optional.empty()));
  }

  @Test
  void anEmptyResponseMeansCancelled() throws Exception {
    DeepLinkingResponse response =
        builder.build(request(true, false, "d"), List.of(), Optional.empty());
    assertEquals(
        List.of(),
        SignedJWT.parse(response.jwt()).getJWTClaimsSet().getClaim(LtiClaims.DL_CONTENT_ITEMS));
  }

  @Test
  void theFormPostEscapesEverything() {
    DeepLinkingResponse response = new DeepLinkingResponse(RETURN_URL, "a.b\"<script>.c");
    String html = response.autoSubmitHtml();
    assertTrue(
        html.contains("action=\"https://lms.example.edu/dl/return?a=1&amp;b=&#39;2&#39;\""), html);
    assertTrue(html.contains("name=\"JWT\" value=\"a.b&quot;&lt;script&gt;.c\""), html);
    assertTrue(html.contains("method=\"post\""));
    assertFalse(html.contains("<script>.c"));
  }
}
