package io.visiongrade.web.pages;

import io.visiongrade.web.Page;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.Optional;
import java.util.ResourceBundle;

/**
 * The pages' text, from one message bundle ({@code io/visiongrade/web/pages/messages.properties},
 * English). The LMS's {@code locale} launch claim selects a translation when one exists ({@code
 * messages_de.properties}, ...); keys a translation lacks fall back to English, never to the
 * server's own default locale.
 */
public final class Messages {

  static final String BUNDLE = "io.visiongrade.web.pages.messages";

  private static final ResourceBundle.Control NO_SERVER_LOCALE =
      ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

  private final Locale locale;
  private final ResourceBundle bundle;

  private Messages(Locale locale) {
    this.locale = locale;
    this.bundle = ResourceBundle.getBundle(BUNDLE, locale, NO_SERVER_LOCALE);
  }

  /** English. */
  public static Messages english() {
    return new Messages(Locale.ENGLISH);
  }

  /**
   * The messages for an LTI {@code locale} claim ("de", "fr-CA", "en_US"); English when absent,
   * malformed or untranslated.
   */
  public static Messages forLocale(Optional<String> ltiLocale) {
    return ltiLocale
        .map(String::strip)
        .filter(l -> !l.isEmpty() && l.length() <= 35)
        .map(l -> Locale.forLanguageTag(l.replace('_', '-')))
        .filter(l -> !l.getLanguage().isEmpty())
        .map(Messages::new)
        .orElseGet(Messages::english);
  }

  /** The language of the page ({@code <html lang>}): the translation's, else "en". */
  public String language() {
    String lang = bundle.getLocale().getLanguage();
    return lang.isEmpty() ? "en" : lang;
  }

  /** The locale asked for (number and date formats). */
  public Locale locale() {
    return locale;
  }

  /** The text of {@code key}, with {@link MessageFormat} arguments; {@code ??key??} if missing. */
  public String get(String key, Object... args) {
    String pattern;
    try {
      pattern = bundle.getString(key);
    } catch (MissingResourceException e) {
      return "??" + key + "??";
    }
    return args.length == 0 ? pattern : new MessageFormat(pattern, locale).format(args);
  }

  /** {@link #get} HTML-escaped, for element content and attribute values. */
  public String e(String key, Object... args) {
    return Page.e(get(key, args));
  }

  /**
   * The message as HTML: its own text escaped, its arguments inserted as given (they must already
   * be safe HTML, e.g. {@code "<strong>" + Page.e(name) + "</strong>"}).
   */
  public String html(String key, String... safeHtmlArgs) {
    Object[] markers = new Object[safeHtmlArgs.length];
    for (int i = 0; i < markers.length; i++) {
      markers[i] = "\u0000" + i + "\u0000";
    }
    String escaped = e(key, markers);
    for (int i = 0; i < markers.length; i++) {
      escaped = escaped.replace((String) markers[i], safeHtmlArgs[i]);
    }
    return escaped;
  }

  /** True when the bundle (or English) has the key. */
  public boolean has(String key) {
    return bundle.containsKey(key);
  }
}
