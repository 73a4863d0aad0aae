package io.visiongrade.web;

import io.visiongrade.lms.lti.support.Html;

/** The shared frame of the server-rendered pages. Callers escape their content with {@link #e}. */
public final class Page {

  private static final String STYLE =
      """
      body { font-family: system-ui, sans-serif; max-width: 48rem; margin: 2rem auto;
             padding: 0 1rem; line-height: 1.5; color: #1b1f24; }
      h1 { margin-bottom: 0.2rem; } .lead { color: #4a5563; margin-top: 0; }
      a { color: #0b5cad; } code { background: #f2f4f7; padding: 0 0.25rem; }
      .error { border-left: 4px solid #b42318; padding: 0.5rem 1rem; background: #fef3f2; }
      .card { border: 1px solid #d0d5dd; border-radius: 8px; padding: 0.75rem 1rem; margin: 0.75rem 0; }
      label { display: block; margin-top: 0.5rem; font-weight: 600; }
      input, select, button { font: inherit; padding: 0.3rem 0.5rem; }
      button { margin-top: 0.75rem; cursor: pointer; }
      table { border-collapse: collapse; } td, th { border: 1px solid #d0d5dd; padding: 0.25rem 0.5rem; }
      """;

  private Page() {}

  /** HTML-escapes text. */
  public static String e(String text) {
    return text == null ? "" : Html.escape(text);
  }

  /** A complete page with an escaped title and the given (already safe) body HTML. */
  public static String of(String title, String body) {
    return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        + "<link rel=\"icon\" href=\"data:,\">\n<title>"
        + e(title)
        + " · VisionGrade</title>\n<style>"
        + STYLE
        + "</style>\n</head>\n<body>\n<main>\n"
        + body
        + "\n</main>\n</body>\n</html>\n";
  }

  /** A page that says what failed, in plain words. */
  public static String error(String title, String message) {
    return of(
        title,
        "<h1>" + e(title) + "</h1>\n<p class=\"error\" role=\"alert\">" + e(message) + "</p>");
  }
}
