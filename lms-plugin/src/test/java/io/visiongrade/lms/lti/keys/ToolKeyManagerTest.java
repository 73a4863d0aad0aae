package io.visiongrade.lms.lti.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.visiongrade.lms.lti.testing.MutableClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ToolKeyManagerTest {

  MutableClock clock = MutableClock.atSystemTime();
  InMemoryToolKeyStore store = new InMemoryToolKeyStore();
  ToolKeyManager keys = new ToolKeyManager(store, clock, Duration.ofHours(2));

  @Test
  void generatesOneRsa2048KeyOnFirstUseWithAThumbprintKid() throws Exception {
    assertTrue(store.findAll().isEmpty());
    RSAKey key = keys.activeKey();
    assertEquals(2048, key.size());
    assertEquals(key.computeThumbprint().toString(), key.getKeyID());
    assertEquals(key, keys.activeKey());
    assertEquals(1, store.findAll().size());
  }

  @Test
  void publishesOnlyPublicKeys() throws Exception {
    JWKSet set = JWKSet.parse(keys.publicJwks());
    assertEquals(1, set.size());
    JWK jwk = set.getKeys().get(0);
    assertFalse(jwk.isPrivate());
    assertEquals(JWSAlgorithm.RS256, jwk.getAlgorithm());
    assertFalse(keys.publicJwks().contains("\"d\""));
  }

  @Test
  void signsWithKidAndRs256() throws Exception {
    String token = keys.sign(new JWTClaimsSet.Builder().issuer("vg").build());
    SignedJWT jwt = SignedJWT.parse(token);
    assertEquals(JWSAlgorithm.RS256, jwt.getHeader().getAlgorithm());
    assertEquals(keys.activeKey().getKeyID(), jwt.getHeader().getKeyID());
    assertTrue(jwt.verify(new RSASSAVerifier(keys.activeKey().toRSAPublicKey())));
  }

  @Test
  void rotationKeepsThePreviousPublicKeyUntilRetentionEnds() throws Exception {
    String first = keys.activeKey().getKeyID();
    clock.advance(Duration.ofMinutes(1));
    String second = keys.rotate();
    assertNotEquals(first, second);
    assertEquals(second, keys.activeKey().getKeyID());

    List<String> published = kids();
    assertEquals(List.of(second, first), published);

    clock.advance(Duration.ofHours(2).plusSeconds(1));
    assertEquals(List.of(second), kids());
    assertEquals(1, store.findAll().size(), "expired retired key deleted from the store");
  }

  @Test
  void survivesARestartFromTheStore() {
    String kid = keys.activeKey().getKeyID();
    ToolKeyManager restarted = new ToolKeyManager(store, clock, Duration.ofHours(2));
    assertEquals(kid, restarted.activeKey().getKeyID());
  }

  private List<String> kids() throws Exception {
    return JWKSet.parse(keys.publicJwks()).getKeys().stream().map(JWK::getKeyID).toList();
  }
}
