package io.visiongrade.lms.lti.keys;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The tool's signing keys (Security Framework 6: RSA 2048, RS256, published as a JWK Set). The
 * first use generates a key; {@link #rotate()} makes a new one and retires the old one, whose
 * public half stays in {@link #publicJwks()} for {@code retention} (longer than any token signed
 * with it lives), after which it is deleted.
 */
public final class ToolKeyManager {

  /** Default time a retired key stays published. */
  public static final Duration DEFAULT_RETENTION = Duration.ofDays(2);

  private static final int KEY_SIZE = 2048;

  private final ToolKeyStore store;
  private final Clock clock;
  private final Duration retention;

  public ToolKeyManager(ToolKeyStore store, Clock clock, Duration retention) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.retention = Objects.requireNonNull(retention, "retention");
  }

  /** The key that signs now, generated and stored on first use. */
  public synchronized RSAKey activeKey() {
    Optional<StoredToolKey> active =
        store.findAll().stream()
            .filter(StoredToolKey::active)
            .max(Comparator.comparing(StoredToolKey::createdAt));
    if (active.isPresent()) {
      return parse(active.get());
    }
    return generateAndStore();
  }

  /** Generates a new active key and retires the current one. Returns the new key id. */
  public synchronized String rotate() {
    Instant now = clock.instant();
    for (StoredToolKey key : store.findAll()) {
      if (key.active()) {
        store.save(key.retire(now));
      }
    }
    return generateAndStore().getKeyID();
  }

  /**
   * The public JWK Set JSON to serve at the tool's JWKS URL: the active key and the retired keys
   * still within retention. Retired keys past retention are deleted here.
   */
  public synchronized String publicJwks() {
    activeKey();
    Instant cutoff = clock.instant().minus(retention);
    List<JWK> keys = new ArrayList<>();
    List<StoredToolKey> stored = new ArrayList<>(store.findAll());
    stored.sort(Comparator.comparing(StoredToolKey::createdAt).reversed());
    for (StoredToolKey key : stored) {
      if (key.active() || key.retiredAt().isAfter(cutoff)) {
        keys.add(parse(key).toPublicJWK());
      } else {
        store.delete(key.kid());
      }
    }
    return new JWKSet(keys).toString(true);
  }

  /** Signs claims with the active key: RS256, its kid in the header, typ JWT. */
  public String sign(JWTClaimsSet claims) {
    RSAKey key = activeKey();
    JWSHeader header =
        new JWSHeader.Builder(JWSAlgorithm.RS256)
            .keyID(key.getKeyID())
            .type(JOSEObjectType.JWT)
            .build();
    SignedJWT jwt = new SignedJWT(header, claims);
    try {
      jwt.sign(new RSASSASigner(key));
    } catch (JOSEException e) {
      throw new IllegalStateException("Signing with the tool key failed", e);
    }
    return jwt.serialize();
  }

  private RSAKey generateAndStore() {
    RSAKey key;
    try {
      key =
          new RSAKeyGenerator(KEY_SIZE)
              .keyUse(KeyUse.SIGNATURE)
              .algorithm(JWSAlgorithm.RS256)
              .keyIDFromThumbprint(true)
              .generate();
    } catch (JOSEException e) {
      throw new IllegalStateException("Generating an RSA key failed", e);
    }
    store.save(new StoredToolKey(key.getKeyID(), key.toJSONString(), clock.instant(), null));
    return key;
  }

  private static RSAKey parse(StoredToolKey key) {
    try {
      return RSAKey.parse(key.privateJwkJson());
    } catch (ParseException e) {
      throw new IllegalStateException(
          "Stored tool key " + key.kid() + " is not a valid RSA JWK", e);
    }
  }
}
