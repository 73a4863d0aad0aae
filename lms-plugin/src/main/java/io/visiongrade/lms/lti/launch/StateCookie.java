package io.visiongrade.lms.lti.launch;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The cookie that keeps a login's state in the browser until the launch (Security Framework
 * 5.1.1.2; OIDC state binding). One cookie per login, named after the state's first characters, so
 * that launches in several tabs do not overwrite each other; {@code SameSite=None; Secure} because
 * the launch is a cross-site form post from the platform. When the browser blocks third-party
 * cookies, the page falls back to LTI client-side postMessage storage and passes that value as the
 * browser state instead.
 */
public final class StateCookie {

  public static final String PREFIX = "lti_state_";
  private static final int NAME_CHARS = 16;

  private StateCookie() {}

  /** The cookie name for a state value. */
  public static String name(String state) {
    String head = state.length() > NAME_CHARS ? state.substring(0, NAME_CHARS) : state;
    return PREFIX + head.replaceAll("[^A-Za-z0-9_-]", "_");
  }

  /** The {@code Set-Cookie} header value to send with the login redirect. */
  public static String setCookie(LoginRedirect redirect, String path, Instant now) {
    long maxAge = Math.max(0, Duration.between(now, redirect.expiresAt()).getSeconds());
    return name(redirect.state())
        + "="
        + redirect.state()
        + "; Path="
        + path
        + "; Max-Age="
        + maxAge
        + "; Secure; HttpOnly; SameSite=None";
  }

  /** The {@code Set-Cookie} header value that removes the cookie after the launch. */
  public static String clearCookie(String state, String path) {
    return name(state) + "=; Path=" + path + "; Max-Age=0; Secure; HttpOnly; SameSite=None";
  }

  /** The browser's state for the posted form state, from the request's cookies (name to value). */
  public static Optional<String> find(Map<String, String> cookies, String formState) {
    if (formState == null || formState.isBlank()) {
      return Optional.empty();
    }
    return Optional.ofNullable(cookies.get(name(formState)));
  }
}
