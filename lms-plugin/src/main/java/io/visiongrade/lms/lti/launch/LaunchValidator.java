package io.visiongrade.lms.lti.launch;

import static io.visiongrade.lms.lti.LtiErrorCode.*;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import io.visiongrade.lms.lti.LtiClaims;
import io.visiongrade.lms.lti.LtiErrorCode;
import io.visiongrade.lms.lti.LtiValidationException;
import io.visiongrade.lms.lti.registration.PlatformRegistration;
import io.visiongrade.lms.lti.registration.PlatformRegistrations;
import io.visiongrade.lms.lti.support.JsonObject;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The one place where an LTI 1.3 launch is validated. Checks run in the order of the 1EdTech
 * Security Framework 1.0, section 5.1.3 (Authentication Response Validation) and OpenID Connect
 * Core 3.1.3.7, then the LTI Core 1.3 message claims (sections 5.3 and 5.4) and Deep Linking 2.0
 * section 4.4. Each check fails with its own {@link LtiErrorCode} and message; none of them puts
 * the token in a message or a log.
 *
 * <p>Two deliberate orderings: the header checks ({@code alg}, {@code kid}) and the issuer and
 * audience lookups come before the signature check, because the key can only be chosen once the
 * registration is known (the unverified values are used for nothing else); and the nonce replay
 * check comes before consuming the state, so that a replayed token is reported as a replay.
 */
public final class LaunchValidator {

  /** Default allowed clock difference with platforms. */
  public static final Duration DEFAULT_LEEWAY = Duration.ofSeconds(60);

  private final PlatformRegistrations registrations;
  private final JwksCache keySets;
  private final StateStore states;
  private final NonceStore nonces;
  private final Clock clock;
  private final Duration leeway;

  public LaunchValidator(
      PlatformRegistrations registrations,
      JwksCache keySets,
      StateStore states,
      NonceStore nonces,
      Clock clock,
      Duration leeway) {
    this.registrations = Objects.requireNonNull(registrations, "registrations");
    this.keySets = Objects.requireNonNull(keySets, "keySets");
    this.states = Objects.requireNonNull(states, "states");
    this.nonces = Objects.requireNonNull(nonces, "nonces");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.leeway = Objects.requireNonNull(leeway, "leeway");
  }

  public LaunchValidator(
      PlatformRegistrations registrations,
      JwksCache keySets,
      StateStore states,
      NonceStore nonces,
      Clock clock) {
    this(registrations, keySets, states, nonces, clock, DEFAULT_LEEWAY);
  }

  /**
   * Validates a launch and returns what it says.
   *
   * @throws LtiValidationException the first check that failed
   */
  public LtiLaunch validate(LaunchRequest request) throws LtiValidationException {
    Instant now = clock.instant();

    // OIDC Core 3.1.2.5 / Security Framework 5.1.1.3: the authentication response carries
    // id_token and state as form parameters.
    if (isBlank(request.idToken())) {
      throw fail(ID_TOKEN_MISSING, "The launch has no id_token.");
    }
    if (isBlank(request.formState())) {
      throw fail(STATE_MISSING, "The launch has no state parameter.");
    }

    // Security Framework 5.1.3 preamble: the id_token is a JWS-signed JWT (RFC 7519 section 7.2).
    JWT jwt;
    try {
      jwt = JWTParser.parse(request.idToken().trim());
    } catch (ParseException e) {
      throw fail(JWT_MALFORMED, "The id_token is not a well-formed JSON Web Token.");
    }
    if (!(jwt instanceof SignedJWT signed)) {
      // An unsecured ("alg":"none") or encrypted token is never an acceptable id_token.
      throw fail(ALGORITHM_NOT_ALLOWED, "The id_token is not signed; only RS256 is accepted.");
    }
    JWTClaimsSet claims;
    try {
      claims = signed.getJWTClaimsSet();
    } catch (ParseException e) {
      throw fail(JWT_MALFORMED, "The id_token's payload is not a JSON object of claims.");
    }
    JWSHeader header = signed.getHeader();

    // Security Framework 5.1.3 step 6: alg must be RS256 (the default; this tool registers no
    // other). Rejects none, HS256 (whose secret could be our copy of the public key) and the rest.
    if (!JWSAlgorithm.RS256.equals(header.getAlgorithm())) {
      throw fail(
          ALGORITHM_NOT_ALLOWED,
          "The id_token is signed with " + header.getAlgorithm() + "; only RS256 is accepted.");
    }

    // Security Framework 6.3: the platform names its signing key with kid; it is required, even
    // when the key set holds a single key.
    String kid = header.getKeyID();
    if (isBlank(kid)) {
      throw fail(KEY_ID_MISSING, "The id_token's header has no key id (kid).");
    }

    // Security Framework 5.1.3 step 2: iss must be a platform this tool is registered with.
    String issuer = claims.getIssuer();
    if (isBlank(issuer) || registrations.findByIssuer(issuer).isEmpty()) {
      throw fail(
          ISSUER_UNKNOWN,
          "The id_token's issuer " + quote(issuer) + " is not a registered platform.");
    }

    // Security Framework 5.1.3 steps 3-5: aud contains our client_id; with several audiences azp
    // is required; azp, when present, is our client_id.
    PlatformRegistration registration = registrationFor(issuer, claims);

    // Security Framework 6.3: the key comes from the platform's key set, chosen by kid (we select
    // it ourselves: a key selector would also accept a missing kid when the set holds one key).
    JWK jwk =
        keySets
            .findKey(registration.jwksUrl(), kid)
            .orElseThrow(
                () ->
                    fail(
                        KEY_ID_UNKNOWN,
                        "The platform's key set has no key with the id_token's key id "
                            + quote(kid)
                            + "."));
    if (!(jwk instanceof RSAKey rsaKey)
        || (jwk.getAlgorithm() != null && !JWSAlgorithm.RS256.equals(jwk.getAlgorithm()))
        || (jwk.getKeyUse() != null && !KeyUse.SIGNATURE.equals(jwk.getKeyUse()))) {
      throw fail(
          ALGORITHM_NOT_ALLOWED,
          "The platform key " + quote(kid) + " is not an RSA signing key for RS256.");
    }

    // Security Framework 5.1.3 step 1: verify the signature with that key.
    boolean verified;
    try {
      verified = signed.verify(new RSASSAVerifier(rsaKey));
    } catch (JOSEException e) {
      verified = false;
    }
    if (!verified) {
      throw fail(SIGNATURE_INVALID, "The id_token's signature does not verify.");
    }

    // Security Framework 5.1.3 step 7: the current time is before exp (with leeway).
    Date exp = claims.getExpirationTime();
    if (exp == null) {
      throw fail(EXPIRY_MISSING, "The id_token has no expiry time (exp).");
    }
    if (!now.isBefore(exp.toInstant().plus(leeway))) {
      throw fail(TOKEN_EXPIRED, "The id_token expired at " + exp.toInstant() + ".");
    }

    // Security Framework 5.1.3 step 8: iat is present and not in the future (with leeway).
    Date iat = claims.getIssueTime();
    if (iat == null) {
      throw fail(ISSUED_AT_MISSING, "The id_token has no issue time (iat).");
    }
    if (iat.toInstant().isAfter(now.plus(leeway))) {
      throw fail(ISSUED_IN_FUTURE, "The id_token claims to be issued in the future.");
    }

    // Security Framework 5.1.3 step 9: nonce is present and was never used before.
    String nonce = stringClaim(claims, LtiClaims.NONCE);
    if (isBlank(nonce)) {
      throw fail(NONCE_MISSING, "The id_token has no nonce.");
    }
    if (!nonces.markUsed(nonce, exp.toInstant().plus(leeway))) {
      throw fail(NONCE_REPLAYED, "The id_token's nonce was already used: this is a replay.");
    }

    // Security Framework 5.1.1.2-5.1.1.3 (state sent in the authentication request and returned in
    // the response; RFC 6749 section 10.12 against cross-site request forgery): the state posted
    // back is the one this browser kept since the login, was issued by us for this registration,
    // and is used once.
    if (isBlank(request.browserState())
        || !sameSecret(request.formState(), request.browserState())) {
      throw fail(STATE_MISMATCH, "The launch's state does not match the state of this browser.");
    }
    LoginState login =
        states
            .consume(request.formState(), now)
            .orElseThrow(
                () ->
                    fail(
                        STATE_UNKNOWN,
                        "The launch's state is unknown, expired or already used; start again from"
                            + " the course."));
    if (!login.issuer().equals(registration.issuer())
        || !login.clientId().equals(registration.clientId())) {
      throw fail(STATE_MISMATCH, "The launch's state was issued for another platform.");
    }
    // OIDC Core 3.1.3.7 step 11: the nonce is the one sent in this login's authentication request.
    if (!sameSecret(nonce, login.nonce())) {
      throw fail(NONCE_MISMATCH, "The id_token's nonce is not the one this login sent.");
    }

    try {
      return readMessage(claims, registration);
    } catch (JsonObject.JsonTypeException e) {
      throw fail(CLAIM_MALFORMED, "The id_token's claim " + e.getMessage() + ".");
    }
  }

  /** Security Framework 5.1.3 steps 3, 4 and 5. */
  private PlatformRegistration registrationFor(String issuer, JWTClaimsSet claims)
      throws LtiValidationException {
    List<String> audience = claims.getAudience();
    if (audience == null || audience.isEmpty()) {
      throw fail(AUDIENCE_MISMATCH, "The id_token has no audience (aud).");
    }
    String azp = stringClaim(claims, LtiClaims.AUTHORIZED_PARTY);
    if (azp != null) {
      if (!audience.contains(azp)) {
        throw fail(
            AUTHORIZED_PARTY_MISMATCH,
            "The id_token's authorized party (azp) is not one of its audiences.");
      }
      return registrations
          .find(issuer, azp)
          .orElseThrow(
              () ->
                  fail(
                      AUTHORIZED_PARTY_MISMATCH,
                      "The id_token's authorized party (azp) "
                          + quote(azp)
                          + " is not our client_id."));
    }
    if (audience.size() > 1) {
      for (String aud : audience) {
        if (registrations.find(issuer, aud).isPresent()) {
          throw fail(
              AUTHORIZED_PARTY_MISMATCH,
              "The id_token has several audiences but no authorized party (azp).");
        }
      }
      throw fail(AUDIENCE_MISMATCH, "None of the id_token's audiences is our client_id.");
    }
    return registrations
        .find(issuer, audience.get(0))
        .orElseThrow(
            () ->
                fail(
                    AUDIENCE_MISMATCH,
                    "The id_token's audience "
                        + quote(audience.get(0))
                        + " is not our client_id at "
                        + issuer
                        + "."));
  }

  /** LTI Core 1.3 sections 5.3 (required message claims) and 5.4; Deep Linking 2.0 4.4. */
  private LtiLaunch readMessage(JWTClaimsSet jwtClaims, PlatformRegistration registration)
      throws LtiValidationException {
    JsonObject claims = new JsonObject(jwtClaims.toJSONObject());

    // LTI Core 5.3.1: message_type, one this tool handles.
    String messageTypeValue =
        claims
            .string(LtiClaims.MESSAGE_TYPE)
            .orElseThrow(() -> fail(MESSAGE_TYPE_MISSING, "The launch has no message_type claim."));
    LtiMessageType messageType =
        LtiMessageType.fromClaim(messageTypeValue)
            .orElseThrow(
                () ->
                    fail(
                        MESSAGE_TYPE_UNSUPPORTED,
                        "The message type " + quote(messageTypeValue) + " is not supported."));

    // LTI Core 5.3.2: version is 1.3.0.
    String version =
        claims
            .string(LtiClaims.VERSION)
            .orElseThrow(() -> fail(VERSION_MISSING, "The launch has no LTI version claim."));
    if (!LtiClaims.LTI_VERSION.equals(version)) {
      throw fail(
          VERSION_UNSUPPORTED,
          "The launch is LTI version " + quote(version) + "; this tool speaks 1.3.0.");
    }

    // LTI Core 5.3.3: deployment_id, one known for this registration.
    String deploymentId =
        claims
            .string(LtiClaims.DEPLOYMENT_ID)
            .filter(s -> !s.isBlank())
            .orElseThrow(
                () -> fail(DEPLOYMENT_ID_MISSING, "The launch has no deployment_id claim."));
    if (!registration.hasDeployment(deploymentId)) {
      throw fail(
          DEPLOYMENT_ID_UNKNOWN,
          "The deployment "
              + quote(deploymentId)
              + " is not known for "
              + registration.key()
              + ".");
    }

    // LTI Core 5.3.4: target_link_uri.
    URI targetLinkUri =
        claims
            .string(LtiClaims.TARGET_LINK_URI)
            .filter(s -> !s.isBlank())
            .map(LaunchValidator::uriOrNull)
            .orElseThrow(
                () -> fail(TARGET_LINK_URI_MISSING, "The launch has no valid target_link_uri."));

    // LTI Core 5.3.5: a resource link launch names its resource link.
    Optional<LtiResourceLink> resourceLink =
        claims
            .object(LtiClaims.RESOURCE_LINK)
            .flatMap(
                o ->
                    o.text(LtiClaims.ID)
                        .filter(s -> !s.isBlank())
                        .map(
                            id ->
                                new LtiResourceLink(
                                    id,
                                    o.string(LtiClaims.TITLE),
                                    o.string(LtiClaims.DESCRIPTION))));
    if (messageType == LtiMessageType.RESOURCE_LINK && resourceLink.isEmpty()) {
      throw fail(RESOURCE_LINK_ID_MISSING, "The launch has no resource_link id.");
    }

    // LTI Core 5.3.6: sub identifies the user; only messages other than resource link launches
    // may be anonymous.
    Optional<String> subject = claims.text(LtiClaims.SUBJECT).filter(s -> !s.isBlank());
    if (messageType == LtiMessageType.RESOURCE_LINK && subject.isEmpty()) {
      throw fail(SUBJECT_MISSING, "The launch has no user (sub claim).");
    }

    // LTI Core 5.3.7: roles is required, and may be an empty array.
    List<String> roles =
        claims
            .strings(LtiClaims.ROLES)
            .orElseThrow(() -> fail(ROLES_MISSING, "The launch has no roles claim."));

    // Deep Linking 2.0 section 4.4.1: a deep linking request says where to return.
    Optional<DeepLinkingSettings> deepLinking =
        claims.object(LtiClaims.DEEP_LINKING_SETTINGS).map(LaunchValidator::deepLinkingSettings);
    if (messageType == LtiMessageType.DEEP_LINKING
        && (deepLinking.isEmpty() || deepLinking.get().returnUrl() == null)) {
      throw fail(
          DEEP_LINK_RETURN_URL_MISSING, "The deep linking request has no deep_link_return_url.");
    }

    // Optional claims (LTI Core 5.4, AGS 2.0 3.1, NRPS 2.0 3.6.1); unknown claims are ignored.
    Optional<LtiContext> context =
        claims
            .object(LtiClaims.CONTEXT)
            .flatMap(
                o ->
                    o.text(LtiClaims.ID)
                        .map(
                            id ->
                                new LtiContext(
                                    id,
                                    o.string(LtiClaims.TITLE),
                                    o.string(LtiClaims.LABEL),
                                    o.strings(LtiClaims.TYPE).orElse(List.of()))));
    Optional<AgsEndpoint> ags =
        claims
            .object(LtiClaims.AGS_ENDPOINT)
            .map(
                o ->
                    new AgsEndpoint(
                        o.string(LtiClaims.AGS_LINE_ITEMS).map(LaunchValidator::uriOrNull),
                        o.string(LtiClaims.AGS_LINE_ITEM).map(LaunchValidator::uriOrNull),
                        new LinkedHashSet<>(o.strings(LtiClaims.AGS_SCOPE).orElse(List.of()))));
    Optional<NrpsEndpoint> nrps =
        claims
            .object(LtiClaims.NRPS_SERVICE)
            .flatMap(
                o ->
                    o.string(LtiClaims.NRPS_CONTEXT_MEMBERSHIPS_URL)
                        .map(LaunchValidator::uriOrNull)
                        .map(
                            url ->
                                new NrpsEndpoint(
                                    url,
                                    o.strings(LtiClaims.NRPS_SERVICE_VERSIONS).orElse(List.of()))));
    Optional<LaunchPresentation> presentation =
        claims
            .object(LtiClaims.LAUNCH_PRESENTATION)
            .map(
                o ->
                    new LaunchPresentation(
                        o.string(LtiClaims.DOCUMENT_TARGET),
                        o.string(LtiClaims.RETURN_URL).map(LaunchValidator::uriOrNull),
                        o.string(LtiClaims.LOCALE),
                        o.number(LtiClaims.WIDTH).map(Double::intValue),
                        o.number(LtiClaims.HEIGHT).map(Double::intValue)));
    Map<String, String> custom = claims.stringMap(LtiClaims.CUSTOM).orElse(Map.of());
    Optional<String> locale =
        claims.string(LtiClaims.LOCALE).or(() -> presentation.flatMap(LaunchPresentation::locale));

    return new LtiLaunch(
        registration.key(),
        deploymentId,
        messageType,
        targetLinkUri,
        subject,
        claims.string(LtiClaims.NAME),
        claims.string(LtiClaims.GIVEN_NAME),
        claims.string(LtiClaims.FAMILY_NAME),
        claims.string(LtiClaims.EMAIL),
        roles,
        LtiRole.of(roles),
        context,
        resourceLink,
        custom,
        ags,
        nrps,
        deepLinking,
        locale,
        presentation);
  }

  private static DeepLinkingSettings deepLinkingSettings(JsonObject o) {
    return new DeepLinkingSettings(
        o.string(LtiClaims.DL_RETURN_URL).map(LaunchValidator::uriOrNull).orElse(null),
        o.strings(LtiClaims.DL_ACCEPT_TYPES).orElse(List.of()),
        o.strings(LtiClaims.DL_ACCEPT_PRESENTATION_TARGETS).orElse(List.of()),
        o.strings(LtiClaims.DL_ACCEPT_MEDIA_TYPES).orElse(List.of()),
        o.bool(LtiClaims.DL_ACCEPT_MULTIPLE).orElse(true),
        o.bool(LtiClaims.DL_ACCEPT_LINE_ITEM).orElse(false),
        o.bool(LtiClaims.DL_AUTO_CREATE).orElse(false),
        o.string(LtiClaims.TITLE),
        o.string(LtiClaims.DL_TEXT),
        o.string(LtiClaims.DL_SETTINGS_DATA));
  }

  private static String stringClaim(JWTClaimsSet claims, String name)
      throws LtiValidationException {
    try {
      return claims.getStringClaim(name);
    } catch (ParseException e) {
      throw fail(CLAIM_MALFORMED, "The id_token's claim \"" + name + "\" must be a string.");
    }
  }

  private static URI uriOrNull(String s) {
    try {
      URI uri = new URI(s);
      return uri.isAbsolute() ? uri : null;
    } catch (URISyntaxException e) {
      return null;
    }
  }

  private static boolean sameSecret(String a, String b) {
    return MessageDigest.isEqual(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }

  private static String quote(String s) {
    if (s == null) {
      return "(none)";
    }
    String shortened = s.length() > 80 ? s.substring(0, 80) + "..." : s;
    return "\"" + shortened + "\"";
  }

  private static LtiValidationException fail(LtiErrorCode code, String message) {
    return new LtiValidationException(code, message);
  }
}
