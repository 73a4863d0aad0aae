package io.visiongrade.lms.lti.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StateCookieTest {

  static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

  @Test
  void oneCookiePerLoginWithCrossSiteAttributes() {
    LoginRedirect redirect =
        new LoginRedirect(
            URI.create("https://lms/auth"), "AbCdEfGhIjKlMnOpQrStUv-_xyz", NOW.plusSeconds(600));
    String header = StateCookie.setCookie(redirect, "/vg/lti", NOW);
    assertEquals(
        "lti_state_AbCdEfGhIjKlMnOp=AbCdEfGhIjKlMnOpQrStUv-_xyz; Path=/vg/lti; Max-Age=600;"
            + " Secure; HttpOnly; SameSite=None",
        header);
    assertTrue(StateCookie.clearCookie(redirect.state(), "/vg/lti").contains("Max-Age=0"));
  }

  @Test
  void findsTheBrowserStateForTheFormState() {
    String state = "AbCdEfGhIjKlMnOpQrStUv";
    Map<String, String> cookies = Map.of(StateCookie.name(state), state, "other", "x");
    assertEquals(Optional.of(state), StateCookie.find(cookies, state));
    assertEquals(Optional.empty(), StateCookie.find(cookies, "ZZZZZZZZZZZZZZZZZZ"));
    assertEquals(Optional.empty(), StateCookie.find(cookies, null));
  }
}
