package io.visiongrade.lms.lti.launch;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Launch fixtures: JSON files named after certification cases, holding the claims to sign, how to
 * sign them, and what the validator must answer. Claim values {@code "$now"}, {@code "$now+300"},
 * {@code "$now-3600"} become epoch seconds and {@code "$nonce"} becomes the login's nonce.
 */
final class LaunchFixtures {

  record Fixture(String name, Map<String, Object> document) {
    String certificationCase() {
      return (String) document.get("certificationCase");
    }

    String signing() {
      Object s = document.get("signing");
      return s == null ? "RS256" : (String) s;
    }

    String expectedError() {
      return (String) document.get("expectedError");
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> expected() {
      return (Map<String, Object>) document.get("expected");
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> claims() {
      return (Map<String, Object>) document.get("claims");
    }

    @Override
    public String toString() {
      return name + " (" + certificationCase() + ")";
    }
  }

  private LaunchFixtures() {}

  static Stream<Fixture> load(String folder) {
    try {
      Path dir = Path.of(LaunchFixtures.class.getResource("/lti/" + folder).toURI());
      try (Stream<Path> files = Files.list(dir)) {
        List<Path> sorted = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        return sorted.stream().map(LaunchFixtures::read);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Fixture read(Path file) {
    try {
      String name = file.getFileName().toString().replace(".json", "");
      return new Fixture(
          name, JSONObjectUtils.parse(Files.readString(file, StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ParseException e) {
      throw new IllegalStateException("Fixture " + file + " is not JSON", e);
    }
  }

  /** Replaces the placeholders in a fixture's claims. */
  static Map<String, Object> resolve(Map<String, Object> claims, Instant now, String nonce) {
    Map<String, Object> out = new LinkedHashMap<>();
    claims.forEach(
        (k, v) -> {
          if (v instanceof String s && s.startsWith("$now")) {
            long offset = s.length() > 4 ? Long.parseLong(s.substring(4).replace("+", "")) : 0;
            out.put(k, now.getEpochSecond() + offset);
          } else if ("$nonce".equals(v)) {
            out.put(k, nonce);
          } else {
            out.put(k, v);
          }
        });
    return out;
  }

  /** Signs claims the way the fixture says, with the platform key (or deliberately not). */
  static String sign(
      String signing, Map<String, Object> claims, RSAKey platformKey, RSAKey otherKey)
      throws JOSEException, ParseException {
    JWTClaimsSet set = JWTClaimsSet.parse(claims);
    return switch (signing) {
      case "RS256" -> rs256(set, platformKey, platformKey.getKeyID());
      case "NO_KID" -> rs256(set, platformKey, null);
      case "WRONG_KID" -> rs256(set, platformKey, "kid-the-platform-never-published");
      case "OTHER_KEY_SAME_KID" -> rs256(set, otherKey, platformKey.getKeyID());
      case "NONE" -> new PlainJWT(new PlainHeader(), set).serialize();
      case "HS256_PUBLIC_KEY" -> {
        // The classic key-confusion attack: HMAC keyed with the platform's public key bytes.
        SignedJWT jwt =
            new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(platformKey.getKeyID()).build(),
                set);
        jwt.sign(new MACSigner(platformKey.toRSAPublicKey().getEncoded()));
        yield jwt.serialize();
      }
      case "NOT_A_JWT" -> "this-is.not-a.json-web-token";
      default -> throw new IllegalArgumentException("unknown signing " + signing);
    };
  }

  static String rs256(JWTClaimsSet set, RSAKey key, String kid) throws JOSEException {
    SignedJWT jwt =
        new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build(), set);
    jwt.sign(new RSASSASigner(key));
    return jwt.serialize();
  }
}
