package io.visiongrade.web.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class MessagesTest {

  private static Properties load(String name) throws IOException {
    Properties p = new Properties();
    try (InputStream in = Messages.class.getResourceAsStream(name)) {
      assertTrue(in != null, name);
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
    return p;
  }

  @Test
  void everyTranslatedKeyExistsInEnglishAndEveryPatternParses() throws IOException {
    Properties en = load("messages.properties");
    Properties de = load("messages_de.properties");
    for (String key : de.stringPropertyNames()) {
      assertTrue(en.containsKey(key), "messages_de has a key English lacks: " + key);
    }
    for (Properties p : new Properties[] {en, de}) {
      for (String key : p.stringPropertyNames()) {
        String v = p.getProperty(key);
        if (v.contains("{0")) {
          new MessageFormat(v); // throws on a malformed pattern
          assertTrue(
              !v.replace("''", "").contains("'"),
              key + ": a lone ' in a message with arguments swallows text; write ’ or ''");
        }
      }
    }
  }

  @Test
  void theLtiLocaleClaimSelectsATranslationAndFallsBackToEnglish() {
    assertEquals("Kurs", Messages.forLocale(Optional.of("de-DE")).get("nav.label"));
    assertEquals("de", Messages.forLocale(Optional.of("de_AT")).language());
    assertEquals("Erneut versuchen", Messages.forLocale(Optional.of("de")).get("common.retry"));
    // A key a translation lacks comes from English, not the server's locale (messages_eo is a
    // partial translation in the test resources; German is complete).
    assertEquals("Kurso", Messages.forLocale(Optional.of("eo")).get("nav.label"));
    assertEquals("eo", Messages.forLocale(Optional.of("eo")).language());
    assertEquals("Try again", Messages.forLocale(Optional.of("eo")).get("common.retry"));
    assertEquals("Course", Messages.forLocale(Optional.of("ja")).get("nav.label"));
    assertEquals("en", Messages.forLocale(Optional.of("ja")).language());
    assertEquals("Course", Messages.forLocale(Optional.of("not a locale!!")).get("nav.label"));
    assertEquals("Course", Messages.forLocale(Optional.empty()).get("nav.label"));
    assertEquals("??no.such.key??", Messages.english().get("no.such.key"));
  }

  @Test
  void htmlEscapesTheMessageButNotItsSafeArguments() {
    String html = Messages.english().html("home.signedIn", "<b>A&amp;B</b>", "<i>x</i>");
    assertEquals("Signed in as <b>A&amp;B</b>, <i>x</i>.", html);
    assertEquals("3 points", Messages.english().e("common.points", 3));
  }
}
